package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestPendingToIssuedClosesTheOutbox(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	inv := prepareDraft(t, richDraft())
	inv.RequestSerial = "S-flow"
	request, _ := json.Marshal(inv)
	if err := db.CreatePending(ctx, &inv, request); err != nil {
		t.Fatal(err)
	}

	open, err := db.OpenOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 {
		t.Fatalf("open outbox = %d entries, want 1", len(open))
	}
	e := open[0]
	if e.Serial != "S-flow" || e.InvoiceID != inv.ID || !bytes.Equal(e.Request, request) || e.Attempts != 0 || e.CreatedAt.IsZero() {
		t.Errorf("outbox entry = %+v", e)
	}

	issuedAt := time.Date(2025, 6, 30, 9, 30, 0, 0, app.ChinaTime)
	issue(t, db, "S-flow", testNumber(42), issuedAt)

	got, err := db.InvoiceBySerial(ctx, "S-flow")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != app.StatusIssued || got.Number != testNumber(42) || !got.IssuedAt.Equal(issuedAt) || got.StatusMessage != "" {
		t.Errorf("after MarkIssued: status %s number %s issued %v message %q", got.Status, got.Number, got.IssuedAt, got.StatusMessage)
	}
	var checkCode, state string
	if err := db.reader.QueryRow(`SELECT i.check_code, o.state FROM invoices i JOIN outbox o ON o.invoice_id = i.id WHERE i.id = ?`, inv.ID).
		Scan(&checkCode, &state); err != nil {
		t.Fatal(err)
	}
	if checkCode != "12345678901234567890" || state != "done" {
		t.Errorf("check_code %q, outbox state %q", checkCode, state)
	}
	if open, _ := db.OpenOutbox(ctx); len(open) != 0 {
		t.Errorf("outbox still open after issue: %+v", open)
	}
}

func TestCreatePendingRefusesADuplicateSerial(t *testing.T) {
	db, _ := openTemp(t)
	pendingInvoice(t, db, "S-dup", simpleDraft(companyBuyer, "*软件*授权", "10"))
	inv := prepareDraft(t, simpleDraft(companyBuyer, "*软件*授权", "20"))
	inv.RequestSerial = "S-dup"
	err := db.CreatePending(context.Background(), &inv, []byte(`{}`))
	if err == nil || !strings.Contains(err.Error(), "S-dup") {
		t.Fatalf("duplicate serial: err = %v", err)
	}
	// Nothing of the second invoice was kept.
	var invoices, lines, outbox int
	db.reader.QueryRow(`SELECT (SELECT COUNT(*) FROM invoices), (SELECT COUNT(*) FROM invoice_lines), (SELECT COUNT(*) FROM outbox)`).
		Scan(&invoices, &lines, &outbox)
	if invoices != 1 || lines != 1 || outbox != 1 {
		t.Errorf("after refused duplicate: %d invoices, %d lines, %d outbox", invoices, lines, outbox)
	}
}

