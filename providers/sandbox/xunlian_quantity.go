package sandbox

import (
	"fmt"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// checkXunlianQuantity: quantity and unit price come together or not at
// all; the price on the invoice's basis is required with a quantity; each
// price sent times the quantity meets its amount within 0.01. Prices are
// positive; the quantity has the invoice's sign.
func checkXunlianQuantity(i xlLine, lw lineWire, b xlBasis, l *app.Line) error {
	qLabel := i.of("数量", "quantity")
	inclLabel, exclLabel := i.of("含税单价", "priceIncludeTax"), i.of("不含税单价", "priceExcludeTax")
	q, err := xlOptionalFigure(qLabel, lw.Quantity, rulePrice)
	if err != nil {
		return err
	}
	incl, err := xlOptionalFigure(inclLabel, lw.PriceIncludeTax, rulePrice)
	if err != nil {
		return err
	}
	excl, err := xlOptionalFigure(exclLabel, lw.PriceExcludeTax, rulePrice)
	if err != nil {
		return err
	}
	own, ownLabel := excl, exclLabel
	if b.withTax {
		own, ownLabel = incl, inclLabel
	}
	switch {
	case !q.Valid && (incl.Valid || excl.Valid):
		return xlRefuse(qLabel + "不能为空:单价和数量要么同时为空,要么同时不为空")
	case !q.Valid:
		return nil
	case !own.Valid:
		return xlRefuse(ownLabel + "不能为空:填写了数量时须填写与含税标识(computeWithTax)一致的单价")
	case q.Decimal.Sign() != b.sign:
		return xlRefuse(fmt.Sprintf("%s %s 无效:蓝票的数量须为正数,红票的数量须为负数", qLabel, lw.Quantity))
	}
	for _, p := range []struct {
		label  string
		price  decimal.NullDecimal
		amount decimal.Decimal
	}{{inclLabel, incl, l.Total()}, {exclLabel, excl, l.AmountExcl}} {
		if err := checkPriceTimesQuantity(qLabel, p.label, q.Decimal, p.price, p.amount); err != nil {
			return err
		}
	}
	l.Quantity, l.Price = q, own
	return nil
}

func checkPriceTimesQuantity(qLabel, pLabel string, q decimal.Decimal, p decimal.NullDecimal, amount decimal.Decimal) error {
	if !p.Valid {
		return nil
	}
	if !p.Decimal.IsPositive() {
		return xlRefuse(fmt.Sprintf("%s %s 无效:单价须为正数", pLabel, p.Decimal))
	}
	product := q.Mul(p.Decimal)
	if !closeTo(product, amount, app.QuantityPriceTolerance) {
		return xlRefuse(fmt.Sprintf("%s×%s=%s,与对应金额 %s 相差超过%s", qLabel, pLabel,
			showDecimal(product), app.FormatMoney(amount), app.QuantityPriceTolerance))
	}
	return nil
}
