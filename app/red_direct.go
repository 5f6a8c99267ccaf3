package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// DirectRedIssuer is a provider that issues a red invoice straight against
// its blue invoice, with no red-letter form applied for on this side
// (迅联云 serverIssue with blueInvoiceNo: the platform deals with the
// bureau). It reverses whole invoices only.
type DirectRedIssuer interface {
	IssueRedDirect(ctx context.Context, red Invoice, blue Invoice) (IssueResult, error)
}

// DirectRed lets the red-case flow run on a DirectRedIssuer. What can be
// reversed comes from the blue invoice as this app issued it (such a
// provider has no query), and the form step passes at once, so the case goes
// straight to issuing — stored step by step like any other case.
type DirectRed struct {
	issuer   DirectRedIssuer
	invoices InvoiceStore
	reds     RedStore
}

// NewDirectRed wires the adapter over the app's own invoices and red cases.
func NewDirectRed(issuer DirectRedIssuer, invoices InvoiceStore, reds RedStore) *DirectRed {
	return &DirectRed{issuer: issuer, invoices: invoices, reds: reds}
}

// Direct marks the adapter: the red service then issues without a form.
func (d *DirectRed) Direct() bool { return true }

// PartialRed is false: the hosted platform reverses whole invoices.
func (d *DirectRed) PartialRed() bool { return false }

// CheckBlue answers from the local record of the blue invoice: all of it
// can be reversed until a red invoice against it has been issued.
func (d *DirectRed) CheckBlue(ctx context.Context, blueNumber string) (BlueCheck, error) {
	blue, err := d.blue(ctx, blueNumber)
	if err != nil {
		return BlueCheck{}, err
	}
	cases, err := d.reds.RedCases(ctx, blueNumber, false)
	if err != nil {
		return BlueCheck{}, err
	}
	check := BlueCheck{Number: blue.Number, IssuedAt: blue.IssuedAt, Type: blue.Type, Seller: blue.Seller,
		Buyer: blue.Buyer, Message: "本张发票可以开负数(按本机开具记录)"}
	for _, c := range cases {
		if c.Step == RedStepIssued {
			check.Message = "该发票已全额红冲"
			return check, nil
		}
	}
	check.Lines = ReversibleLines(blue)
	for _, l := range check.Lines {
		check.TotalAmount = check.TotalAmount.Add(l.AmountExcl)
		check.TotalTax = check.TotalTax.Add(l.Tax)
	}
	return check, nil
}

// RedForm needs no application: the answer is a form that needs no
// confirmation, so the case moves on to issuing.
func (d *DirectRed) RedForm(_ context.Context, req RedFormRequest) (RedForm, error) {
	if len(req.Lines) > 0 {
		return RedForm{}, &ValidationError{Errors: []FieldError{{Field: "partial", Rule: "partial_not_allowed",
			Message: "红冲方式:当前开票服务只支持全额红冲"}}}
	}
	return RedForm{State: RedFormNoConfirmation}, nil
}

// IssueRed sends the red invoice with the blue invoice it reverses.
func (d *DirectRed) IssueRed(ctx context.Context, red Invoice, _ RedForm, blueNumber string) (IssueResult, error) {
	blue, err := d.blue(ctx, blueNumber)
	if err != nil {
		return IssueResult{}, err
	}
	return d.issuer.IssueRedDirect(ctx, red, blue)
}

func (d *DirectRed) blue(ctx context.Context, number string) (Invoice, error) {
	blue, err := d.invoices.InvoiceByNumber(ctx, number)
	switch {
	case errors.Is(err, ErrNotFound):
		return Invoice{}, &ValidationError{Errors: []FieldError{{Field: "blue_number", Rule: "not_issued_here",
			Message: fmt.Sprintf("蓝字发票号码:本机没有开具过 %s,当前开票服务只能红冲本机开具的发票", number)}}}
	case err != nil:
		return Invoice{}, err
	case blue.Status != StatusIssued || blue.BlueNumber != "":
		return Invoice{}, &ValidationError{Errors: []FieldError{{Field: "blue_number", Rule: "not_blue",
			Message: fmt.Sprintf("蓝字发票号码:%s 不是已开具的蓝字发票", number)}}}
	}
	return blue, nil
}

// ReversibleLines are a blue invoice's lines as a full red invoice carries
// them: negative, excluding tax (the red invoice reverses the printed 金额
// and 税额 exactly), each with its blue line's index.
func ReversibleLines(blue Invoice) []RedLine {
	out := make([]RedLine, len(blue.Lines))
	for i, l := range blue.Lines {
		r := l
		r.TaxIncluded = false
		r.Amount, r.AmountExcl, r.Tax = l.AmountExcl.Neg(), l.AmountExcl.Neg(), l.Tax.Neg()
		if l.Quantity.Valid {
			r.Quantity = decimal.NewNullDecimal(l.Quantity.Decimal.Neg())
			r.Price = l.PriceExclTax()
		}
		out[i] = RedLine{Index: i + 1, Line: r}
	}
	return out
}
