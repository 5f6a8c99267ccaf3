package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fapiao/app"
)

func TestImportSkipsDuplicates(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	at := time.Date(2024, 12, 31, 23, 59, 59, 0, app.ChinaTime)
	var history []app.Invoice
	for i := range 3 {
		inv := prepareDraft(t, richDraft())
		inv.RequestSerial, inv.Number, inv.IssuedAt = fmt.Sprintf("H%d", i), testNumber(100+i), at
		history = append(history, inv)
	}
	noSerial := prepareDraft(t, simpleDraft(companyBuyer, "*软件*授权", "10"))
	noSerial.Number, noSerial.IssuedAt = testNumber(200), at
	history = append(history, noSerial)

	if err := db.ImportIssued(ctx, history); err != nil {
		t.Fatal(err)
	}
	// Again, plus a same-serial and a same-number invoice: all skipped.
	sameSerial := history[0]
	sameSerial.Number = testNumber(300)
	sameNumber := history[1]
	sameNumber.RequestSerial = "H-other"
	if err := db.ImportIssued(ctx, append(history, sameSerial, sameNumber)); err != nil {
		t.Fatal(err)
	}
	var invoices, lines, outbox int
	db.reader.QueryRow(`SELECT (SELECT COUNT(*) FROM invoices), (SELECT COUNT(*) FROM invoice_lines), (SELECT COUNT(*) FROM outbox)`).
		Scan(&invoices, &lines, &outbox)
	if invoices != 4 || lines != 3*4+1 || outbox != 0 {
		t.Errorf("%d invoices, %d lines, %d outbox entries", invoices, lines, outbox)
	}
	got, err := db.InvoiceByNumber(ctx, testNumber(101))
	if err != nil {
		t.Fatal(err)
	}
	want := history[1]
	want.ID, want.Status, want.CreatedAt = got.ID, app.StatusIssued, at
	assertSameInvoice(t, got, want)
	if got, err := db.InvoiceBySerial(ctx, "IMPORTED_"+testNumber(200)); err != nil || got.Number != testNumber(200) {
		t.Errorf("serial-less import: %v %+v", err, got.Number)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	db, _ := openTemp(t)
	good := prepareDraft(t, simpleDraft(companyBuyer, "*软件*授权", "10"))
	good.RequestSerial, good.Number, good.IssuedAt = "H1", testNumber(1), time.Now()
	bad := good
	bad.RequestSerial, bad.Number = "H2", ""
	if err := db.ImportIssued(context.Background(), []app.Invoice{good, bad}); err == nil {
		t.Fatal("imported an invoice without a number")
	}
	broken := good
	broken.RequestSerial, broken.Number = "H3", testNumber(3)
	broken.Lines = append([]app.Line(nil), good.Lines...)
	broken.Lines[0].Nature = 7 // breaks the CHECK on nature
	if err := db.ImportIssued(context.Background(), []app.Invoice{good, broken}); err == nil {
		t.Fatal("imported a line with an invalid nature")
	}
	if list, _ := db.ListInvoices(context.Background(), app.ListQuery{}); len(list) != 0 {
		t.Errorf("%d invoices kept from failed imports", len(list))
	}
}
