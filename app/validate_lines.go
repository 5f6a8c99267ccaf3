package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

func (v *validator) lines(drafts []DraftLine) []Line {
	if len(drafts) == 0 {
		v.add("lines", "required", "明细", "至少需要一行商品或服务")
		return nil
	}
	out := make([]Line, 0, len(drafts))
	for i, dl := range drafts {
		out = append(out, v.line(i, dl)...)
	}
	return out
}

// line validates one typed line and returns its computed line, followed by
// its discount line when it has a discount.
func (v *validator) line(i int, dl DraftLine) []Line {
	// Field paths are built by concatenation: this runs for every line of
	// every keystroke in the form, and Sprintf here was a fifth of the cost.
	prefix := "lines[" + strconv.Itoa(i) + "]."
	f := func(name string) string { return prefix + name }
	row := "第" + strconv.Itoa(i+1) + "行"
	l := Line{
		Nature:      NatureNormal,
		Name:        strings.TrimSpace(dl.Name),
		TaxCode:     strings.TrimSpace(dl.TaxCode),
		Spec:        strings.TrimSpace(dl.Spec),
		Unit:        strings.TrimSpace(dl.Unit),
		TaxIncluded: dl.TaxIncluded,
	}
	v.itemName(f("name"), row+"项目名称", l.Name)
	v.taxCode(f("tax_code"), row+"税收分类编码", l.TaxCode)
	v.text(f("spec"), row+"规格型号", l.Spec, false, MaxSpecBytes)
	v.text(f("unit"), row+"单位", l.Unit, false, MaxUnitBytes)

	rate, rateOK := v.taxRate(f("tax_rate"), row+"税率", dl.TaxRate)
	amount, amountOK := v.number(f("amount"), row+"金额", dl.Amount, numberRule{required: true, places: MaxAmountPlaces})
	if amountOK && !amount.IsPositive() {
		v.add(f("amount"), "positive", row+"金额", "必须大于0(蓝字发票不能有负数或零金额)")
		amountOK = false
	}
	l.Amount, l.TaxRate = amount, rate
	l.Quantity, l.Price = v.quantityPrice(i, row, dl, amount, amountOK)
	if !rateOK || !amountOK {
		return []Line{l}
	}
	l.AmountExcl, l.Tax = SplitTax(amount, rate, l.TaxIncluded)
	v.taxOverride(f("tax"), row+"税额", dl.Tax, &l)

	discount, ok := v.number(f("discount"), row+"折扣金额", dl.Discount, numberRule{places: MaxAmountPlaces})
	if !ok || discount.IsZero() {
		return []Line{l}
	}
	switch {
	case discount.IsNegative():
		v.add(f("discount"), "positive", row+"折扣金额", "应填写正数(折扣的金额)")
		return []Line{l}
	case discount.GreaterThan(amount):
		v.add(f("discount"), "discount_exceeds_line", row+"折扣金额", fmt.Sprintf(
			"%s 大于本行金额 %s", FormatMoney(discount), FormatMoney(amount)))
		return []Line{l}
	}
	l.Nature = NatureDiscounted
	return []Line{l, discountLine(l, discount)}
}

// discountLine builds the 折扣行 that follows a discounted line: same name,
// tax code and rate, a negative amount, no quantity or price.
func discountLine(of Line, discount decimal.Decimal) Line {
	d := Line{
		Nature: NatureDiscount, Name: of.Name, TaxCode: of.TaxCode,
		Amount: discount.Neg(), TaxIncluded: of.TaxIncluded, TaxRate: of.TaxRate,
	}
	d.AmountExcl, d.Tax = SplitTax(d.Amount, d.TaxRate, d.TaxIncluded)
	return d
}

func (v *validator) itemName(field, label, name string) {
	v.text(field, label, name, true, MaxItemNameBytes)
	if !strings.HasPrefix(name, "*") {
		return
	}
	// Printed names are *简称*名称: both parts present.
	parts := strings.SplitN(name[1:], "*", 2)
	if len(parts) != 2 || parts[0] == "" || strings.TrimSpace(parts[1]) == "" {
		v.add(field, "item_name_format", label, "格式应为 *简称*名称,例如 *软件*财税管理系统")
	}
}

func (v *validator) taxCode(field, label, code string) {
	if code == "" {
		v.add(field, "required", label, "不能为空")
		return
	}
	if len(code) != TaxCodeLength || strings.Trim(code, "0123456789") != "" {
		v.add(field, "tax_code", label, fmt.Sprintf("应为%d位数字,当前为 %q", TaxCodeLength, code))
	}
}

