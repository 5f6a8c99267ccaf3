package store

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// redInvoiceOf is the full red invoice of blue under serial: every amount
// and quantity negated, prices kept positive, as the bureau wants them.
func redInvoiceOf(blue app.Invoice, serial string) app.Invoice {
	red := blue
	red.ID, red.Number, red.Status, red.IssuedAt, red.CreatedAt, red.CheckCode = 0, "", "", time.Time{}, time.Time{}, ""
	red.RequestSerial, red.BlueNumber = serial, blue.Number
	red.Remark = "被红冲蓝字数电发票号码:" + blue.Number
	red.Lines = make([]app.Line, len(blue.Lines))
	for i, l := range blue.Lines {
		if l.Quantity.Valid {
			l.Quantity = decimal.NewNullDecimal(l.Quantity.Decimal.Neg())
		}
		l.Amount, l.AmountExcl, l.Tax = l.Amount.Neg(), l.AmountExcl.Neg(), l.Tax.Neg()
		red.Lines[i] = l
	}
	red.TotalAmount, red.TotalTax, red.Total = blue.TotalAmount.Neg(), blue.TotalTax.Neg(), blue.Total.Neg()
	return red
}

func TestRedInvoiceRoundTripsThroughIssuance(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	blue := pendingInvoice(t, db, "S-blue", richDraft())
	issue(t, db, "S-blue", testNumber(1), time.Date(2025, 3, 1, 10, 0, 0, 0, app.ChinaTime))
	blue, err := db.InvoiceByNumber(ctx, testNumber(1))
	if err != nil {
		t.Fatal(err)
	}
	if blue.BlueNumber != "" {
		t.Errorf("a blue invoice has BlueNumber %q", blue.BlueNumber)
	}

	want := redInvoiceOf(blue, "S-red")
	// The discount line of the blue invoice turns positive: every sign occurs.
	if !want.Lines[0].Quantity.Decimal.IsNegative() || !want.Lines[2].Amount.IsPositive() || !want.Total.IsNegative() {
		t.Fatalf("test invoice is not a red one: %+v", want)
	}
	request, _ := json.Marshal(want)
	if err := db.CreatePending(ctx, &want, request); err != nil {
		t.Fatalf("CreatePending(red): %v", err)
	}
	got, err := db.InvoiceBySerial(ctx, "S-red")
	if err != nil {
		t.Fatal(err)
	}
	assertSameInvoice(t, got, want)

	issuedAt := time.Date(2025, 3, 2, 11, 0, 0, 0, app.ChinaTime)
	issue(t, db, "S-red", testNumber(2), issuedAt)
	want.Number, want.IssuedAt, want.Status, want.CheckCode = testNumber(2), issuedAt, app.StatusIssued, "12345678901234567890"
	got, err = db.InvoiceByNumber(ctx, testNumber(2))
	if err != nil {
		t.Fatal(err)
	}
	assertSameInvoice(t, got, want)
	if got.BlueNumber != testNumber(1) {
		t.Errorf("BlueNumber = %q", got.BlueNumber)
	}

	list, err := db.ListInvoices(ctx, app.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Number != testNumber(2) || list[0].BlueNumber != testNumber(1) || list[1].BlueNumber != "" {
		t.Errorf("list: %+v", list)
	}
}

func TestRedInvoicesStayOutOfTheCatalogs(t *testing.T) {
	// A red invoice reverses a sale: it must not make its buyer or items
	// more "used", nor offer its figures as the next default.
	db, _ := openTemp(t)
	ctx := context.Background()
	pendingInvoice(t, db, "S-blue", richDraft())
	issue(t, db, "S-blue", testNumber(1), time.Now())
	blue, err := db.InvoiceByNumber(ctx, testNumber(1))
	if err != nil {
		t.Fatal(err)
	}
	red := redInvoiceOf(blue, "S-red")
	red.Lines[0].Price = decimal.NewNullDecimal(dec("-1")) // some providers sign the price too
	if err := db.CreatePending(ctx, &red, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	issue(t, db, "S-red", testNumber(2), time.Now())

	var buyerUses, itemUses int
	var price string
	db.reader.QueryRow(`SELECT use_count FROM buyers WHERE tax_id = ?`, blue.Buyer.TaxID).Scan(&buyerUses)
	db.reader.QueryRow(`SELECT use_count, price FROM items WHERE name = ?`, blue.Lines[0].Name).Scan(&itemUses, &price)
	if buyerUses != 1 || itemUses != 1 || price != "33.33333333" {
		t.Errorf("after a red invoice: buyer used %d times, item %d times at %q; want 1, 1, 33.33333333", buyerUses, itemUses, price)
	}
}

func TestImportedRedInvoiceKeepsItsBlueNumber(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	blue := prepareDraft(t, simpleDraft(companyBuyer, "*软件*授权", "10"))
	blue.Number, blue.IssuedAt = testNumber(1), time.Date(2025, 1, 2, 3, 4, 5, 0, app.ChinaTime)
	red := redInvoiceOf(blue, "")
	red.Number, red.IssuedAt = testNumber(2), blue.IssuedAt.Add(time.Hour)
	if err := db.ImportIssued(ctx, []app.Invoice{blue, red}); err != nil {
		t.Fatalf("ImportIssued: %v", err)
	}
	got, err := db.InvoiceByNumber(ctx, testNumber(2))
	if err != nil {
		t.Fatal(err)
	}
	if got.BlueNumber != testNumber(1) || !got.Total.Equal(dec("-10")) || !got.Lines[0].Quantity.Decimal.Equal(dec("-1")) {
		t.Errorf("imported red: blue %q total %s quantity %v", got.BlueNumber, got.Total, got.Lines[0].Quantity)
	}
}
