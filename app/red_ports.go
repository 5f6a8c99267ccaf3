package app

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// RedForm is a red-letter confirmation form (红字发票信息确认单) as the
// bureau keeps it.
type RedForm struct {
	Number    string       `json:"number"` // xxbbh / tzdbh
	ID        string       `json:"id"`     // uuid
	State     RedFormState `json:"state"`
	AppliedAt time.Time    `json:"applied_at"`
}

// RedFormRequest applies for a form against a blue invoice as its seller.
// Lines is nil for a full red; for a partial one it holds the lines to
// reverse, negative, each with its blue line's Index.
type RedFormRequest struct {
	BlueNumber string
	Reason     RedReason
	Lines      []RedLine
	// Fresh asks for a new form even though one was applied for before
	// (hzxxbcheck 1) — only when that one is void. Without it the bureau
	// returns the form applied for before, in its current state.
	Fresh bool
}

// RedProvider is a provider's red-invoice calls (seed 001: retInviceMsg,
// hzxxbsq, hzfpkj).
type RedProvider interface {
	// CheckBlue asks what can still be reversed of a blue invoice the seller
	// issued, and what the buyer did with it (retInviceMsg).
	CheckBlue(ctx context.Context, blueNumber string) (BlueCheck, error)
	// RedForm applies for a form — or, when one was applied for already
	// against the same invoice for the same reason, returns that one with
	// its current state (hzxxbsq without hzxxbcheck). Calling it again is how
	// a pending form is refreshed, and why a retry never makes a second form.
	RedForm(ctx context.Context, req RedFormRequest) (RedForm, error)
	// IssueRed issues the red invoice red (negative lines; its
	// RequestSerial is the idempotency key) on form against blueNumber
	// (hzfpkj). Lookup of the Issuer resolves a lost answer.
	IssueRed(ctx context.Context, red Invoice, form RedForm, blueNumber string) (IssueResult, error)
	// PartialRed reports whether the provider can apply for a partial form.
	PartialRed() bool
}

// IncomingRedForm is a form another seller raised against an invoice they
// issued to us, waiting for our answer.
type IncomingRedForm struct {
	Number      string
	Seller      Party
	BlueNumber  string
	Reason      RedReason
	TotalAmount decimal.Decimal // negative
	TotalTax    decimal.Decimal // negative
	State       RedFormState
	AppliedAt   time.Time
}

// RedInbox is the buyer side: forms raised against us, to confirm or refuse.
// Providers whose interface has no such calls leave it nil.
type RedInbox interface {
	IncomingRedForms(ctx context.Context) ([]IncomingRedForm, error)
	AnswerRedForm(ctx context.Context, number string, confirm bool) error
}

// RedStep is where a red case stands.
type RedStep string

// Red case steps. A case moves forward only, and each move is stored with
// its time, so a crash resumes from the last one and repeats nothing that
// reached the bureau.
const (
	RedStepApplying RedStep = "applying" // the form is being applied for
	RedStepAwaiting RedStep = "awaiting" // the form waits for the other side (02, 03)
	RedStepReady    RedStep = "ready"    // the form allows the red invoice (01, 04)
	RedStepIssuing  RedStep = "issuing"  // the red invoice is committed and being sent
	RedStepIssued   RedStep = "issued"
	RedStepVoid     RedStep = "void" // the form is void (05–10): nothing was reversed
)

// Open reports whether the case still needs something done.
func (s RedStep) Open() bool { return s != RedStepIssued && s != RedStepVoid }

// Label is the step in Chinese.
func (s RedStep) Label() string {
	switch s {
	case RedStepApplying:
		return "申请确认单中"
	case RedStepAwaiting:
		return "等待对方确认"
	case RedStepReady:
		return "可开具红字发票"
	case RedStepIssuing:
		return "红字发票开具中"
	case RedStepIssued:
		return "已开具红字发票"
	case RedStepVoid:
		return "确认单已作废"
	}
	return string(s)
}

// RedCase is one reversal of a blue invoice, from the form to the red
// invoice.
type RedCase struct {
	ID          int64           `json:"id"`
	BlueNumber  string          `json:"blue_number"`
	Reason      RedReason       `json:"reason"`
	Partial     bool            `json:"partial"`
	Lines       []RedLine       `json:"lines"` // negative
	TotalAmount decimal.Decimal `json:"total_amount"`
	TotalTax    decimal.Decimal `json:"total_tax"`
	Total       decimal.Decimal `json:"total"`
	Seller      Party           `json:"seller"`
	Buyer       Party           `json:"buyer"`
	Type        InvoiceType     `json:"type"`
	Step        RedStep         `json:"step"`
	Form        RedForm         `json:"form"`
	Serial      string          `json:"serial"`     // the red invoice's request serial, once committed
	RedNumber   string          `json:"red_number"` // once issued
	Message     string          `json:"message"`    // the last thing worth telling the clerk
	CreatedAt   time.Time       `json:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
}

// RedTransition is one stored move of a case.
type RedTransition struct {
	At        time.Time
	Step      RedStep
	FormState RedFormState
	Note      string
}

// RedStore keeps red cases and their history.
type RedStore interface {
	// SaveRedCase inserts c (ID 0; sets it) or updates it, and records the
	// move with note, in one transaction.
	SaveRedCase(ctx context.Context, c *RedCase, note string) error
	// RedCase returns ErrNotFound when there is none.
	RedCase(ctx context.Context, id int64) (RedCase, error)
	// RedCases lists cases newest first: of one blue invoice when
	// blueNumber is set, only open ones when openOnly.
	RedCases(ctx context.Context, blueNumber string, openOnly bool) ([]RedCase, error)
	RedTransitions(ctx context.Context, id int64) ([]RedTransition, error)
}

// CreditLine is the credit line (授信额度) as the bureau last reported it.
type CreditLine struct {
	Total     decimal.Decimal // zsxed
	Remaining decimal.Decimal // sysxed
	Used      decimal.Decimal // total − remaining
	At        time.Time       // when the bureau said so
}

// CreditProvider is a provider's credit-line query (getCreditLine, CXSXED).
type CreditProvider interface {
	CreditLine(ctx context.Context) (CreditLine, error)
}
