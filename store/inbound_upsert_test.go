package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

func TestInboundRoundTripsEveryField(t *testing.T) {
	db, _ := openTemp(t)
	full, voucher := fullInbound(), voucherInbound()
	res := upsertInbound(t, db, []app.InboundInvoice{full, voucher}, 1)
	if res != (app.UpsertResult{Inserted: 2}) {
		t.Fatalf("result %+v, want 2 inserted", res)
	}
	for _, want := range []app.InboundInvoice{full, voucher} {
		got, changes, err := db.InboundByKey(context.Background(), want.Key)
		if err != nil {
			t.Fatalf("InboundByKey(%s): %v", want.Key, err)
		}
		assertSameInbound(t, got, want)
		if len(changes) != 0 {
			t.Errorf("%s: %d changes recorded on insert", want.Key, len(changes))
		}
	}
	// A page of QueryInbound scans the same way.
	page, err := db.QueryInbound(context.Background(), app.InboundQuery{Sort: "billing_date"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 {
		t.Fatalf("QueryInbound: %d invoices, want 2", len(page))
	}
	assertSameInbound(t, page[0], voucher) // billed 2024, before the other
	assertSameInbound(t, page[1], full)
}

func TestInboundVoucherHasNoAmountInTheTable(t *testing.T) {
	db, _ := openTemp(t)
	upsertInbound(t, db, []app.InboundInvoice{voucherInbound(), fullInbound()}, 1)
	if n := countRows(t, db, `SELECT COUNT(*) FROM inbound_invoices WHERE amount_cents IS NULL`); n != 1 {
		t.Errorf("%d rows without an amount, want the voucher alone", n)
	}
	var cents int64
	if err := db.reader.QueryRow(`SELECT amount_cents FROM inbound_invoices WHERE key = ?`, fullInbound().Key).Scan(&cents); err != nil {
		t.Fatal(err)
	}
	if cents != 2815534 {
		t.Errorf("amount stored as %d cents, want 2815534", cents)
	}
}

func TestUpsertingThePageAgainChangesNothing(t *testing.T) {
	db, _ := openTemp(t)
	page := generateInbound(300, 1, 40)
	if res := upsertInbound(t, db, page, 1); res != (app.UpsertResult{Inserted: 300}) {
		t.Fatalf("first time: %+v, want 300 inserted", res)
	}
	for run := int64(2); run <= 3; run++ {
		if res := upsertInbound(t, db, page, run); res != (app.UpsertResult{Unchanged: 300}) {
			t.Errorf("run %d: %+v, want 300 unchanged", run, res)
		}
	}
	for query, want := range map[string]int64{
		`SELECT COUNT(*) FROM inbound_invoices`:            300,
		`SELECT COUNT(DISTINCT key) FROM inbound_invoices`: 300,
		`SELECT COUNT(*) FROM inbound_changes`:             0,
		`SELECT COUNT(*) FROM inbound_names`:               countDistinctNames(page),
		`SELECT COUNT(*) FROM inbound_names_fts`:           countDistinctNames(page),
	} {
		if got := countRows(t, db, query); got != want {
			t.Errorf("%s = %d, want %d", query, got, want)
		}
	}
}

func TestAChangedCheckStatusIsRecordedOnce(t *testing.T) {
	db, _ := openTemp(t)
	inv := voucherInbound()
	upsertInbound(t, db, []app.InboundInvoice{inv}, 1)

	inv.Status, inv.CheckStatus, inv.CheckDate, inv.Period = app.InboundChecked, "1", at2025, "202506"
	for range 2 {
		upsertInbound(t, db, []app.InboundInvoice{inv}, 7)
	}
	got, changes, err := db.InboundByKey(context.Background(), inv.Key)
	if err != nil {
		t.Fatal(err)
	}
	assertSameInbound(t, got, inv)
	if len(changes) != 1 {
		t.Fatalf("%d changes, want 1: %+v", len(changes), changes)
	}
	c := changes[0]
	if c.Field != "check_status" || c.From != "0" || c.To != "1" || c.RunID != 7 || c.At.IsZero() {
		t.Errorf("change %+v, want check_status 0 → 1 in run 7", c)
	}

	// A state change is a second row; other fields changing record none.
	inv.State, inv.ManagementStatus = "2", "1"
	if res := upsertInbound(t, db, []app.InboundInvoice{inv}, 8); res != (app.UpsertResult{Updated: 1}) {
		t.Errorf("result %+v, want 1 updated", res)
	}
	_, changes, _ = db.InboundByKey(context.Background(), inv.Key)
	if len(changes) != 2 || changes[1].Field != "state" || changes[1].From != "0" || changes[1].To != "2" || changes[1].RunID != 8 {
		t.Errorf("changes %+v, want the check status then state 0 → 2 in run 8", changes)
	}
}

func TestUpsertCountsEachKindInOnePage(t *testing.T) {
	db, _ := openTemp(t)
	invs := generateInbound(3, 2, 3)
	upsertInbound(t, db, invs[:2], 1)
	invs[1].Tax = invs[1].Tax.Add(dec("0.01"))
	res := upsertInbound(t, db, invs, 2)
	if res != (app.UpsertResult{Inserted: 1, Updated: 1, Unchanged: 1}) {
		t.Errorf("result %+v, want one of each", res)
	}
	got, changes, _ := db.InboundByKey(context.Background(), invs[1].Key)
	if !got.Tax.Equal(invs[1].Tax) || len(changes) != 0 {
		t.Errorf("tax %s with %d changes, want %s and none recorded", got.Tax, len(changes), invs[1].Tax)
	}
}

func TestARenamedSellerIsFoundByItsNewName(t *testing.T) {
	db, _ := openTemp(t)
	inv := fullInbound()
	upsertInbound(t, db, []app.InboundInvoice{inv}, 1)
	inv.SellerName = "重庆山城火锅餐饮管理有限公司"
	upsertInbound(t, db, []app.InboundInvoice{inv}, 2)
	for seller, want := range map[string]int{"山城火锅": 1, "天府软件": 0} {
		got, err := db.QueryInbound(context.Background(), app.InboundQuery{Seller: seller})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != want {
			t.Errorf("seller %q: %d invoices, want %d", seller, len(got), want)
		}
	}
}

func TestMoneyBeyondCentsRefusesThePage(t *testing.T) {
	for _, tc := range []struct {
		name, field string
		spoil       func(*app.InboundInvoice)
	}{
		{"tax", "税额", func(inv *app.InboundInvoice) { inv.Tax = dec("844.665") }},
		{"valid tax", "有效税额", func(inv *app.InboundInvoice) { inv.ValidTax = dec("0.001") }},
		{"amount", "金额", func(inv *app.InboundInvoice) { inv.Amount = decimal.NewNullDecimal(dec("1.005")) }},
		{"huge", "金额", func(inv *app.InboundInvoice) { inv.Amount = decimal.NewNullDecimal(dec("1e17")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openTemp(t)
			bad := fullInbound()
			tc.spoil(&bad)
			_, err := db.UpsertInbound(context.Background(), []app.InboundInvoice{voucherInbound(), bad}, 1)
			if err == nil || !strings.Contains(err.Error(), bad.Key) || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("error %v, want one naming %s and %s", err, bad.Key, tc.field)
			}
			if n := countRows(t, db, `SELECT COUNT(*) FROM inbound_invoices`); n != 0 {
				t.Errorf("%d invoices stored from a refused page", n)
			}
		})
	}
}

func TestLargestAmountsAreExact(t *testing.T) {
	db, _ := openTemp(t)
	inv := fullInbound()
	inv.Amount = decimal.NewNullDecimal(dec("9999999999999999.99"))
	inv.Tax, inv.ValidTax = dec("-1234567890123.45"), dec("0.1")
	upsertInbound(t, db, []app.InboundInvoice{inv}, 1)
	got, _, err := db.InboundByKey(context.Background(), inv.Key)
	if err != nil {
		t.Fatal(err)
	}
	assertSameInbound(t, got, inv)
}

func TestAnInvoiceWithoutKeyIsRefused(t *testing.T) {
	db, _ := openTemp(t)
	inv := fullInbound()
	inv.Key = ""
	if _, err := db.UpsertInbound(context.Background(), []app.InboundInvoice{inv}, 1); err == nil || !strings.Contains(err.Error(), inv.Number) {
		t.Errorf("error %v, want one naming number %s", err, inv.Number)
	}
}

func TestInboundByKeyNotFound(t *testing.T) {
	db, _ := openTemp(t)
	if _, _, err := db.InboundByKey(context.Background(), "01/1/2"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("error %v, want ErrNotFound", err)
	}
}

// countDistinctNames is how many different seller and buyer names invs
// bear.
func countDistinctNames(invs []app.InboundInvoice) int64 {
	names := map[string]bool{}
	for _, inv := range invs {
		names[inv.SellerName], names[inv.BuyerName] = true, true
	}
	return int64(len(names))
}

func TestAKeyTwiceInOnePageIsStoredThenCompared(t *testing.T) {
	db, _ := openTemp(t)
	first := voucherInbound()
	again := first
	again.CheckStatus, again.State = "1", "3"
	res := upsertInbound(t, db, []app.InboundInvoice{first, first, again}, 4)
	if res != (app.UpsertResult{Inserted: 1, Unchanged: 1, Updated: 1}) {
		t.Errorf("result %+v, want inserted, then unchanged, then updated", res)
	}
	got, changes, err := db.InboundByKey(context.Background(), first.Key)
	if err != nil {
		t.Fatal(err)
	}
	assertSameInbound(t, got, again)
	if len(changes) != 2 || changes[0].Field != "check_status" || changes[1].Field != "state" || changes[1].To != "3" {
		t.Errorf("changes %+v, want check status and state, once each", changes)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM inbound_invoices`); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
}

func TestAnEmptyPageStoresNothing(t *testing.T) {
	db, _ := openTemp(t)
	if res := upsertInbound(t, db, nil, 1); res != (app.UpsertResult{}) {
		t.Errorf("result %+v, want nothing done", res)
	}
}
