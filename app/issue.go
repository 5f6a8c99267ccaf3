package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// IssueService issues invoices idempotently. Every invoice gets a request
// serial and is committed, with the exact request, before anything is sent;
// an answer lost to a timeout or a crash is resolved by asking the provider
// about the same serial, never by sending a new one.
type IssueService struct {
	store  InvoiceStore
	issuer Issuer
	seller Party
	log    *slog.Logger

	// Now and Backoff may be replaced by tests before first use.
	Now     func() time.Time
	Backoff []time.Duration // waits between attempts after a transient failure

	// Face and Login, when set, hear what issuance learns about the
	// session: a 420 means a scan is needed, a 419 a login, and an issued
	// invoice that both are fine right now.
	Face   *FaceAuthService
	Login  *LoginService
	Credit *CreditService

	// ProviderDocuments is true when layout files come from the provider,
	// false when the app renders them itself; for the capability set.
	ProviderDocuments bool

	// resubmitRed, set by the red service, resumes a held red invoice.
	resubmitRed func(ctx context.Context, serial string) (Invoice, error)

	locks sync.Map // serial → *sync.Mutex: one send or lookup per serial at a time
}

// NewIssueService wires the service. log may be nil.
func NewIssueService(store InvoiceStore, issuer Issuer, seller Party, log *slog.Logger) *IssueService {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &IssueService{
		store: store, issuer: issuer, seller: seller, log: log,
		Now:     time.Now,
		Backoff: []time.Duration{time.Second, 3 * time.Second},
	}
}

// Seller is the company invoices are issued for.
func (s *IssueService) Seller() Party { return s.seller }

// ProviderName names who issues the invoices.
func (s *IssueService) ProviderName() string { return s.issuer.Name() }

// CanLookup reports whether the provider can be asked what became of a
// serial. Issuers without a lookup say so with a CanLookup method.
func (s *IssueService) CanLookup() bool {
	l, ok := s.issuer.(interface{ CanLookup() bool })
	return !ok || l.CanLookup()
}

// Check validates a draft and computes it without storing or sending (试算).
func (s *IssueService) Check(d Draft) (Invoice, error) {
	return Prepare(d, s.seller)
}

// Issue validates the draft, commits it under a new serial and sends it. On
// a *ValidationError nothing was stored or sent. On an *OutcomeUnknownError
// the invoice is stored as unknown and will be resolved by Reconcile.
func (s *IssueService) Issue(ctx context.Context, d Draft) (Invoice, error) {
	inv, err := Prepare(d, s.seller)
	if err != nil {
		return inv, err
	}
	now := s.Now()
	inv.RequestSerial = NewRequestSerial(inv.Seller.TaxID, now)
	inv.Status = StatusPending
	inv.CreatedAt = now.In(ChinaTime)
	inv.Provider = s.issuer.Name()
	request, err := json.Marshal(inv)
	if err != nil {
		return inv, fmt.Errorf("编码开票请求: %w", err)
	}
	if err := s.store.CreatePending(ctx, &inv, request); err != nil {
		return inv, fmt.Errorf("保存待开发票失败,未发送: %w", err)
	}
	s.log.Info("issuing", "serial", inv.RequestSerial, "lines", len(inv.Lines), "total", inv.Total.String())
	return s.send(ctx, inv, false)
}

// Resubmit sends a held invoice again under its own serial, with exactly the
// request that was committed for it.
func (s *IssueService) Resubmit(ctx context.Context, serial string) (Invoice, error) {
	entry, err := s.openEntry(ctx, serial)
	if err != nil {
		return Invoice{}, err
	}
	var inv Invoice
	if err := json.Unmarshal(entry.Request, &inv); err != nil {
		return Invoice{}, fmt.Errorf("读取已保存的开票请求 %s: %w", serial, err)
	}
	inv.ID = entry.InvoiceID
	if inv.BlueNumber != "" {
		// A red invoice goes through hzfpkj on its form, never blueTicket.
		if s.resubmitRed == nil {
			return inv, fmt.Errorf("红字发票 %s 请在红冲中继续", serial)
		}
		return s.resubmitRed(ctx, serial)
	}
	return s.send(ctx, inv, true)
}

func (s *IssueService) openEntry(ctx context.Context, serial string) (OutboxEntry, error) {
	entries, err := s.store.OpenOutbox(ctx)
	if err != nil {
		return OutboxEntry{}, err
	}
	for _, e := range entries {
		if e.Serial == serial {
			return e, nil
		}
	}
	return OutboxEntry{}, fmt.Errorf("流水号 %s 没有待处理的开票请求: %w", serial, ErrNotFound)
}

// send delivers one committed blue invoice through the issuer.
func (s *IssueService) send(ctx context.Context, inv Invoice, sentBefore bool) (Invoice, error) {
	return s.sendWith(ctx, inv, sentBefore, s.issuer.Issue)
}

