package sandbox

import (
	"fmt"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// checkNoDiscount refuses a discount on a normal line (lineAttribute 0):
// only a discounted line (2) carries one. A zero is no discount.
func checkNoDiscount(i xlLine, lw lineWire) error {
	for _, f := range []struct {
		label string
		value wireText
	}{
		{i.of("含税折扣额", "discount"), lw.Discount},
		{i.of("不含税折扣额", "lineDiscountExcludeTax"), lw.LineDiscountExcludeTax},
		{i.of("折扣税额", "taxDiscount"), lw.TaxDiscount},
	} {
		d, err := xlOptionalFigure(f.label, f.value, ruleLineMoney)
		if err != nil {
			return err
		}
		if d.Valid && !d.Decimal.IsZero() {
			return xlRefuse(fmt.Sprintf("%s %s 无效:正常行(lineAttribute 0)没有折扣,有折扣的行应为被折扣行(2)", f.label, f.value))
		}
	}
	return nil
}

// checkXunlianDiscount reads the discount of discounted line l
// (lineAttribute 2) and returns the discount line the bureau stores after
// it. Seed 003: the discount on the invoice's basis (含税折扣额 when
// computeWithTax is 1, 不含税折扣额 when 0) is required and positive, and
// so is 折扣税额 (zero allowed, as on a zero-rate line). A red invoice
// mirrors its blue one, so there the figures are negative. The discount
// takes off no more than the line, and its tax meets its amount × rate
// within 0.06 like a line's.
func checkXunlianDiscount(i xlLine, lw lineWire, b xlBasis, l app.Line) (app.Line, error) {
	inclLabel, exclLabel := i.of("含税折扣额", "discount"), i.of("不含税折扣额", "lineDiscountExcludeTax")
	taxLabel := i.of("折扣税额", "taxDiscount")
	incl, err := xlOptionalFigure(inclLabel, lw.Discount, ruleLineMoney)
	if err != nil {
		return app.Line{}, err
	}
	excl, err := xlOptionalFigure(exclLabel, lw.LineDiscountExcludeTax, ruleLineMoney)
	if err != nil {
		return app.Line{}, err
	}
	tax, err := xlOptionalFigure(taxLabel, lw.TaxDiscount, ruleLineMoney)
	if err != nil {
		return app.Line{}, err
	}
	own, ownLabel := excl, exclLabel
	if b.withTax {
		own, ownLabel = incl, inclLabel
	}
	switch {
	case !own.Valid:
		return app.Line{}, xlRefuse(ownLabel + "不能为空:被折扣行(lineAttribute 2)须填写与含税标识(computeWithTax)一致的折扣额")
	case !tax.Valid:
		return app.Line{}, xlRefuse(taxLabel + "不能为空:被折扣行(lineAttribute 2)须填写折扣税额")
	case incl.Valid && excl.Valid && !incl.Decimal.Equal(excl.Decimal.Add(tax.Decimal)):
		return app.Line{}, xlRefuse(fmt.Sprintf("%s %s 不等于%s %s 加%s %s", inclLabel, app.FormatMoney(incl.Decimal),
			exclLabel, app.FormatMoney(excl.Decimal), taxLabel, app.FormatMoney(tax.Decimal)))
	}
	if err := firstError(checkSign(b, own.Decimal, ownLabel, false), checkSign(b, tax.Decimal, taxLabel, true)); err != nil {
		return app.Line{}, err
	}
	if own.Decimal.Abs().GreaterThan(l.Amount.Abs()) {
		return app.Line{}, xlRefuse(fmt.Sprintf("%s %s 超过本行金额 %s", ownLabel, app.FormatMoney(own.Decimal), app.FormatMoney(l.Amount)))
	}
	discExcl := excl.Decimal
	if !excl.Valid {
		discExcl = incl.Decimal.Sub(tax.Decimal)
	}
	if err := checkXunlianLineTax(taxLabel, discExcl, l.TaxRate, tax.Decimal); err != nil {
		return app.Line{}, err
	}
	return discountLineOf(l, own.Decimal, discExcl, tax.Decimal), nil
}

// discountLineOf is the 折扣行 after discounted line l: its name, tax code
// and rate, the discount taken off (negative on a blue invoice), no
// quantity or price.
func discountLineOf(l app.Line, amount, excl, tax decimal.Decimal) app.Line {
	return app.Line{
		Nature: app.NatureDiscount, Name: l.Name, TaxCode: l.TaxCode, TaxRate: l.TaxRate, TaxIncluded: l.TaxIncluded,
		Amount: amount.Neg(), AmountExcl: excl.Neg(), Tax: tax.Neg(),
	}
}
