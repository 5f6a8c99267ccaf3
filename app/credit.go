package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// MinCreditRefresh is how often the bureau lets the credit line be asked
// (about once per 30 s, DESIGN §2).
const MinCreditRefresh = 30 * time.Second

// CreditStatus is the credit line as the app knows it.
type CreditStatus struct {
	Known     bool
	Total     decimal.Decimal
	Remaining decimal.Decimal // the bureau's figure, adjusted by what was issued since
	Used      decimal.Decimal
	At        time.Time // when the bureau said so; the age of the figure
	Adjusted  bool      // invoices were issued since: Remaining is the app's reckoning
	NextAt    time.Time // the earliest next refresh the bureau allows
}

// CreditTooSoonError says the bureau would refuse a refresh until RetryAt.
type CreditTooSoonError struct{ RetryAt time.Time }

func (e *CreditTooSoonError) Error() string {
	return fmt.Sprintf("税局限制查询频率,请于 %s 后再刷新授信额度", e.RetryAt.In(ChinaTime).Format("15:04:05"))
}

type creditState struct {
	Known     bool            `json:"known"`
	Total     decimal.Decimal `json:"total"`
	Remaining decimal.Decimal `json:"remaining"`
	At        time.Time       `json:"at"`
	Delta     decimal.Decimal `json:"delta"` // issued since At: consumed (+) or given back (−)
	AskedAt   time.Time       `json:"asked_at"`
}

const creditStateName = "credit_line"

// CreditService caches the credit line (授信额度), keeps to the bureau's rate
// limit, and reckons what issuing did to it since the last answer: an
// invoice consumes its amount excluding tax, a red invoice gives it back.
type CreditService struct {
	provider CreditProvider
	states   StateStore
	log      *slog.Logger
	Now      func() time.Time

	mu       sync.Mutex
	loaded   bool
	state    creditState
	watchers watchers
}

// NewCreditService wires the service. log may be nil.
func NewCreditService(provider CreditProvider, states StateStore, log *slog.Logger) *CreditService {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &CreditService{provider: provider, states: states, log: log, Now: time.Now}
}

// OnChange calls fn whenever the status may have changed.
func (s *CreditService) OnChange(fn func()) (cancel func()) { return s.watchers.add(fn) }

// Status is the cached figure, adjusted, without asking the bureau.
func (s *CreditService) Status(ctx context.Context) CreditStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loadLocked(ctx)
	return s.statusLocked()
}

func (s *CreditService) statusLocked() CreditStatus {
	st := s.state
	remaining := st.Remaining.Sub(st.Delta)
	return CreditStatus{Known: st.Known, Total: st.Total, Remaining: remaining, Used: st.Total.Sub(remaining),
		At: st.At, Adjusted: !st.Delta.IsZero(), NextAt: st.AskedAt.Add(MinCreditRefresh)}
}

// Refresh asks the bureau, unless it asked less than MinCreditRefresh ago
// (then *CreditTooSoonError, and the cached status).
func (s *CreditService) Refresh(ctx context.Context) (CreditStatus, error) {
	s.mu.Lock()
	s.loadLocked(ctx)
	now := s.Now()
	if next := s.state.AskedAt.Add(MinCreditRefresh); now.Before(next) {
		st := s.statusLocked()
		s.mu.Unlock()
		return st, &CreditTooSoonError{RetryAt: next}
	}
	s.state.AskedAt = now
	s.saveLocked(ctx)
	s.mu.Unlock()

	line, err := s.provider.CreditLine(ctx)
	if err != nil {
		return s.Status(ctx), err
	}
	if line.At.IsZero() {
		line.At = now
	}
	s.update(ctx, func(st *creditState) {
		st.Known, st.Total, st.Remaining, st.At, st.Delta = true, line.Total, line.Remaining, line.At, decimal.Zero
	})
	return s.Status(ctx), nil
}

// noteIssued reckons an issued invoice's amount excluding tax against the
// cached figure (negative for a red invoice).
func (s *CreditService) noteIssued(ctx context.Context, amountExcl decimal.Decimal) {
	s.update(ctx, func(st *creditState) { st.Delta = st.Delta.Add(amountExcl) })
}

func (s *CreditService) update(ctx context.Context, change func(*creditState)) {
	s.mu.Lock()
	s.loadLocked(ctx)
	change(&s.state)
	s.saveLocked(ctx)
	s.mu.Unlock()
	s.watchers.notify()
}

func (s *CreditService) loadLocked(ctx context.Context) {
	if s.loaded {
		return
	}
	s.loaded = true
	if err := s.states.LoadState(ctx, creditStateName, &s.state); err != nil && !errors.Is(err, ErrNotFound) {
		s.log.Warn("credit state unreadable; starting afresh", "err", err)
		s.state = creditState{}
	}
}

func (s *CreditService) saveLocked(ctx context.Context) {
	if err := s.states.SaveState(context.WithoutCancel(ctx), creditStateName, s.state); err != nil {
		s.log.Warn("saving credit state", "err", err)
	}
}
