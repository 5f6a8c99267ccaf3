package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"fapiao/app"
)

func TestComputedInvoiceRoundTripsExactly(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	want := pendingInvoice(t, db, "9111011457319202X9_250301120000ABCD", richDraft())

	// The draft really exercises what it claims to.
	if len(want.Lines) != 4 || want.Lines[2].Nature != app.NatureDiscount || want.Lines[3].Quantity.Valid {
		t.Fatalf("test draft did not produce discount and no-quantity lines: %+v", want.Lines)
	}
	if want.Lines[0].Price.Decimal.String() != "33.33333333" {
		t.Fatalf("price = %s", want.Lines[0].Price.Decimal)
	}
	if want.ID == 0 || want.Status != app.StatusPending || want.CreatedAt.IsZero() {
		t.Fatalf("CreatePending did not set ID/status/created: %+v", want)
	}

	got, err := db.InvoiceBySerial(ctx, want.RequestSerial)
	if err != nil {
		t.Fatal(err)
	}
	assertSameInvoice(t, got, want)
	if got.CreatedAt.Location() != app.ChinaTime {
		t.Errorf("created_at in %v, want China time", got.CreatedAt.Location())
	}

	issuedAt := time.Date(2025, 3, 1, 12, 0, 1, 123456789, time.UTC)
	issue(t, db, want.RequestSerial, testNumber(1), issuedAt)
	want.Number, want.IssuedAt, want.Status = testNumber(1), issuedAt, app.StatusIssued
	want.CheckCode = "12345678901234567890" // what issue() records
	got, err = db.InvoiceByNumber(ctx, testNumber(1))
	if err != nil {
		t.Fatal(err)
	}
	assertSameInvoice(t, got, want)
	if got.IssuedAt.Location() != app.ChinaTime || got.IssuedAt.Hour() != 20 {
		t.Errorf("issued_at = %v, want 20:00 China time", got.IssuedAt)
	}
}

func TestDecimalsAreStoredAsTheAppFormatsThem(t *testing.T) {
	db, _ := openTemp(t)
	inv := pendingInvoice(t, db, "S1", richDraft())
	var amount, rate, qty, price, total string
	err := db.reader.QueryRow(`SELECT l.amount, l.tax_rate, l.quantity, l.price, i.total
		FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.invoice_id = ? AND l.position = 0`, inv.ID).
		Scan(&amount, &rate, &qty, &price, &total)
	if err != nil {
		t.Fatal(err)
	}
	if amount != "100.00" || rate != "0.13" || qty != "3" || price != "33.33333333" || total != app.FormatMoney(inv.Total) {
		t.Errorf("stored %q %q %q %q %q", amount, rate, qty, price, total)
	}
}

func TestMoreDecimalsThanTheFormatKeepsThemAll(t *testing.T) {
	// A provider may return a price with more than 8 decimals; storing it
	// must not round it.
	db, _ := openTemp(t)
	inv := prepareDraft(t, simpleDraft(companyBuyer, "*软件*授权", "10"))
	inv.RequestSerial, inv.Number, inv.IssuedAt = "S-long", testNumber(7), time.Now()
	inv.Lines[0].Price.Decimal = dec("10.0000000001")
	if err := db.ImportIssued(context.Background(), []app.Invoice{inv}); err != nil {
		t.Fatal(err)
	}
	got, err := db.InvoiceByNumber(context.Background(), testNumber(7))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Lines[0].Price.Decimal.Equal(dec("10.0000000001")) {
		t.Errorf("price = %s", got.Lines[0].Price.Decimal)
	}
}

func TestLookupsReportNotFound(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if _, err := db.InvoiceBySerial(ctx, "nope"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("InvoiceBySerial: %v", err)
	}
	if _, err := db.InvoiceByNumber(ctx, testNumber(9)); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("InvoiceByNumber: %v", err)
	}
	// A pending invoice has no number: "" must not find it.
	pendingInvoice(t, db, "S1", simpleDraft(companyBuyer, "*软件*授权", "10"))
	if _, err := db.InvoiceByNumber(ctx, ""); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("InvoiceByNumber(\"\"): %v", err)
	}
}
