package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

func TestReadersRunWhileTheWriterWrites(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	const invoices = 60
	want := prepareDraft(t, richDraft())

	done := make(chan struct{})
	errs := make(chan error, 100)
	var reads sync.WaitGroup
	var readCount [4]int
	for r := range readCount {
		reads.Add(1)
		go func() {
			defer reads.Done()
			for {
				if err := checkConsistentList(ctx, db, want); err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
				readCount[r]++
				select {
				case <-done:
					return
				default:
				}
			}
		}()
	}

	var writes sync.WaitGroup
	for w := range 2 {
		writes.Add(1)
		go func() {
			defer writes.Done()
			for i := range invoices / 2 {
				if err := createAndIssue(ctx, db, want, fmt.Sprintf("W%d-%d", w, i), testNumber(w*1000+i)); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		}()
	}
	writes.Wait()
	close(done)
	reads.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("reads completed while writing: %v", readCount)
	list, err := db.ListInvoices(ctx, app.ListQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != invoices {
		t.Errorf("%d invoices after the writes, want %d", len(list), invoices)
	}
}

// createAndIssue is the app's path for one invoice. It reports errors
// instead of failing the test: it runs outside the test's goroutine.
func createAndIssue(ctx context.Context, db *DB, inv app.Invoice, serial, number string) error {
	inv.RequestSerial = serial
	if err := db.CreatePending(ctx, &inv, []byte(`{}`)); err != nil {
		return err
	}
	return db.MarkIssued(ctx, serial, app.IssueResult{Number: number, IssuedAt: time.Now()})
}

// checkConsistentList reads the list and checks every invoice is whole:
// all its lines, its totals, and a number exactly when issued.
func checkConsistentList(ctx context.Context, db *DB, want app.Invoice) error {
	list, err := db.ListInvoices(ctx, app.ListQuery{Limit: 1000})
	if err != nil {
		return err
	}
	for _, inv := range list {
		if len(inv.Lines) != len(want.Lines) || !inv.Total.Equal(want.Total) {
			return fmt.Errorf("%s: %d lines, total %s", inv.RequestSerial, len(inv.Lines), inv.Total)
		}
		if (inv.Status == app.StatusIssued) != (inv.Number != "") {
			return fmt.Errorf("%s: status %s with number %q", inv.RequestSerial, inv.Status, inv.Number)
		}
	}
	if len(list) > 0 {
		one, err := db.InvoiceBySerial(ctx, list[0].RequestSerial)
		if err != nil {
			return err
		}
		if len(one.Lines) != len(want.Lines) {
			return fmt.Errorf("%s: %d lines", one.RequestSerial, len(one.Lines))
		}
	}
	return nil
}
