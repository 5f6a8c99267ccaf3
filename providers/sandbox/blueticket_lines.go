package sandbox

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// lineSchema is how a request names its lines and how closely quantity ×
// price must meet the amount: 票单云 sends fyxm, 乐企 sends mxxx.
type lineSchema struct {
	group          string          // the array's wire name
	priceTolerance decimal.Decimal // bound on |quantity × price − amount|
}

// blueTicketLines are blueTicket's fyxm lines: quantity, price and amount on
// the basis the clerk entered them, so DESIGN's 0.01 applies as it is.
var blueTicketLines = lineSchema{group: "fyxm", priceTolerance: app.QuantityPriceTolerance}

// lineLabels names a line's fields in refusals: "第2行金额(fyxm[1][je])".
type lineLabels struct {
	row   string
	index int
	group string
}

func labelsOf(group string, index int) lineLabels {
	return lineLabels{row: fmt.Sprintf("第%d行", index+1), index: index, group: group}
}

func (l lineLabels) of(name, wire string) string {
	return fmt.Sprintf("%s%s(%s[%d][%s])", l.row, name, l.group, l.index, wire)
}

// checkLines checks blueTicket's lines.
func checkLines(forms []lineForm) ([]app.Line, error) { return checkLinesAs(blueTicketLines, forms) }

// checkLinesAs checks every line on its own, then how discount lines pair up.
func checkLinesAs(schema lineSchema, forms []lineForm) ([]app.Line, error) {
	lines := make([]app.Line, len(forms))
	for i, lf := range forms {
		l, err := checkLine(labelsOf(schema.group, i), lf, schema.priceTolerance)
		if err != nil {
			return nil, err
		}
		lines[i] = l
	}
	return lines, checkDiscounts(schema.group, lines)
}

func checkLine(lb lineLabels, lf lineForm, priceTolerance decimal.Decimal) (app.Line, error) {
	if err := checkLineCodes(lb, lf); err != nil {
		return app.Line{}, err
	}
	l := app.Line{
		Name: lf.Name, TaxCode: lf.TaxCode, Spec: lf.Spec, Unit: lf.Unit,
		TaxIncluded: lf.TaxIncluded == "1",
	}
	l.Nature = app.LineNature(lf.Nature[0] - '0')
	var err error
	if l.TaxRate, err = parseDecimal(lb.of("税率", "sl"), lf.Rate, app.MaxRatePlaces); err != nil {
		return l, err
	}
	if !app.IsAllowedTaxRate(l.TaxRate) {
		return l, fmt.Errorf("%s %s 不是现行税率或征收率,可选:0.13、0.09、0.06、0.05、0.03、0.015、0.01、0", lb.of("税率", "sl"), lf.Rate)
	}
	if l.Amount, err = parseDecimal(lb.of("金额", "je"), lf.Amount, app.MaxAmountPlaces); err != nil {
		return l, err
	}
	if l.Tax, err = parseDecimal(lb.of("税额", "se"), lf.Tax, app.MaxAmountPlaces); err != nil {
		return l, err
	}
	if err := checkSigns(lb, l); err != nil {
		return l, err
	}
	if l.Quantity, l.Price, err = checkQuantityPrice(lb, lf, l.Amount, priceTolerance); err != nil {
		return l, err
	}
	l.AmountExcl, err = checkLineTax(lb, l)
	return l, err
}

// checkLineCodes checks presence, codes and texts of a line.
func checkLineCodes(lb lineLabels, lf lineForm) error {
	for _, f := range []struct{ name, wire, value string }{
		{"发票行性质", "fphxz", lf.Nature}, {"商品名称", "spmc", lf.Name},
		{"金额", "je", lf.Amount}, {"税率", "sl", lf.Rate}, {"税额", "se", lf.Tax},
		{"含税标志", "hsbz", lf.TaxIncluded}, {"商品编码", "spbm", lf.TaxCode},
	} {
		if f.value == "" {
			return errors.New(lb.of(f.name, f.wire) + "不能为空")
		}
	}
	if len(lf.TaxCode) != app.TaxCodeLength || strings.Trim(lf.TaxCode, "0123456789") != "" {
		return fmt.Errorf("%s %q 无效:应为%d位数字的税收分类编码", lb.of("商品编码", "spbm"), lf.TaxCode, app.TaxCodeLength)
	}
	return firstError(
		oneOf(lb.of("发票行性质", "fphxz"), lf.Nature, "应为 0(正常行)、1(折扣行)或 2(被折扣行)", "0", "1", "2"),
		oneOf(lb.of("含税标志", "hsbz"), lf.TaxIncluded, "应为 0(不含税)或 1(含税)", "0", "1"),
		oneOf(lb.of("优惠政策标识", "yhzcbs"), lf.Preferential, "应为 0、1 或留空", "", "0", "1"),
		oneOf(lb.of("零税率标识", "lslbs"), lf.ZeroRateFlag, "应为 0、1、2、3 或留空", "", "0", "1", "2", "3"),
		checkText(lb.of("商品名称", "spmc"), lf.Name, app.MaxItemNameBytes),
		checkText(lb.of("规格型号", "ggxh"), lf.Spec, app.MaxSpecBytes),
		checkText(lb.of("单位", "dw"), lf.Unit, app.MaxUnitBytes),
	)
}