// sendWith delivers one committed invoice through issue (blueTicket for a
// blue invoice, hzfpkj for a red one), retrying transient failures with the
// same serial. sentBefore says the serial may already have reached the
// provider, so a refusal must be checked against a lookup (it may be the
// provider refusing a duplicate of an invoice it did issue).
func (s *IssueService) sendWith(ctx context.Context, inv Invoice, sentBefore bool, issue func(context.Context, Invoice) (IssueResult, error)) (Invoice, error) {
	unlock := s.lock(inv.RequestSerial)
	defer unlock()
	// Outcomes are recorded even if the caller gives up meanwhile: an issued
	// invoice must never go unrecorded.
	record := context.WithoutCancel(ctx)

	for attempt := 0; ; attempt++ {
		result, err := issue(ctx, inv)
		if err == nil {
			return s.recordIssued(record, inv, result)
		}
		s.log.Warn("issue attempt failed", "serial", inv.RequestSerial, "attempt", attempt+1, "kind", ErrorKindOf(err).String(), "err", err)
		switch ErrorKindOf(err) {
		case KindBusiness:
			if sentBefore || attempt > 0 {
				if result, lerr := s.issuer.Lookup(ctx, inv.RequestSerial); lerr == nil {
					return s.recordIssued(record, inv, result)
				}
			}
			return s.recordStatus(record, inv, StatusRejected, err)
		case KindFaceAuth:
			if s.Face != nil {
				s.Face.MarkNeeded(record)
			}
			return s.recordStatus(record, inv, StatusHeld, err)
		case KindLogin:
			if s.Login != nil {
				s.Login.MarkLoggedOut(record)
			}
			return s.recordStatus(record, inv, StatusHeld, err)
		case KindCredentials:
			return s.recordStatus(record, inv, StatusHeld, err)
		}
		if notSent(err) && !sentBefore {
			// Nothing left this machine: safe to try again, and if it never
			// gets through the invoice is held, not unknown.
			if attempt >= len(s.Backoff) {
				return s.recordStatus(record, inv, StatusHeld, fmt.Errorf("未能连接开票服务,发票未发送,可重新提交: %w", err))
			}
			if werr := sleep(ctx, s.Backoff[attempt]); werr != nil {
				return s.recordStatus(record, inv, StatusHeld, fmt.Errorf("已取消,发票未发送: %w", err))
			}
			continue
		}
		// Transient, or an error we cannot classify: the request may have
		// been processed. Find out before sending again.
		sentBefore = true
		if serr := s.store.MarkStatus(record, inv.RequestSerial, StatusUnknown, err.Error()); serr != nil {
			return inv, fmt.Errorf("记录开具结果失败: %w(原因:%v)", serr, err)
		}
		result, lerr := s.issuer.Lookup(ctx, inv.RequestSerial)
		switch {
		case lerr == nil:
			return s.recordIssued(record, inv, result)
		case errors.Is(lerr, ErrNoLookup) && attempt >= len(s.Backoff):
			return s.recordStatus(record, inv, StatusHeld, fmt.Errorf("%s: %w", noLookupAdvice, err))
		case errors.Is(lerr, ErrNoLookup):
			// The provider deduplicates by the serial: sending the same
			// request again is how its outcome is learned.
		case !errors.Is(lerr, ErrNotFound):
			inv.Status = StatusUnknown
			return inv, &OutcomeUnknownError{Serial: inv.RequestSerial, Cause: err}
		case attempt >= len(s.Backoff):
			return s.recordStatus(record, inv, StatusHeld, fmt.Errorf("多次发送失败,税局无此流水号的发票(未开具),可重新提交: %w", err))
		}
		if werr := sleep(ctx, s.Backoff[attempt]); werr != nil {
			inv.Status = StatusUnknown
			return inv, &OutcomeUnknownError{Serial: inv.RequestSerial, Cause: werr}
		}
	}
}

func (s *IssueService) recordIssued(ctx context.Context, inv Invoice, result IssueResult) (Invoice, error) {
	if err := s.store.MarkIssued(ctx, inv.RequestSerial, result); err != nil {
		// The provider issued it; the outbox entry stays open and the next
		// reconciliation records it.
		return inv, fmt.Errorf("发票已开具(号码 %s),但本地记录失败,重启后将自动补记: %w", result.Number, err)
	}
	inv.Number, inv.IssuedAt, inv.Status, inv.StatusMessage = result.Number, result.IssuedAt, StatusIssued, ""
	s.log.Info("issued", "serial", inv.RequestSerial, "number", result.Number)
	if s.Face != nil {
		s.Face.noteIssued(ctx)
	}
	if s.Login != nil {
		s.Login.noteActive(ctx)
	}
	if s.Credit != nil {
		// Issuing consumes the amount excluding tax; a red invoice's is
		// negative, so it gives it back.
		s.Credit.noteIssued(ctx, inv.TotalAmount)
	}
	return inv, nil
}

// recordStatus stores a non-final or refused outcome and returns the cause.
func (s *IssueService) recordStatus(ctx context.Context, inv Invoice, status Status, cause error) (Invoice, error) {
	inv.Status, inv.StatusMessage = status, cause.Error()
	if err := s.store.MarkStatus(ctx, inv.RequestSerial, status, cause.Error()); err != nil {
		return inv, fmt.Errorf("记录开具结果失败: %w(原因:%v)", err, cause)
	}
	return inv, cause
}

func (s *IssueService) lock(serial string) func() {
	m, _ := s.locks.LoadOrStore(serial, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