func (v *validator) taxRate(field, label string, text NumText) (decimal.Decimal, bool) {
	s := strings.TrimSpace(string(text))
	percent := strings.HasSuffix(s, "%")
	rate, ok := v.number(field, label, NumText(strings.TrimSuffix(s, "%")),
		numberRule{required: true, places: MaxRatePlaces + 2})
	if !ok {
		return rate, false
	}
	if percent {
		rate = rate.Shift(-2)
	}
	if !IsAllowedTaxRate(rate) {
		v.add(field, "tax_rate", label, fmt.Sprintf(
			"%s 不是现行税率或征收率,可选:13%%、9%%、6%%、5%%、3%%、1.5%%、1%%、0%%", rate.String()))
		return rate, false
	}
	return rate, true
}

// quantityPrice checks that quantity and price come together, have at most 8
// decimals, and multiply to the amount within 0.01.
func (v *validator) quantityPrice(i int, row string, dl DraftLine, amount decimal.Decimal, amountOK bool) (q, p decimal.NullDecimal) {
	prefix := "lines[" + strconv.Itoa(i) + "]."
	qField, pField := prefix+"quantity", prefix+"price"
	rule := numberRule{places: MaxQuantityPlaces}
	quantity, qOK := v.number(qField, row+"数量", dl.Quantity, rule)
	price, pOK := v.number(pField, row+"单价", dl.Price, rule)
	qSet, pSet := strings.TrimSpace(string(dl.Quantity)) != "", strings.TrimSpace(string(dl.Price)) != ""
	switch {
	case !qOK || !pOK:
		return q, p
	case qSet && !pSet:
		v.add(pField, "quantity_price_pair", row+"单价", "填写了数量时单价不能为空")
		return q, p
	case pSet && !qSet:
		v.add(qField, "quantity_price_pair", row+"数量", "填写了单价时数量不能为空")
		return q, p
	case !qSet:
		return q, p
	}
	if !quantity.IsPositive() {
		v.add(qField, "positive", row+"数量", "必须大于0")
		return q, p
	}
	if !price.IsPositive() {
		v.add(pField, "positive", row+"单价", "必须大于0")
		return q, p
	}
	q, p = decimal.NewNullDecimal(quantity), decimal.NewNullDecimal(price)
	if amountOK {
		product := quantity.Mul(price)
		if product.Sub(amount).Abs().GreaterThan(QuantityPriceTolerance) {
			v.add(prefix+"amount", "quantity_price_amount", row+"金额", fmt.Sprintf(
				"数量×单价=%s,与金额 %s 相差超过 %s", product.Round(4).String(), FormatMoney(amount), QuantityPriceTolerance))
		}
	}
	return q, p
}

// taxOverride applies a tax the clerk typed instead of the computed one,
// within the bureau's per-line tolerance.
func (v *validator) taxOverride(field, label string, text NumText, l *Line) {
	tax, ok := v.number(field, label, text, numberRule{places: MaxAmountPlaces})
	if !ok || strings.TrimSpace(string(text)) == "" {
		return
	}
	excl := l.Amount
	if l.TaxIncluded {
		excl = l.Amount.Sub(tax)
	}
	diff := excl.Mul(l.TaxRate).Sub(tax).Abs()
	if diff.GreaterThan(LineTaxTolerance) {
		v.add(field, "tax_tolerance", label, fmt.Sprintf(
			"%s 与 金额×税率 相差 %s,超过允许的 %s", FormatMoney(tax), diff.Round(4).String(), LineTaxTolerance))
		return
	}
	l.AmountExcl, l.Tax = excl, tax
}

type numberRule struct {
	required bool
	places   int32 // most decimals allowed
}

// number parses a typed decimal. It accepts thousands separators and
// full-width digits (what an IME produces) but no exponents: a clerk never
// means 1e3.
func (v *validator) number(field, label string, text NumText, rule numberRule) (decimal.Decimal, bool) {
	s := normalizeNumber(string(text))
	if s == "" {
		if rule.required {
			v.add(field, "required", label, "不能为空")
			return decimal.Zero, false
		}
		return decimal.Zero, true
	}
	d, ok := ParseTypedNumber(s)
	if !ok {
		v.add(field, "number", label, fmt.Sprintf("%q 不是有效的数字", string(text)))
		return decimal.Zero, false
	}
	if places := decimalPlaces(d); places > rule.places {
		v.add(field, "decimal_places", label, fmt.Sprintf("最多%d位小数,当前%d位", rule.places, places))
		return d, false
	}
	return d, true
}