func TestCreatePendingIsAllOrNothing(t *testing.T) {
	db, _ := openTemp(t)
	inv := prepareDraft(t, richDraft())
	inv.RequestSerial = "S-broken"
	inv.Lines[1].Name = "" // still stored: NOT NULL allows ''
	inv.Lines[2].Quantity = inv.Lines[1].Quantity
	inv.Lines[2].Price.Valid = false // quantity without price breaks the CHECK
	if err := db.CreatePending(context.Background(), &inv, []byte(`{}`)); err == nil {
		t.Fatal("CreatePending accepted a line with quantity but no price")
	}
	var n int
	db.reader.QueryRow(`SELECT (SELECT COUNT(*) FROM invoices) + (SELECT COUNT(*) FROM invoice_lines) + (SELECT COUNT(*) FROM outbox)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d rows left behind by a failed CreatePending", n)
	}
}

func TestCreatePendingChecksItsInput(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	for name, mutate := range map[string]func(*app.Invoice, *[]byte){
		"no serial":   func(inv *app.Invoice, _ *[]byte) { inv.RequestSerial = "" },
		"long serial": func(inv *app.Invoice, _ *[]byte) { inv.RequestSerial = strings.Repeat("9", 41) },
		"has number":  func(inv *app.Invoice, _ *[]byte) { inv.Number = testNumber(1) },
		"no request":  func(_ *app.Invoice, r *[]byte) { *r = nil },
	} {
		inv := prepareDraft(t, simpleDraft(companyBuyer, "*软件*授权", "10"))
		inv.RequestSerial = "S-" + name
		request := []byte(`{}`)
		mutate(&inv, &request)
		if err := db.CreatePending(ctx, &inv, request); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestMarkIssuedIsIdempotentAndNeverOverwrites(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	pendingInvoice(t, db, "S1", simpleDraft(companyBuyer, "*软件*授权", "10"))
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, app.ChinaTime)
	issue(t, db, "S1", testNumber(1), at)

	// Again with the same number: success, and nothing counted twice.
	if err := db.MarkIssued(ctx, "S1", app.IssueResult{Number: testNumber(1), IssuedAt: at.Add(time.Hour)}); err != nil {
		t.Fatalf("repeat MarkIssued: %v", err)
	}
	got, _ := db.InvoiceBySerial(ctx, "S1")
	if !got.IssuedAt.Equal(at) {
		t.Errorf("repeat changed issued_at to %v", got.IssuedAt)
	}
	if buyers, _ := db.SuggestBuyers(ctx, "", 10); len(buyers) != 1 || useCount(t, db, "buyers") != 1 {
		t.Errorf("repeat MarkIssued counted the buyer again: %d", useCount(t, db, "buyers"))
	}

	// A different number is refused and the first one kept.
	err := db.MarkIssued(ctx, "S1", app.IssueResult{Number: testNumber(2), IssuedAt: at})
	if err == nil || !strings.Contains(err.Error(), testNumber(1)) {
		t.Fatalf("overwrite: err = %v", err)
	}
	if got, _ := db.InvoiceBySerial(ctx, "S1"); got.Number != testNumber(1) {
		t.Errorf("number overwritten: %s", got.Number)
	}
}

func TestMarkIssuedRefusesANumberAnotherInvoiceHas(t *testing.T) {
	db, _ := openTemp(t)
	pendingInvoice(t, db, "S1", simpleDraft(companyBuyer, "*软件*授权", "10"))
	pendingInvoice(t, db, "S2", simpleDraft(companyBuyer, "*软件*授权", "20"))
	issue(t, db, "S1", testNumber(1), time.Now())
	err := db.MarkIssued(context.Background(), "S2", app.IssueResult{Number: testNumber(1), IssuedAt: time.Now()})
	if err == nil {
		t.Fatal("two invoices got the same number")
	}
	if got, _ := db.InvoiceBySerial(context.Background(), "S2"); got.Status != app.StatusPending {
		t.Errorf("S2 status %s after refused MarkIssued", got.Status)
	}
}

func TestMarkIssuedUnknownSerialIsNotFound(t *testing.T) {
	db, _ := openTemp(t)
	err := db.MarkIssued(context.Background(), "nope", app.IssueResult{Number: testNumber(1), IssuedAt: time.Now()})
	if !errors.Is(err, app.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if err := db.MarkStatus(context.Background(), "nope", app.StatusHeld, "x"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("MarkStatus err = %v, want ErrNotFound", err)
	}
}

func TestMarkIssuedAfterRejectionRecordsTheIssue(t *testing.T) {
	// A refusal may be the provider rejecting a duplicate of an invoice it
	// did issue; the later lookup's number must win.
	db, _ := openTemp(t)
	pendingInvoice(t, db, "S1", simpleDraft(companyBuyer, "*软件*授权", "10"))
	if err := db.MarkStatus(context.Background(), "S1", app.StatusRejected, "重复的流水号"); err != nil {
		t.Fatal(err)
	}
	issue(t, db, "S1", testNumber(1), time.Now())
	if got, _ := db.InvoiceBySerial(context.Background(), "S1"); got.Status != app.StatusIssued {
		t.Errorf("status %s", got.Status)
	}
}

func TestMarkStatusRecordsAttemptsAndClosesOnRejection(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	pendingInvoice(t, db, "S1", simpleDraft(companyBuyer, "*软件*授权", "10"))

	steps := []struct {
		status app.Status
		msg    string
		open   bool
	}{
		{app.StatusUnknown, "请求超时", true},
		{app.StatusHeld, "需要人脸认证", true},
		{app.StatusPending, "", true},
		{app.StatusRejected, "购买方税号不存在", false},
	}
	for i, s := range steps {
		if err := db.MarkStatus(ctx, "S1", s.status, s.msg); err != nil {
			t.Fatalf("MarkStatus(%s): %v", s.status, err)
		}
		inv, _ := db.InvoiceBySerial(ctx, "S1")
		if inv.Status != s.status || inv.StatusMessage != s.msg {
			t.Errorf("step %d: status %s %q", i, inv.Status, inv.StatusMessage)
		}
		var attempts int
		var lastError, state string
		db.reader.QueryRow(`SELECT attempts, last_error, state FROM outbox WHERE serial = 'S1'`).Scan(&attempts, &lastError, &state)
		if attempts != i+1 || lastError != s.msg {
			t.Errorf("step %d: attempts %d last_error %q", i, attempts, lastError)
		}
		open, _ := db.OpenOutbox(ctx)
		if (len(open) == 1) != s.open {
			t.Errorf("step %d (%s): outbox open = %v, want %v (state %s)", i, s.status, len(open) == 1, s.open, state)
		}
		if s.open && open[0].Attempts != i+1 {
			t.Errorf("step %d: OpenOutbox attempts %d", i, open[0].Attempts)
		}
	}
}

func TestMarkStatusNeverUnissues(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	pendingInvoice(t, db, "S1", simpleDraft(companyBuyer, "*软件*授权", "10"))
	issue(t, db, "S1", testNumber(1), time.Now())
	for _, s := range []app.Status{app.StatusPending, app.StatusUnknown, app.StatusHeld, app.StatusRejected, app.StatusIssued} {
		if err := db.MarkStatus(ctx, "S1", s, "x"); err == nil {
			t.Errorf("MarkStatus(%s) on an issued invoice succeeded", s)
		}
	}
	got, _ := db.InvoiceBySerial(ctx, "S1")
	if got.Status != app.StatusIssued || got.Number != testNumber(1) {
		t.Errorf("issued invoice changed: %s %s", got.Status, got.Number)
	}
	if err := db.MarkStatus(ctx, "S1", "bogus", ""); err == nil {
		t.Error("unknown status accepted")
	}
}

func TestOpenOutboxIsOldestFirst(t *testing.T) {
	db, _ := openTemp(t)
	for _, s := range []string{"S-a", "S-b", "S-c", "S-d"} {
		pendingInvoice(t, db, s, simpleDraft(companyBuyer, "*软件*授权", "10"))
	}
	issue(t, db, "S-b", testNumber(1), time.Now())
	open, err := db.OpenOutbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var serials []string
	for _, e := range open {
		serials = append(serials, e.Serial)
	}
	if strings.Join(serials, ",") != "S-a,S-c,S-d" {
		t.Errorf("open outbox = %v", serials)
	}
}

func useCount(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.reader.QueryRow(`SELECT COALESCE(SUM(use_count), 0) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
