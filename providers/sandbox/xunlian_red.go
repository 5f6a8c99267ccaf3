package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fapiao/app"
)

// msgPartlyReversed refuses a blue invoice part of which red invoices
// reversed already: serverIssue only reverses whole invoices.
const msgPartlyReversed = "该发票已部分红冲,只能全额红冲未红冲过的发票"

// reverseWhole checks red against the blue invoice o names, inside tx, and
// takes all of the blue invoice: the seller's own blue invoice, never
// reversed, of the same type and buyer, whose totals the red one exactly
// negates. The blue lines are marked reversed and the blue invoice fully
// reversed, as hzfpkj leaves them, so the 票单云 red machinery sees nothing
// left. It returns the blue line each red line reverses, when the red lines
// mirror the blue ones (nil otherwise).
func reverseWhole(ctx context.Context, tx *sql.Tx, red *issuedInvoice, o xlOrder) ([]int, error) {
	label := fmt.Sprintf("蓝票号码(blueInvoiceNo)%s", o.blueNumber)
	blue, err := loadBlueForRed(ctx, tx, red.Seller.TaxID, o.blueNumber)
	var rf *refusal
	switch {
	case errors.As(err, &rf):
		return nil, xlRefuse(label + ":" + rf.msg)
	case err != nil:
		return nil, err
	case blue.RedStatus == redStatusFull || blue.fullyReversed():
		return nil, xlRefuse(label + ":" + msgFullyReversed)
	case blue.RedStatus != redStatusNone || anyReversed(blue.Lines):
		return nil, xlRefuse(label + ":" + msgPartlyReversed)
	}
	if err := matchBlue(red, blue); err != nil {
		return nil, err
	}
	whole := make([]redFormLine, len(blue.Lines))
	for i, l := range blue.Lines {
		whole[i] = l.leftAsRed()
	}
	if err := applyReversals(ctx, tx, blue, whole); err != nil {
		return nil, err
	}
	red.BlueNumber = blue.Number
	return mirroredSeqs(red.Lines, blue.Lines), nil
}

// matchBlue: the red invoice is the blue one's mirror — same type and
// buyer, totals exactly negated.
func matchBlue(red *issuedInvoice, blue blueForRed) error {
	switch {
	case red.Type != blue.Type:
		return xlRefuse(fmt.Sprintf("发票类型代码(invoiceTypeCode)与蓝票不符:蓝票 %s 是%s", blue.Number, blue.Type.Label()))
	case red.Buyer.TaxID != blue.Buyer.TaxID:
		return xlRefuse(fmt.Sprintf("购方纳税人识别号(buyerTaxId)%q 与蓝票的购方 %q 不符", red.Buyer.TaxID, blue.Buyer.TaxID))
	case !red.TotalAmount.Equal(blue.TotalAmount.Neg()) || !red.TotalTax.Equal(blue.TotalTax.Neg()) || !red.Total.Equal(blue.Total.Neg()):
		return xlRefuse(fmt.Sprintf(
			"红票金额须与蓝票完全相反(全额红冲):蓝票 %s 合计金额 %s、合计税额 %s、价税合计 %s,红票为 %s、%s、%s",
			blue.Number, app.FormatMoney(blue.TotalAmount), app.FormatMoney(blue.TotalTax), app.FormatMoney(blue.Total),
			app.FormatMoney(red.TotalAmount), app.FormatMoney(red.TotalTax), app.FormatMoney(red.Total)))
	}
	return nil
}

func anyReversed(lines []storedLine) bool {
	for _, l := range lines {
		if !l.Reversed.AmountExcl.IsZero() || !l.Reversed.Tax.IsZero() {
			return true
		}
	}
	return false
}

// mirroredSeqs pairs red line i with blue line i when the red lines are
// the blue ones negated, line for line; otherwise the red invoice reverses
// the blue one as a whole and no line names a blue line.
func mirroredSeqs(red []app.Line, blue []storedLine) []int {
	if len(red) != len(blue) {
		return nil
	}
	seqs := make([]int, len(red))
	for i, r := range red {
		b := blue[i]
		if r.Nature != b.Nature || !r.AmountExcl.Equal(b.AmountExcl.Neg()) || !r.Tax.Equal(b.Tax.Neg()) {
			return nil
		}
		seqs[i] = b.Seq
	}
	return seqs
}
