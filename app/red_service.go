package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// RedService runs red cases: check the blue invoice, apply for the
// red-letter form, wait for the other side where the rules say so, issue
// the red invoice. Every step is stored before and after it reaches the
// bureau, so a crash resumes from the stored step and never applies twice:
// a form is re-asked for with the same invoice and reason (the bureau then
// returns the existing one), a red invoice keeps its serial.
type RedService struct {
	provider RedProvider
	issuing  *IssueService
	reds     RedStore
	log      *slog.Logger
	// Inbox is the buyer side; nil when the provider has none.
	Inbox RedInbox
	Now   func() time.Time

	locks sync.Map // case ID → *sync.Mutex
}

// NewRedService wires the service and lets the issuing service resume held
// red invoices through it. log may be nil.
func NewRedService(provider RedProvider, issuing *IssueService, reds RedStore, log *slog.Logger) *RedService {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &RedService{provider: provider, issuing: issuing, reds: reds, log: log, Now: time.Now}
	issuing.resubmitRed = s.resubmit
	return s
}

// PartialRed reports whether the provider can reverse part of an invoice.
func (s *RedService) PartialRed() bool { return s.provider.PartialRed() }

// Direct reports whether red invoices go straight against the blue one,
// with no red-letter form on this side (see DirectRed).
func (s *RedService) Direct() bool {
	d, ok := s.provider.(interface{ Direct() bool })
	return ok && d.Direct()
}

// Start validates the clerk's choice against a fresh check of the blue
// invoice, stores the case, and applies for the form.
func (s *RedService) Start(ctx context.Context, req RedRequest) (RedCase, error) {
	chk, err := s.Check(ctx, req.BlueNumber)
	if err != nil {
		return RedCase{}, err
	}
	if req.Partial && chk.PartialRefusal != "" {
		return RedCase{}, &ValidationError{Errors: []FieldError{{Field: "partial", Rule: "partial_not_allowed", Message: "红冲方式:" + chk.PartialRefusal}}}
	}
	for _, other := range chk.Cases {
		if other.Step.Open() && other.Reason == req.Reason {
			// The bureau keys forms by invoice and reason: a second case
			// would be handed the first one's form.
			return RedCase{}, &ValidationError{Errors: []FieldError{{Field: "reason", Rule: "case_open",
				Message: fmt.Sprintf("红冲原因:该发票已有进行中的红冲(编号 %d,%s),请先完成,或等确认单作废后再申请", other.ID, other.Step.Label())}}}
		}
	}
	lines, err := PlanRed(req, chk.Remaining)
	if err != nil {
		return RedCase{}, err
	}
	totals := SumLines(redLinesOnly(lines))
	c := RedCase{
		BlueNumber: req.BlueNumber, Reason: req.Reason, Partial: req.Partial, Lines: lines,
		TotalAmount: totals.Amount, TotalTax: totals.Tax, Total: totals.Total,
		Seller: s.issuing.Seller(), Buyer: chk.Buyer, Type: chk.Type,
		Step: RedStepApplying, CreatedAt: s.Now(),
	}
	if c.Type == "" {
		c.Type = TypeOrdinary
	}
	if err := s.reds.SaveRedCase(ctx, &c, "开始红冲:"+req.Reason.Label()); err != nil {
		return c, fmt.Errorf("保存红冲记录失败,未申请: %w", err)
	}
	return s.Advance(ctx, c.ID)
}

func redLinesOnly(reds []RedLine) []Line {
	out := make([]Line, len(reds))
	for i, r := range reds {
		out[i] = r.Line
	}
	return out
}

// Advance moves a case on from its stored step as far as it can go now:
// applying → the form; awaiting → the form's current state; ready → the
// red invoice; issuing → the red invoice's outcome.
func (s *RedService) Advance(ctx context.Context, id int64) (RedCase, error) {
	unlock := s.lock(id)
	defer unlock()
	c, err := s.reds.RedCase(ctx, id)
	if err != nil {
		return c, err
	}
	switch c.Step {
	case RedStepApplying, RedStepAwaiting:
		if c, err = s.askForm(ctx, c); err != nil || c.Step != RedStepReady {
			return c, err
		}
		fallthrough
	case RedStepReady, RedStepIssuing:
		return s.issueRed(ctx, c)
	}
	return c, nil
}

