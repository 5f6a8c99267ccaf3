package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestListIsNewestFirstWithPaging(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	base := time.Date(2025, 5, 1, 9, 0, 0, 0, app.ChinaTime)
	// Issue times out of insertion order, and sub-second differences that
	// plain RFC3339Nano text would sort wrongly ("…:00Z" after "…:00.5Z").
	issued := map[string]time.Time{
		"S1": base.Add(2 * time.Hour),
		"S2": base,
		"S3": base.Add(500 * time.Millisecond),
	}
	for _, s := range []string{"S1", "S2", "S3"} {
		pendingInvoice(t, db, s, simpleDraft(companyBuyer, "*软件*授权", "10"))
		issue(t, db, s, testNumber(int(issued[s].Sub(base)/time.Millisecond)), issued[s])
	}
	// Not issued: ordered by its creation time, which is now (newest).
	pendingInvoice(t, db, "S4", simpleDraft(companyBuyer, "*软件*授权", "10"))

	all, err := db.ListInvoices(ctx, app.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if got := serialsOf(all); got != "S4,S1,S3,S2" {
		t.Errorf("order = %s", got)
	}
	for _, inv := range all {
		if inv.Total.IsZero() || len(inv.Lines) != 1 {
			t.Errorf("%s: total %s, %d lines", inv.RequestSerial, inv.Total, len(inv.Lines))
		}
	}
	page, err := db.ListInvoices(ctx, app.ListQuery{Limit: 2, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := serialsOf(page); got != "S1,S3" {
		t.Errorf("page = %s", got)
	}
}

func TestListUsesTheOrderingIndex(t *testing.T) {
	db, _ := openTemp(t)
	query, args := listQuery(app.ListQuery{})
	rows, err := db.reader.Query(`EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		rows.Scan(&id, &parent, &unused, &detail)
		plan = append(plan, detail)
	}
	text := strings.Join(plan, "; ")
	if !strings.Contains(text, "invoices_newest") || strings.Contains(text, "TEMP B-TREE") {
		t.Errorf("list query plan does not walk invoices_newest: %s", text)
	}
}

func TestSearchMatchesNumberBuyerAndTaxID(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	person := app.Party{Name: "张三", NaturalPerson: true}
	other := app.Party{Name: "深圳市腾飞贸易有限公司", TaxID: "9111011457319202X9"}
	pendingInvoice(t, db, "S-company", simpleDraft(companyBuyer, "*软件*授权", "10"))
	pendingInvoice(t, db, "S-person", simpleDraft(person, "*软件*授权", "10"))
	pendingInvoice(t, db, "S-other", simpleDraft(other, "*软件*授权", "10"))
	issue(t, db, "S-other", "25312000000000000777", time.Now())

	for search, want := range map[string]string{
		"某某科技":       "S-company",
		"张":          "S-person",
		"915101":     "S-company",
		"91510113ma": "S-company", // typed in lower case
		"2531200":    "S-other",
		"777":        "",        // number matches by prefix only
		"MA6739XPX2": "",        // tax ID matches by prefix only
		"  腾飞 ":      "S-other", // trimmed
		"":           "S-other,S-person,S-company",
	} {
		got, err := db.ListInvoices(ctx, app.ListQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}
		if s := serialsOf(got); s != want {
			t.Errorf("search %q = %q, want %q", search, s, want)
		}
	}
}

func TestSearchTreatsWildcardsAndQuotesLiterally(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	names := map[string]string{
		"S-percent":    "百分百100%有限公司",
		"S-underscore": "A_B 贸易有限公司",
		"S-plain":      "AXB 贸易有限公司",
		"S-quote":      `O'Brien "咨询" 有限公司`,
		"S-backslash":  `反斜杠\公司`,
		"S-other":      "100元有限公司",
	}
	for serial, name := range names {
		pendingInvoice(t, db, serial, simpleDraft(app.Party{Name: name, NaturalPerson: true}, "*软件*授权", "10"))
	}
	for search, want := range map[string]string{
		"100%":       "S-percent",
		"%":          "S-percent",
		"A_B":        "S-underscore",
		"_":          "S-underscore",
		"O'Brien":    "S-quote",
		`"咨询"`:       "S-quote",
		`\`:          "S-backslash",
		`'; DROP --`: "",
	} {
		got, err := db.ListInvoices(ctx, app.ListQuery{Search: search})
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		if s := serialsOf(got); s != want {
			t.Errorf("search %q = %q, want %q", search, s, want)
		}
	}
}

func serialsOf(invs []app.Invoice) string {
	var s []string
	for _, inv := range invs {
		s = append(s, inv.RequestSerial)
	}
	return strings.Join(s, ",")
}