// checkSigns: a blue invoice's lines are positive, except discount lines,
// which are negative; the tax follows the amount's sign.
func checkSigns(lb lineLabels, l app.Line) error {
	if l.Nature == app.NatureDiscount {
		if !l.Amount.IsNegative() {
			return fmt.Errorf("%s %s 无效:折扣行(fphxz=1)金额必须为负数", lb.of("金额", "je"), app.FormatMoney(l.Amount))
		}
		if l.Tax.IsPositive() {
			return fmt.Errorf("%s %s 无效:折扣行税额不能为正数", lb.of("税额", "se"), app.FormatMoney(l.Tax))
		}
		return nil
	}
	if !l.Amount.IsPositive() {
		return fmt.Errorf("%s %s 无效:蓝字发票的金额必须大于0(负数只能出现在折扣行)", lb.of("金额", "je"), app.FormatMoney(l.Amount))
	}
	if l.Tax.IsNegative() {
		return fmt.Errorf("%s %s 无效:蓝字发票的税额不能为负数", lb.of("税额", "se"), app.FormatMoney(l.Tax))
	}
	return nil
}

// checkQuantityPrice: quantity and price come together, are positive, and
// multiply to the amount within tolerance.
func checkQuantityPrice(lb lineLabels, lf lineForm, amount, tolerance decimal.Decimal) (q, p decimal.NullDecimal, err error) {
	qLabel, pLabel := lb.of("数量", "spsl"), lb.of("单价", "dj")
	if q, err = optionalDecimal(qLabel, lf.Quantity, app.MaxQuantityPlaces); err != nil {
		return q, p, err
	}
	if p, err = optionalDecimal(pLabel, lf.Price, app.MaxQuantityPlaces); err != nil {
		return q, p, err
	}
	switch {
	case q.Valid != p.Valid && q.Valid:
		return q, p, errors.New(pLabel + "不能为空:填写了数量时须填写单价")
	case q.Valid != p.Valid:
		return q, p, errors.New(qLabel + "不能为空:填写了单价时须填写数量")
	case !q.Valid:
		return q, p, nil
	case !q.Decimal.IsPositive():
		return q, p, fmt.Errorf("%s %s 无效:必须大于0", qLabel, lf.Quantity)
	case !p.Decimal.IsPositive():
		return q, p, fmt.Errorf("%s %s 无效:必须大于0", pLabel, lf.Price)
	}
	product := q.Decimal.Mul(p.Decimal)
	if product.Sub(amount.Abs()).Abs().GreaterThan(tolerance) {
		return q, p, fmt.Errorf("%s×单价(%s[%d][dj])=%s,与金额(%s[%d][je])%s 相差超过%s", qLabel, lb.group, lb.index,
			showDecimal(product), lb.group, lb.index, app.FormatMoney(amount), tolerance)
	}
	return q, p, nil
}

// checkLineTax checks the line's tax against its amount and rate and returns
// the amount excluding tax. A tax-inclusive amount (hsbz 1) is split the
// way the bureau splits it; the tax sent may differ from that by 0.06 at most.
func checkLineTax(lb lineLabels, l app.Line) (decimal.Decimal, error) {
	seLabel := lb.of("税额", "se")
	excl := l.Amount
	if l.TaxIncluded {
		_, computed := app.SplitTax(l.Amount, l.TaxRate, true)
		if l.Tax.Sub(computed).Abs().GreaterThan(app.LineTaxTolerance) {
			return excl, fmt.Errorf("%s %s 与按含税金额计算的税额 %s 相差超过%s", seLabel,
				app.FormatMoney(l.Tax), app.FormatMoney(computed), app.LineTaxTolerance)
		}
		excl = l.Amount.Sub(l.Tax)
	}
	exact := excl.Mul(l.TaxRate)
	if exact.Sub(l.Tax).Abs().GreaterThan(app.LineTaxTolerance) {
		return excl, fmt.Errorf("%s %s 与 不含税金额×税率=%s 相差超过%s", seLabel,
			app.FormatMoney(l.Tax), showDecimal(exact), app.LineTaxTolerance)
	}
	return excl, nil
}

// checkDiscounts: a discount line (fphxz 1) directly follows its discounted
// line (fphxz 2), with the same name, tax code, rate and tax-inclusive flag,
// and takes off no more than that line's amount; a discounted line always
// has its discount line.
func checkDiscounts(group string, lines []app.Line) error {
	for i, l := range lines {
		row := fmt.Sprintf("第%d行", i+1)
		switch l.Nature {
		case app.NatureDiscounted:
			if i+1 >= len(lines) || lines[i+1].Nature != app.NatureDiscount {
				return fmt.Errorf("%s为被折扣行(%s[%d][fphxz]=2),其后须紧跟折扣行(fphxz=1)", row, group, i)
			}
		case app.NatureDiscount:
			if i == 0 || lines[i-1].Nature != app.NatureDiscounted {
				return fmt.Errorf("%s为折扣行(%s[%d][fphxz]=1),须紧跟在被折扣行(fphxz=2)之后", row, group, i)
			}
			if err := matchDiscounted(labelsOf(group, i), l, lines[i-1]); err != nil {
				return err
			}
		}
	}
	return nil
}

func matchDiscounted(lb lineLabels, d, of app.Line) error {
	switch {
	case d.Name != of.Name:
		return errors.New(lb.of("商品名称", "spmc") + "须与被折扣行一致")
	case d.TaxCode != of.TaxCode:
		return errors.New(lb.of("商品编码", "spbm") + "须与被折扣行一致")
	case !d.TaxRate.Equal(of.TaxRate):
		return errors.New(lb.of("税率", "sl") + "须与被折扣行一致")
	case d.TaxIncluded != of.TaxIncluded:
		return errors.New(lb.of("含税标志", "hsbz") + "须与被折扣行一致")
	case d.Amount.Abs().GreaterThan(of.Amount):
		return fmt.Errorf("%s %s 无效:折扣金额超过被折扣行金额 %s", lb.of("金额", "je"),
			app.FormatMoney(d.Amount), app.FormatMoney(of.Amount))
	}
	return nil
}
