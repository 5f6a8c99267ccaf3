package sandbox

import (
	"fmt"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// xlTotalTolerance bounds how far a total may be from the sum of its lines
// (brief: within 0.01, the rounding of one cent).
var xlTotalTolerance = decimal.RequireFromString("0.01")

// xlTotals are the request's totals as sent.
type xlTotals struct {
	excl, tax, incl decimal.Decimal
}

// readXunlianTotals reads the three totals. 价税合计 says which way the
// invoice goes: positive is a blue invoice, negative a red one; zero is
// neither.
func readXunlianTotals(req serverIssueWire) (xlTotals, error) {
	var t xlTotals
	var err error
	if t.excl, err = xlFigure("合计金额(totalAmountExcludeTax)", req.TotalAmountExcludeTax, ruleTotalExcl); err != nil {
		return t, err
	}
	if t.tax, err = xlFigure("合计税额(totalTaxAmount)", req.TotalTaxAmount, ruleTotalTax); err != nil {
		return t, err
	}
	if t.incl, err = xlFigure("价税合计(totalAmountIncludeTax)", req.TotalAmountIncludeTax, ruleTotalIncl); err != nil {
		return t, err
	}
	if t.incl.IsZero() {
		return t, xlRefuse("价税合计(totalAmountIncludeTax)不能为0:蓝票为正数,红票为负数")
	}
	return t, nil
}

// sign is +1 for a blue invoice, -1 for a red one: every line amount must
// have it.
func (t xlTotals) sign() int { return t.incl.Sign() }

func (t xlTotals) red() bool { return t.incl.IsNegative() }

// match compares the totals with the sums of the checked lines (discount
// lines included, so discounts are taken off) and bounds the sum of the
// per-line tax differences as the bureau does.
func (t xlTotals) match(lines []app.Line) error {
	sum := app.SumLines(lines)
	switch {
	case !closeTo(t.excl, sum.Amount, xlTotalTolerance):
		return xlRefuse(fmt.Sprintf("合计金额(totalAmountExcludeTax)%s 与明细不含税金额之和(扣除折扣)%s 相差超过%s",
			app.FormatMoney(t.excl), app.FormatMoney(sum.Amount), xlTotalTolerance))
	case !closeTo(t.tax, sum.Tax, xlTotalTolerance):
		return xlRefuse(fmt.Sprintf("合计税额(totalTaxAmount)%s 与明细税额之和(扣除折扣税额)%s 相差超过%s",
			app.FormatMoney(t.tax), app.FormatMoney(sum.Tax), xlTotalTolerance))
	case !closeTo(t.incl, t.excl.Add(t.tax), xlTotalTolerance) || !closeTo(t.incl, sum.Total, xlTotalTolerance):
		return xlRefuse(fmt.Sprintf("价税合计(totalAmountIncludeTax)%s 与合计金额加合计税额 %s、明细价税之和 %s 相差超过%s",
			app.FormatMoney(t.incl), app.FormatMoney(t.excl.Add(t.tax)), app.FormatMoney(sum.Total), xlTotalTolerance))
	}
	diff := decimal.Zero
	for _, l := range lines {
		diff = diff.Add(app.TaxDifference(l))
	}
	if diff.Abs().GreaterThan(app.InvoiceTaxTolerance) {
		return xlRefuse(fmt.Sprintf("明细税额(taxAmount)误差合计 %s 超过允许的 %s 元", showDecimal(diff), app.InvoiceTaxTolerance))
	}
	return nil
}

// closeTo reports |a − b| ≤ tolerance.
func closeTo(a, b, tolerance decimal.Decimal) bool {
	return a.Sub(b).Abs().LessThanOrEqual(tolerance)
}

// Lengths of an invoice number: a 税控 invoice's comes with a code.
const paperNumberLen = 8

// checkBlueReference: a red invoice names its blue invoice — a 20-digit 数电
// number without a code, or an 8-digit 税控 number with its code — and a
// blue one names none.
func checkBlueReference(req serverIssueWire, red bool) error {
	number, code := req.BlueInvoiceNo.String(), req.BlueInvoiceCode.String()
	switch {
	case !red && (number != "" || code != ""):
		return xlRefuse("蓝票号码(blueInvoiceNo)和蓝票代码(blueInvoiceCode)仅在开红票时填写:本张价税合计为正数,是蓝票")
	case !red:
		return nil
	case number == "":
		return xlRefuse("蓝票号码(blueInvoiceNo)不能为空:开红票(价税合计为负数)时必填")
	case !isDigits(number) || len(number) != app.InvoiceNumberLength && len(number) != paperNumberLen:
		return xlRefuse(fmt.Sprintf("蓝票号码(blueInvoiceNo)%q 无效:应为20位数电发票号码,或8位税控发票号码", clipText(number)))
	case len(number) == app.InvoiceNumberLength && code != "":
		return xlRefuse(fmt.Sprintf("蓝票代码(blueInvoiceCode)%q 应为空:数电发票没有发票代码", clipText(code)))
	case len(number) == paperNumberLen && (!isDigits(code) || len(code) != 10 && len(code) != 12):
		return xlRefuse("蓝票代码(blueInvoiceCode)无效:8位税控发票号码须同时提供10位或12位发票代码")
	}
	return nil
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
