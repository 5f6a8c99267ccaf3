package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// issuedInvoice is an invoice of total (tax included) issued under number
// at at, for ImportIssued.
func issuedInvoice(t *testing.T, number string, total app.NumText, at time.Time) app.Invoice {
	t.Helper()
	inv := prepareDraft(t, simpleDraft(companyBuyer, "*软件*授权", total))
	if !inv.Total.Equal(dec(string(total))) {
		t.Fatalf("test invoice totals %s, want %s", inv.Total, total)
	}
	inv.Number, inv.IssuedAt = number, at
	return inv
}

func TestIssuedPerDayCountsChinaDays(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	day := func(d, h, m, s int) time.Time { return time.Date(2025, 3, d, h, m, s, 0, app.ChinaTime) }
	blue := issuedInvoice(t, testNumber(1), "1000.00", day(2, 10, 0, 0))
	invs := []app.Invoice{
		blue,
		// The last second of 3 March in China is 15:59:59 UTC: still 3 March.
		issuedInvoice(t, testNumber(2), "0.10", day(3, 23, 59, 59)),
		issuedInvoice(t, testNumber(3), "0.20", day(3, 0, 0, 0)),
		// Midnight of 4 March in China is 3 March in UTC: 4 March.
		issuedInvoice(t, testNumber(4), "99999999999.99", day(4, 0, 0, 0)),
		issuedInvoice(t, testNumber(5), "0.01", day(4, 12, 0, 0)),
		// Outside the range on both sides.
		issuedInvoice(t, testNumber(6), "7.00", day(1, 23, 59, 59)),
		issuedInvoice(t, testNumber(7), "8.00", day(7, 0, 0, 0)),
	}
	red := redInvoiceOf(blue, "S-red")
	red.Number, red.IssuedAt = testNumber(8), day(4, 9, 30, 0)
	invs = append(invs, red)
	if err := db.ImportIssued(ctx, invs); err != nil {
		t.Fatal(err)
	}
	// Not issued: neither counted nor summed, even inside the range.
	pendingInvoice(t, db, "S-pending", simpleDraft(companyBuyer, "*软件*授权", "5.00"))

	got, err := db.IssuedPerDay(ctx, day(2, 0, 0, 0), day(7, 0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		day    int
		count  int64
		amount string
	}{
		{2, 1, "1000.00"},
		{3, 2, "0.30"}, // exactly: 0.1 + 0.2 in floats is not 0.3
		{4, 3, "99999999000.00"},
		{5, 0, "0"},
		{6, 0, "0"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d days, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if !g.Day.Equal(day(w.day, 0, 0, 0)) || g.Day.Location() != app.ChinaTime {
			t.Errorf("entry %d is for %v, want midnight of 2025-03-%02d China time", i, g.Day, w.day)
		}
		if g.Count != w.count || !g.Amount.Equal(dec(w.amount)) {
			t.Errorf("2025-03-%02d: %d invoices, %s; want %d, %s", w.day, g.Count, g.Amount, w.count, w.amount)
		}
	}
}

func TestIssuedPerDayCountsWholeDaysOfAnyRange(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	at := time.Date(2025, 3, 3, 8, 0, 0, 0, app.ChinaTime)
	if err := db.ImportIssued(ctx, []app.Invoice{issuedInvoice(t, testNumber(1), "12.34", at)}); err != nil {
		t.Fatal(err)
	}
	// From 10:00 (after the invoice) to 10:00 the next day, given in UTC:
	// both days counted whole.
	got, err := db.IssuedPerDay(ctx, at.Add(2*time.Hour).UTC(), at.Add(26*time.Hour).UTC())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Count != 1 || !got[0].Amount.Equal(dec("12.34")) || got[1].Count != 0 {
		t.Errorf("IssuedPerDay = %+v, want 3 March with the invoice and 4 March empty", got)
	}
	if got, err := db.IssuedPerDay(ctx, at, at); err != nil || len(got) != 0 {
		t.Errorf("an empty range gave %+v, %v", got, err)
	}
}

// Only the range's rows are read: a seek in invoices_newest, not a scan
// of every issued invoice.
func TestIssuedPerDayReadsOnlyItsRange(t *testing.T) {
	db, _ := openTemp(t)
	plan := queryPlan(t, db, sqlIssuedBetween, "a", "b")
	if !strings.Contains(plan, "SEARCH invoices USING INDEX invoices_newest (<expr>>? AND <expr><?)") {
		t.Errorf("plan: %s", plan)
	}
}