// Refresh asks for the current state of a pending case's form without
// issuing anything, for the background refresh.
func (s *RedService) Refresh(ctx context.Context, id int64) (RedCase, error) {
	unlock := s.lock(id)
	defer unlock()
	c, err := s.reds.RedCase(ctx, id)
	if err != nil || (c.Step != RedStepAwaiting && c.Step != RedStepApplying) {
		return c, err
	}
	return s.askForm(ctx, c)
}

// RefreshPending refreshes every case waiting on a form and reports those
// whose step changed (confirmed, voided), for a notification.
func (s *RedService) RefreshPending(ctx context.Context) (changed []RedCase, err error) {
	open, err := s.reds.RedCases(ctx, "", true)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, c := range open {
		if c.Step != RedStepAwaiting {
			continue
		}
		after, err := s.Refresh(ctx, c.ID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if after.Step != c.Step {
			changed = append(changed, after)
		}
	}
	return changed, errors.Join(errs...)
}

// askForm applies for the case's form, or — when it was applied for
// before, even by a run that crashed — gets it back with its state.
func (s *RedService) askForm(ctx context.Context, c RedCase) (RedCase, error) {
	req := RedFormRequest{BlueNumber: c.BlueNumber, Reason: c.Reason}
	if c.Partial {
		req.Lines = c.Lines
	}
	form, err := s.provider.RedForm(ctx, req)
	if err == nil && c.Step == RedStepApplying && form.State.Void() {
		// The bureau handed back a form an earlier case left void: this
		// case applies anew. Had a crash interrupted that new application,
		// asking without Fresh would have returned the new form, not this.
		req.Fresh = true
		form, err = s.provider.RedForm(ctx, req)
	}
	switch {
	case err != nil && ErrorKindOf(err) == KindBusiness && c.Step == RedStepApplying:
		c.Step, c.Message = RedStepVoid, "申请红字信息确认单被拒绝:"+err.Error()
		return c, errors.Join(err, s.save(ctx, &c, c.Message))
	case err != nil:
		return c, err
	}
	before := c.Step
	c.Form = form
	c.Step = stepOfForm(form.State)
	c.Message = formMessage(form)
	note := fmt.Sprintf("确认单 %s:%s", form.Number, form.State.Label())
	if s.Direct() {
		c.Message, note = "无需确认单,直接开具红字发票", "无需确认单(开票服务按蓝票号码直接红冲)"
	}
	if c.Step != before || c.Form.State != form.State || before == RedStepApplying {
		if err := s.save(ctx, &c, note); err != nil {
			return c, err
		}
	}
	return c, nil
}

func stepOfForm(state RedFormState) RedStep {
	switch {
	case state.Issuable():
		return RedStepReady
	case state.Void():
		return RedStepVoid
	}
	return RedStepAwaiting
}

func formMessage(f RedForm) string {
	switch {
	case f.State == RedFormAwaitingBuyer:
		return "确认单已提交,等待购买方确认(72小时内未确认将自动作废)"
	case f.State.Void():
		return "确认单" + f.State.Label() + ",未红冲任何金额"
	case f.State.Issuable():
		return "确认单" + f.State.Label() + ",可开具红字发票"
	}
	return "确认单" + f.State.Label()
}

func (s *RedService) save(ctx context.Context, c *RedCase, note string) error {
	c.UpdatedAt = s.Now()
	return s.reds.SaveRedCase(context.WithoutCancel(ctx), c, note)
}

func (s *RedService) lock(id int64) func() {
	m, _ := s.locks.LoadOrStore(id, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

// redInvoice is the red invoice of a case, as committed before sending.
func (s *RedService) redInvoice(c RedCase) Invoice {
	inv := Invoice{
		RequestSerial: c.Serial, Type: c.Type, Status: StatusPending, CreatedAt: s.Now().In(ChinaTime),
		Provider: s.issuing.ProviderName(), Seller: c.Seller, Buyer: c.Buyer, Lines: redLinesOnly(c.Lines),
		BlueNumber: c.BlueNumber,
		Remark:     fmt.Sprintf("被红冲蓝字数电发票号码:%s 红字发票信息确认单编号:%s", c.BlueNumber, c.Form.Number),
	}
	if s.Direct() {
		inv.Remark = "被红冲蓝字数电发票号码:" + c.BlueNumber
	}
	inv.ApplyTotals()
	return inv
}

// issueRed commits the red invoice under a serial stored on the case first,
// then sends it; a case already issuing resumes with the same serial.
func (s *RedService) issueRed(ctx context.Context, c RedCase) (RedCase, error) {
	if c.Serial == "" {
		c.Serial = NewRequestSerial(c.Seller.TaxID, s.Now())
		c.Step = RedStepIssuing
		if err := s.save(ctx, &c, "提交红字发票,流水号 "+c.Serial); err != nil {
			return c, err
		}
	}
	inv, err := s.issuing.store.InvoiceBySerial(ctx, c.Serial)
	sentBefore := err == nil
	switch {
	case errors.Is(err, ErrNotFound):
		inv = s.redInvoice(c)
		request, merr := json.Marshal(inv)
		if merr != nil {
			return c, merr
		}
		if err := s.issuing.store.CreatePending(ctx, &inv, request); err != nil {
			return c, fmt.Errorf("保存红字发票失败,未发送: %w", err)
		}
	case err != nil:
		return c, err
	case inv.Status == StatusIssued:
		return s.finish(ctx, c, inv)
	}
	form, blue := c.Form, c.BlueNumber
	inv, err = s.issuing.sendWith(ctx, inv, sentBefore, func(ctx context.Context, inv Invoice) (IssueResult, error) {
		return s.provider.IssueRed(ctx, inv, form, blue)
	})
	switch {
	case inv.Status == StatusIssued:
		return s.finish(ctx, c, inv)
	case inv.Status == StatusRejected:
		// The bureau refused this red invoice (its form may have lapsed):
		// the serial is spent; look at the form again before a new one.
		c.Serial, c.Step, c.Message = "", RedStepAwaiting, "红字发票被拒绝:"+err.Error()
		if serr := s.save(ctx, &c, c.Message); serr != nil {
			return c, errors.Join(err, serr)
		}
		refreshed, ferr := s.askForm(ctx, c)
		return refreshed, errors.Join(err, ferr)
	}
	c.Message = inv.StatusMessage
	return c, err
}

func (s *RedService) finish(ctx context.Context, c RedCase, inv Invoice) (RedCase, error) {
	c.Step, c.RedNumber, c.Message = RedStepIssued, inv.Number, "已开具红字发票 "+inv.Number
	return c, s.save(ctx, &c, c.Message)
}

// resubmit resumes a held red invoice from the issued list or after a
// face scan: the case it belongs to carries on with the same serial.
func (s *RedService) resubmit(ctx context.Context, serial string) (Invoice, error) {
	cases, err := s.reds.RedCases(ctx, "", true)
	if err != nil {
		return Invoice{}, err
	}
	for _, c := range cases {
		if c.Serial == serial {
			after, err := s.Advance(ctx, c.ID)
			inv, ierr := s.issuing.store.InvoiceBySerial(ctx, after.Serial)
			if ierr != nil {
				return inv, errors.Join(err, ierr)
			}
			return inv, err
		}
	}
	return Invoice{}, fmt.Errorf("红字发票 %s 没有进行中的红冲: %w", serial, ErrNotFound)
}

// Case returns one case with its history.
func (s *RedService) Case(ctx context.Context, id int64) (RedCase, []RedTransition, error) {
	c, err := s.reds.RedCase(ctx, id)
	if err != nil {
		return c, nil, err
	}
	moves, err := s.reds.RedTransitions(ctx, id)
	return c, moves, err
}

// Cases lists cases newest first, of one blue invoice when blueNumber is
// set, only open ones when openOnly.
func (s *RedService) Cases(ctx context.Context, blueNumber string, openOnly bool) ([]RedCase, error) {
	return s.reds.RedCases(ctx, blueNumber, openOnly)
}

// BlueRedStatus is what has been reversed of a blue invoice.
type BlueRedStatus struct {
	Label    string          // "", 部分红冲 or 全额红冲
	Reversed decimal.Decimal // Σ red totals issued, negative
}
