package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// queryFixture is a database of 3,000 generated invoices plus the full
// one and the voucher, shared by the query tests (they only read it).
type queryFixture struct {
	db   *DB
	invs []app.InboundInvoice
}

func newQueryFixture(t *testing.T) queryFixture {
	t.Helper()
	invs := append(generateInbound(3000, 3, 300), fullInbound(), voucherInbound())
	return queryFixture{db: storedInbound(t, invs), invs: invs}
}

// all reads what q matches with EachInbound.
func (f queryFixture) all(t *testing.T, q app.InboundQuery) []app.InboundInvoice {
	t.Helper()
	var out []app.InboundInvoice
	err := f.db.EachInbound(context.Background(), q, func(inv app.InboundInvoice) error {
		out = append(out, inv)
		return nil
	})
	if err != nil {
		t.Fatalf("EachInbound(%+v): %v", q, err)
	}
	return out
}

// check compares the store's first page, every match and the totals of q
// with the model's, and returns how many matched.
func (f queryFixture) check(t *testing.T, q app.InboundQuery) int {
	t.Helper()
	want := modelQuery(f.invs, q)
	if got := f.all(t, q); !slices.Equal(keysOf(got), keysOf(want)) {
		t.Errorf("EachInbound: %d invoices %.5q…, want %d %.5q…", len(got), keysOf(got), len(want), keysOf(want))
	}
	page, err := f.db.QueryInbound(context.Background(), q)
	if err != nil {
		t.Fatalf("QueryInbound: %v", err)
	}
	if wantPage := want[:min(len(want), defaultInboundPage)]; !slices.Equal(keysOf(page), keysOf(wantPage)) {
		t.Errorf("QueryInbound: first page %d invoices, want %d", len(page), len(wantPage))
	}
	totals, err := f.db.TotalInbound(context.Background(), q)
	if err != nil {
		t.Fatalf("TotalInbound: %v", err)
	}
	assertSameTotals(t, totals, modelTotals(want))
	return len(want)
}

func assertSameTotals(t *testing.T, got, want app.InboundTotals) {
	t.Helper()
	if got.Count != want.Count || !got.Amount.Equal(want.Amount) || !got.Tax.Equal(want.Tax) || !got.ValidTax.Equal(want.ValidTax) {
		t.Errorf("totals %d / %s / %s / %s, want %d / %s / %s / %s", got.Count, got.Amount, got.Tax, got.ValidTax,
			want.Count, want.Amount, want.Tax, want.ValidTax)
	}
}

func chinaDate(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, app.ChinaTime)
}

func amountBound(s string) decimal.NullDecimal { return decimal.NewNullDecimal(dec(s)) }

func TestInboundFiltersEachAndCombined(t *testing.T) {
	f := newQueryFixture(t)
	for name, q := range map[string]app.InboundQuery{
		"statuses":     {Statuses: []app.InboundStatus{app.InboundUnchecked, app.InboundNotDue}},
		"check status": {CheckStatus: "1"},
		"states":       {States: []string{"2", "7", "8"}},
		"risks":        {Risks: []string{"1", "2"}},
		"types":        {Types: []string{"17", "18"}},
		"from":         {From: chinaDate(2025, 6, 1)},
		"to inclusive": {To: chinaDate(2023, 1, 31)},
		// A time of day on To still includes the whole day.
		"one day":    {From: chinaDate(2024, 2, 29), To: chinaDate(2024, 2, 29).Add(23 * time.Hour)},
		"period":     {Period: "202406"},
		"min amount": {MinAmount: amountBound("1000000")},
		"max amount": {MaxAmount: amountBound("100.005")},
		"seller":     {Seller: "有限责任"},
		"status and dates by amount": {Statuses: []app.InboundStatus{app.InboundUnchecked},
			From: chinaDate(2024, 3, 1), To: chinaDate(2024, 5, 31), Sort: "amount", Desc: true},
		"type and amount range": {Types: []string{"09", "01"}, MinAmount: amountBound("500"), MaxAmount: amountBound("5000")},
		"risk and period":       {Risks: []string{"1", "2", "3"}, Period: "202405", CheckStatus: "1"},
		"everything": {Statuses: []app.InboundStatus{app.InboundPastPeriods, app.InboundChecked}, CheckStatus: "1",
			States: []string{"0"}, Risks: []string{"0"}, Types: []string{"09", "90"}, From: chinaDate(2023, 6, 1),
			To: chinaDate(2025, 6, 1), MinAmount: amountBound("100"), MaxAmount: amountBound("100000"), Seller: "科技"},
	} {
		t.Run(name, func(t *testing.T) {
			n := f.check(t, q)
			if n == 0 || n == len(f.invs) {
				t.Errorf("the filter matches %d of %d invoices: it tests nothing", n, len(f.invs))
			}
		})
	}
}

