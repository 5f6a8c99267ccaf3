package app

import (
	"context"
	"errors"
	"fmt"
)

// ReconcileReport says what a reconciliation found.
type ReconcileReport struct {
	Checked int      // open outbox entries looked at
	Issued  []string // serials the provider had issued: now recorded
	NotSent []string // serials the provider does not know: held for resubmission
	// Resend are serials a provider without lookup (迅联云) cannot be asked
	// about: held, to be resubmitted under the same serial, which it
	// deduplicates.
	Resend  []string
	Failed  []string // serials whose lookup failed: still unknown
	LastErr error
}

// Reconcile resolves every invoice whose outcome is not known — sent before
// a crash, or whose answer was lost — by asking the provider about its serial.
// It runs on start-up. An invoice the provider issued is recorded; one it
// does not know is held, to be resubmitted under the same serial by the clerk.
// It never sends an invoice by itself.
func (s *IssueService) Reconcile(ctx context.Context) (ReconcileReport, error) {
	var rep ReconcileReport
	entries, err := s.store.OpenOutbox(ctx)
	if err != nil {
		return rep, err
	}
	for _, e := range entries {
		inv, err := s.store.InvoiceBySerial(ctx, e.Serial)
		if err != nil {
			return rep, fmt.Errorf("读取流水号 %s 的发票: %w", e.Serial, err)
		}
		if inv.Status != StatusPending && inv.Status != StatusUnknown {
			continue // held invoices wait for the clerk
		}
		rep.Checked++
		switch err := s.resolve(ctx, e.Serial); {
		case err == nil:
			rep.Issued = append(rep.Issued, e.Serial)
		case errors.Is(err, ErrNotFound):
			rep.NotSent = append(rep.NotSent, e.Serial)
		case errors.Is(err, ErrNoLookup):
			rep.Resend = append(rep.Resend, e.Serial)
		default:
			rep.Failed = append(rep.Failed, e.Serial)
			rep.LastErr = err
		}
	}
	return rep, nil
}

// noLookupAdvice tells the clerk what to do with an invoice whose outcome a
// provider without lookup (迅联云) left open: resubmitting sends the same
// serial, which that provider answers with the invoice it already issued.
const noLookupAdvice = "开票结果未知:该开票服务不能按流水号查询。请重新提交(沿用同一流水号,服务按申请单号去重,不会重复开具)"

// Resolve asks the provider about one serial and records what it says.
// It returns ErrNotFound when the provider has no such invoice (the invoice
// is then held for resubmission).
func (s *IssueService) Resolve(ctx context.Context, serial string) (Invoice, error) {
	if err := s.resolve(ctx, serial); err != nil {
		inv, _ := s.store.InvoiceBySerial(ctx, serial)
		return inv, err
	}
	return s.store.InvoiceBySerial(ctx, serial)
}

func (s *IssueService) resolve(ctx context.Context, serial string) error {
	unlock := s.lock(serial)
	defer unlock()
	result, err := s.issuer.Lookup(ctx, serial)
	switch {
	case err == nil:
		s.log.Info("reconciled as issued", "serial", serial, "number", result.Number)
		return s.store.MarkIssued(context.WithoutCancel(ctx), serial, result)
	case errors.Is(err, ErrNotFound):
		s.log.Info("reconciled as not sent", "serial", serial)
		msg := "税局没有该流水号的发票,未开具。可重新提交(沿用同一流水号,不会重复开具)"
		if merr := s.store.MarkStatus(context.WithoutCancel(ctx), serial, StatusHeld, msg); merr != nil {
			return merr
		}
		return err
	}
	if errors.Is(err, ErrNoLookup) {
		s.log.Info("reconcile: provider has no lookup; held for resubmission", "serial", serial)
		if merr := s.store.MarkStatus(context.WithoutCancel(ctx), serial, StatusHeld, noLookupAdvice); merr != nil {
			return merr
		}
		return err
	}
	s.log.Warn("reconcile lookup failed", "serial", serial, "err", err)
	return err
}
