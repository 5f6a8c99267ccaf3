package sandbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// Refusals about the blue invoice a red one would reverse, worded as the
// bureau words them.
const (
	msgNotOwnInvoice  = "未查询到该发票或非本单位开具"
	msgFullyReversed  = "该发票已全额红冲,不能再开具红字发票"
	msgRedNotReversed = "该发票为红字发票,不能再开具红字发票"
)

// blueForRed is a blue invoice with its lines as red invoices left them.
type blueForRed struct {
	issuedInvoice
	Lines []storedLine // shadows Invoice.Lines: the stored lines, with reversals
}

// loadBlueForRed loads sellerTaxID's blue invoice number through q, or
// refuses: another seller's, unknown, or a red invoice.
func loadBlueForRed(ctx context.Context, q queryer, sellerTaxID, number string) (blueForRed, error) {
	inv, err := findInvoiceIn(ctx, q, invoiceKey{SellerTaxID: sellerTaxID, Number: number})
	switch {
	case errors.Is(err, app.ErrNotFound):
		return blueForRed{}, refuse("%s", msgNotOwnInvoice)
	case err != nil:
		return blueForRed{}, err
	case inv.Red:
		return blueForRed{}, refuse("%s", msgRedNotReversed)
	}
	lines, err := loadStoredLines(ctx, q, inv.ID)
	return blueForRed{issuedInvoice: inv, Lines: lines}, err
}

// domainLines are the blue invoice's lines as the domain sees them.
func (b blueForRed) domainLines() []app.Line {
	out := make([]app.Line, len(b.Lines))
	for i, l := range b.Lines {
		out[i] = l.Line
	}
	return out
}

// line returns the blue line at position seq (xh, from 1).
func (b blueForRed) line(seq int) (storedLine, bool) {
	if seq < 1 || seq > len(b.Lines) {
		return storedLine{}, false
	}
	return b.Lines[seq-1], true
}

// fullyReversed reports whether red invoices took everything.
func (b blueForRed) fullyReversed() bool {
	for _, l := range b.Lines {
		if l.hasLeft() {
			return false
		}
	}
	return true
}

// left is what red invoices have not reversed yet, in the blue line's
// sign. A line without quantity has zero quantity left.
func (l storedLine) left() reversal {
	left := reversal{
		AmountExcl: l.AmountExcl.Sub(l.Reversed.AmountExcl),
		Tax:        l.Tax.Sub(l.Reversed.Tax),
	}
	if l.Quantity.Valid {
		left.Quantity = l.Quantity.Decimal.Sub(l.Reversed.Quantity)
	}
	return left
}

// hasLeft reports whether an amount or tax is left to reverse.
func (l storedLine) hasLeft() bool {
	left := l.left()
	return !left.AmountExcl.IsZero() || !left.Tax.IsZero()
}

// leftAsRed is what is left written as a red line would take it: negated
// (negative for a normal line, positive for a discount line). The quantity
// is null when the line has none, or none left.
func (l storedLine) leftAsRed() redFormLine {
	left := l.left()
	red := redFormLine{BlueSeq: l.Seq, AmountExcl: left.AmountExcl.Neg(), Tax: left.Tax.Neg()}
	if l.Quantity.Valid && !left.Quantity.IsZero() {
		red.Quantity = decimal.NewNullDecimal(left.Quantity.Neg())
	}
	return red
}

// reverse adds a red line's figures to what was reversed of l, or refuses
// when that would take more than the blue line had.
func (l storedLine) reverse(red redFormLine) (reversal, error) {
	next := reversal{
		Quantity:   l.Reversed.Quantity,
		AmountExcl: l.Reversed.AmountExcl.Sub(red.AmountExcl),
		Tax:        l.Reversed.Tax.Sub(red.Tax),
	}
	row := fmt.Sprintf("蓝字发票第%d行", l.Seq)
	switch {
	case !within(l.AmountExcl, next.AmountExcl):
		return next, refuse("%s红冲金额%s超过剩余可红冲金额%s", row, app.FormatMoney(red.AmountExcl), app.FormatMoney(l.left().AmountExcl.Neg()))
	case !within(l.Tax, next.Tax):
		return next, refuse("%s红冲税额%s超过剩余可红冲税额%s", row, app.FormatMoney(red.Tax), app.FormatMoney(l.left().Tax.Neg()))
	case !red.Quantity.Valid:
		return next, nil
	case !l.Quantity.Valid:
		return next, refuse("%s没有数量,不能按数量红冲", row)
	}
	next.Quantity = l.Reversed.Quantity.Sub(red.Quantity.Decimal)
	if !within(l.Quantity.Decimal, next.Quantity) {
		return next, refuse("%s红冲数量%s超过剩余可红冲数量%s", row, red.Quantity.Decimal, l.left().Quantity.Neg())
	}
	return next, nil
}

// within reports whether reversed is a part of total: of the same sign (or
// zero) and no larger.
func within(total, reversed decimal.Decimal) bool {
	if reversed.IsZero() {
		return true
	}
	return reversed.Sign() == total.Sign() && reversed.Abs().LessThanOrEqual(total.Abs())
}

// redStatusOf is a blue invoice's red status once its lines are as given.
func redStatusOf(lines []storedLine) string {
	anyReversed, anyLeft := false, false
	for _, l := range lines {
		anyReversed = anyReversed || !l.Reversed.AmountExcl.IsZero() || !l.Reversed.Tax.IsZero()
		anyLeft = anyLeft || l.hasLeft()
	}
	switch {
	case !anyLeft:
		return redStatusFull
	case anyReversed:
		return redStatusPartial
	}
	return redStatusNone
}

// priceExclTax is a blue line's unit price excluding tax, with the 12
// decimals the bureau derives it to (1.00 at 1% → 0.990099009901).
func priceExclTax(l app.Line) decimal.NullDecimal {
	if !l.Price.Valid {
		return l.Price
	}
	excl, _ := unitPrices(l)
	return decimal.NewNullDecimal(excl)
}
