package store

import (
	"cmp"
	"strings"
	"testing"

	"fapiao/app"
)

// The plans of a clerk's queries, pinned: each page is chosen and each
// total summed from one index alone (a "COVERING INDEX"), never by
// reading every invoice. SQLite picks plans by itself, from what it
// assumes without statistics: that an equality narrows a lot. The store
// runs no ANALYZE: with statistics, on a million invoices, SQLite walked
// a sort's index past thousands of invoices rather than sort the few
// hundred a filter matched, and such pages took 85–125 ms instead of a
// few. A change of index or query that loses one of these plans fails
// here, in milliseconds, rather than in BenchmarkInboundPage1M.
func TestInboundQueryPlans(t *testing.T) {
	db, _ := openTemp(t)
	upsertInbound(t, db, generateInbound(200, 8, 20), 1)
	march := chinaDate(2024, 3, 1)
	for _, tc := range []struct {
		name         string
		q            app.InboundQuery
		page, totals string // the index each reads; "" any one, alone
	}{
		{"newest first", app.InboundQuery{}, "inbound_by_date", ""},
		{"by amount", app.InboundQuery{Sort: "amount", Desc: true}, "inbound_by_amount", ""},
		{"status and dates by amount", app.InboundQuery{Statuses: []app.InboundStatus{app.InboundUnchecked},
			From: march, To: march.AddDate(0, 1, -1), Sort: "amount", Desc: true}, "inbound_by_status", "inbound_by_status"},
		{"unchecked", app.InboundQuery{CheckStatus: "0"}, "inbound_by_check_status", "inbound_by_check_status"},
		{"states", app.InboundQuery{States: []string{"2", "7"}}, "inbound_by_state", "inbound_by_state"},
		{"risks", app.InboundQuery{Risks: []string{"1", "2"}}, "inbound_by_risk", "inbound_by_risk"},
		{"period by valid tax", app.InboundQuery{Period: "202403", Sort: "valid_tax", Desc: true},
			"inbound_by_period", "inbound_by_period"},
		{"type", app.InboundQuery{Types: []string{"09"}}, "inbound_by_type", ""},
		{"type and amounts", app.InboundQuery{Types: []string{"09", "90"}, MinAmount: amountBound("1000"),
			MaxAmount: amountBound("5000")}, "inbound_by_type_amount", "inbound_by_type_amount"},
		{"seller word", app.InboundQuery{Seller: "华信"}, "inbound_by_seller_name", "inbound_by_seller_name"},
		{"seller words", app.InboundQuery{Seller: "成都华信 科技"}, "inbound_by_seller_name", "inbound_by_seller_name"},
		{"seller tax ID", app.InboundQuery{Seller: "915101"}, "inbound_by_seller_tax_id", "inbound_by_seller_tax_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, args, err := inboundPageQuery(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			w := inboundWhere(tc.q)
			for _, c := range []struct{ what, plan, index string }{
				{"page", queryPlan(t, db, page, args...), tc.page},
				{"totals", queryPlan(t, db, `SELECT COUNT(*), SUM(amount_cents) FROM inbound_invoices`+w.sql(), w.args...), tc.totals},
			} {
				if !readsIndexAlone(c.plan, c.index) {
					t.Errorf("%s: plan %q does not read %s alone", c.what, c.plan, cmp.Or(c.index, "an index"))
				}
			}
		})
	}
}

// readsIndexAlone says whether the steps of plan that read
// inbound_invoices read index alone (any one index when ""), apart from
// looking rows up by id.
func readsIndexAlone(plan, index string) bool {
	covered := false
	for step := range strings.SplitSeq(plan, "; ") {
		_, name, ok := strings.Cut(step, "inbound_invoices USING COVERING INDEX ")
		name, _, _ = strings.Cut(name, " ")
		switch {
		case ok && (index == "" || name == index):
			covered = true
		case strings.Contains(step, "inbound_invoices USING INTEGER PRIMARY KEY (rowid=?)"),
			!strings.Contains(step, "inbound_invoices"):
		default:
			return false
		}
	}
	return covered
}
