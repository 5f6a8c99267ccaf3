package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"fapiao/app"
)

// `make bench` pairs each BenchmarkX with BenchmarkXBaseline from the same
// run and prints the ratio. The baselines do the same inserts into the same
// tables with plain SQL and no store logic, so the ratio is what the store
// adds (formatting, checks, catalogs, the outbox) on top of SQLite itself.

// BenchmarkStoreImport10k imports 10,000 issued invoices of 3 lines into a
// fresh database with ImportIssued.
func BenchmarkStoreImport10k(b *testing.B) {
	invs := benchInvoices(b, benchInvoiceCount)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db, _ := openTemp(b)
		b.StartTimer()
		if err := db.ImportIssued(ctx, invs); err != nil {
			b.Fatal(err)
		}
	}
	reportInvoicesPerSecond(b, len(invs))
}

// BenchmarkStoreImport10kBaseline inserts the same rows into a fresh
// database of the same schema in one transaction with prepared statements.
func BenchmarkStoreImport10kBaseline(b *testing.B) {
	rows := rawRowsOf(benchInvoices(b, benchInvoiceCount))
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		raw := rawDatabase(b)
		b.StartTimer()
		tx, err := raw.Begin()
		if err != nil {
			b.Fatal(err)
		}
		insInvoice, err1 := tx.Prepare(insertInvoiceSQL)
		insLine, err2 := tx.Prepare(insertLineSQL)
		if err1 != nil || err2 != nil {
			b.Fatal(err1, err2)
		}
		for _, r := range rows {
			insertRaw(b, insInvoice, insLine, r)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	reportInvoicesPerSecond(b, len(rows))
}

// BenchmarkStoreIssueFlow1k is the app's path for 1,000 invoices: for each,
// CreatePending, then MarkIssued (two durable transactions).
func BenchmarkStoreIssueFlow1k(b *testing.B) {
	issued := benchInvoices(b, 1000)
	invs, requests := pendingCopies(b, issued)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db, _ := openTemp(b)
		fresh := append([]app.Invoice(nil), invs...)
		b.StartTimer()
		for i := range fresh {
			if err := db.CreatePending(ctx, &fresh[i], requests[i]); err != nil {
				b.Fatal(err)
			}
			result := app.IssueResult{Number: issued[i].Number, IssuedAt: issued[i].IssuedAt, CheckCode: "03116155201843526421"}
			if err := db.MarkIssued(ctx, fresh[i].RequestSerial, result); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportInvoicesPerSecond(b, len(invs))
}

// BenchmarkStoreIssueFlow1kBaseline inserts the same 1,000 invoices, their
// lines and outbox rows with plain SQL, one transaction per invoice, with
// the same synchronous setting (FULL).
func BenchmarkStoreIssueFlow1kBaseline(b *testing.B) {
	invs := benchInvoices(b, 1000)
	rows := rawRowsOf(invs)
	_, requests := pendingCopies(b, invs)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		raw := rawDatabase(b)
		insInvoice, insLine, insOutbox := rawPrepare(b, raw, insertInvoiceSQL), rawPrepare(b, raw, insertLineSQL), rawPrepare(b, raw, rawOutboxSQL)
		b.StartTimer()
		for i, r := range rows {
			tx, err := raw.Begin()
			if err != nil {
				b.Fatal(err)
			}
			id := insertRaw(b, tx.Stmt(insInvoice), tx.Stmt(insLine), r)
			if _, err := tx.Stmt(insOutbox).Exec(invs[i].RequestSerial, id, requests[i], r.invoice[6], r.invoice[6]); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportInvoicesPerSecond(b, len(rows))
}

func reportInvoicesPerSecond(b *testing.B, perOp int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(perOp*b.N)/s, "invoices/s")
	}
}

// rawRow is an invoice already turned into column values.
type rawRow struct {
	invoice []any
	lines   [][]any // lines[i][0], the invoice id, is filled in on insert
}

func rawRowsOf(invs []app.Invoice) []rawRow {
	rows := make([]rawRow, len(invs))
	for i := range invs {
		rows[i].invoice = invoiceArgs(&invs[i])
		for pos, l := range invs[i].Lines {
			rows[i].lines = append(rows[i].lines, lineArgs(0, pos, l))
		}
	}
	return rows
}

const rawOutboxSQL = `INSERT INTO outbox (serial, invoice_id, request, state, attempts, last_error, created_at, updated_at)
	VALUES (?, ?, ?, 'done', 0, '', ?, ?)`

func rawPrepare(b *testing.B, raw *sql.DB, query string) *sql.Stmt {
	s, err := raw.Prepare(query)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// insertRaw inserts one invoice row and its line rows and returns its id.
func insertRaw(b *testing.B, insInvoice, insLine *sql.Stmt, r rawRow) int64 {
	res, err := insInvoice.Exec(r.invoice...)
	if err != nil {
		b.Fatal(err)
	}
	id, _ := res.LastInsertId()
	for _, l := range r.lines {
		l[0] = id
		if _, err := insLine.Exec(l...); err != nil {
			b.Fatal(err)
		}
	}
	return id
}

// rawDatabase is a fresh database with the store's schema, opened with the
// writer's settings (WAL, synchronous FULL) but used without the store.
func rawDatabase(b *testing.B) *sql.DB {
	path := filepath.Join(b.TempDir(), "raw.db")
	db, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", writerDSN(path))
	if err != nil {
		b.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	b.Cleanup(func() { raw.Close() })
	return raw
}

// pendingCopies turns issued invoices back into what the app stores before
// sending, with the request bytes it would send.
func pendingCopies(b *testing.B, issued []app.Invoice) ([]app.Invoice, [][]byte) {
	invs := make([]app.Invoice, len(issued))
	requests := make([][]byte, len(issued))
	for i, inv := range issued {
		inv.Status, inv.Number, inv.IssuedAt = app.StatusPending, "", time.Time{}
		request, err := json.Marshal(inv)
		if err != nil {
			b.Fatal(err)
		}
		invs[i], requests[i] = inv, request
	}
	return invs, requests
}