func TestInboundSortsByEveryColumnBothWays(t *testing.T) {
	f := newQueryFixture(t)
	for _, name := range append(sortNames(), "") {
		for _, desc := range []bool{false, true} {
			q := app.InboundQuery{Sort: name, Desc: desc,
				Statuses: []app.InboundStatus{app.InboundUnchecked, app.InboundChecked, app.InboundNotDue}}
			t.Run(fmt.Sprintf("%s desc=%v", name, desc), func(t *testing.T) {
				got := pageThrough(t, f.db, q, 173)
				if want := modelQuery(f.invs, q); !slices.Equal(keysOf(got), keysOf(want)) {
					t.Errorf("paged through %d invoices, want %d in the model's order", len(got), len(want))
				}
			})
		}
	}
}

// pageThrough reads every page of q, size rows at a time, checking that
// no key comes twice.
func pageThrough(t *testing.T, db *DB, q app.InboundQuery, size int) []app.InboundInvoice {
	t.Helper()
	var all []app.InboundInvoice
	seen := map[string]bool{}
	for q.Offset, q.Limit = 0, size; ; q.Offset += size {
		page, err := db.QueryInbound(context.Background(), q)
		if err != nil {
			t.Fatalf("QueryInbound(offset %d): %v", q.Offset, err)
		}
		for _, inv := range page {
			if seen[inv.Key] {
				t.Fatalf("%s on two pages", inv.Key)
			}
			seen[inv.Key] = true
		}
		all = append(all, page...)
		if len(page) < size {
			return all
		}
	}
}

func TestOffsetPagingVisitsEveryInvoiceOnce(t *testing.T) {
	f := newQueryFixture(t)
	got := pageThrough(t, f.db, app.InboundQuery{}, 97)
	if len(got) != len(f.invs) {
		t.Errorf("%d invoices paged through, want %d", len(got), len(f.invs))
	}
	if want := modelQuery(f.invs, app.InboundQuery{}); !slices.Equal(keysOf(got), keysOf(want)) {
		t.Error("the default order is not newest first, then key")
	}
}

func TestInboundPageSizeDefaultsAndLimit(t *testing.T) {
	f := newQueryFixture(t)
	for limit, want := range map[int]int{0: defaultInboundPage, 7: 7, 5000: maxInboundPage} {
		page, err := f.db.QueryInbound(context.Background(), app.InboundQuery{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != want {
			t.Errorf("Limit %d: %d invoices, want %d", limit, len(page), want)
		}
	}
}

func TestAnUnknownSortIsRefused(t *testing.T) {
	db, _ := openTemp(t)
	for _, sort := range []string{"amount_cents", "id; DROP TABLE inbound_invoices", "buyer_name"} {
		_, err := db.QueryInbound(context.Background(), app.InboundQuery{Sort: sort})
		if err == nil || !strings.Contains(err.Error(), sort) {
			t.Errorf("sort %q: error %v, want one naming it", sort, err)
		}
	}
}

func TestInboundTotalsAreExactSums(t *testing.T) {
	db, _ := openTemp(t)
	// Ten thousand times 0.10: a float sum would drift; cents do not.
	invs := generateInbound(10_000, 4, 50)
	for i := range invs {
		invs[i].Amount, invs[i].Tax = amountBound("0.10"), dec("0.01")
		if i%3 == 0 {
			invs[i].Amount = decimal.NullDecimal{}
		}
	}
	for page := range slices.Chunk(invs, 1000) {
		upsertInbound(t, db, page, 1)
	}
	got, err := db.TotalInbound(context.Background(), app.InboundQuery{})
	if err != nil {
		t.Fatal(err)
	}
	assertSameTotals(t, got, modelTotals(invs))
	if !got.Amount.Equal(dec("666.60")) {
		t.Errorf("amount total %s, want 666.60", got.Amount)
	}
}

func TestEachInboundStopsAtTheFirstError(t *testing.T) {
	f := newQueryFixture(t)
	stop := errors.New("enough")
	calls := 0
	err := f.db.EachInbound(context.Background(), app.InboundQuery{Sort: "amount"}, func(app.InboundInvoice) error {
		if calls++; calls == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 5 {
		t.Errorf("error %v after %d calls, want the callback's after 5", err, calls)
	}
}

func TestEachInboundReadsWhileTheStoreWrites(t *testing.T) {
	// A cursor, not a slice read up front: rows keep arriving while a sync
	// stores a page (WAL: the reader sees its snapshot, the writer is not
	// blocked), and each invoice is handed over in order as it is read.
	f := newQueryFixture(t)
	want := modelQuery(f.invs, app.InboundQuery{})
	var (
		got  []string
		once sync.Once
	)
	err := f.db.EachInbound(context.Background(), app.InboundQuery{}, func(inv app.InboundInvoice) error {
		got = append(got, inv.Key)
		var err error
		once.Do(func() { _, err = f.db.UpsertInbound(context.Background(), generateInbound(10, 99, 5), 2) })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, keysOf(want)) {
		t.Errorf("streamed %d invoices, want the %d of the snapshot in order", len(got), len(want))
	}
}
