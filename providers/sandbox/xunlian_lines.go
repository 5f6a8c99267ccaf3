package sandbox

import (
	"fmt"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// Line attributes (发票行性质) serverIssue takes: a discount is carried on
// the line it discounts, never as a line of its own.
const (
	xlAttrNormal     = "0" // 正常行
	xlAttrDiscounted = "2" // 被折扣行
)

// xlLine names the fields of line i in refusals: "第2行商品名称(lines[1].itemName)".
type xlLine int

func (i xlLine) of(name, wire string) string {
	return fmt.Sprintf("第%d行%s(lines[%d].%s)", int(i)+1, name, int(i), wire)
}

// xlBasis is how an invoice's lines are written: computeWithTax, and the
// sign every amount has (+1 blue, -1 red).
type xlBasis struct {
	withTax bool
	sign    int
}

// checkXunlianLines checks every line and returns the invoice's lines as
// the bureau stores them: a discounted line (lineAttribute 2) becomes the
// discounted line followed by its discount line.
func checkXunlianLines(lines []lineWire, withTax bool, sign int) ([]app.Line, error) {
	basis := xlBasis{withTax: withTax, sign: sign}
	var out []app.Line
	for i, lw := range lines {
		ls, err := checkXunlianLine(xlLine(i), lw, basis)
		if err != nil {
			return nil, err
		}
		out = append(out, ls...)
	}
	return out, nil
}

func checkXunlianLine(i xlLine, lw lineWire, b xlBasis) ([]app.Line, error) {
	if err := checkXunlianLineTexts(i, lw); err != nil {
		return nil, err
	}
	if err := checkXunlianLineCodes(i, lw); err != nil {
		return nil, err
	}
	rate, err := xlFigure(i.of("税率", "taxRate"), lw.TaxRate, ruleRate)
	if err != nil {
		return nil, err
	}
	if !app.IsAllowedTaxRate(rate) {
		return nil, xlRefuse(fmt.Sprintf("%s %s 不是现行税率或征收率:应为小数(例1%%为0.01),可选 0.13、0.09、0.06、0.05、0.03、0.015、0.01、0",
			i.of("税率", "taxRate"), lw.TaxRate))
	}
	if lw.ZeroTaxRateFlag != "" && !rate.IsZero() {
		return nil, xlRefuse(fmt.Sprintf("%s为 %s,但税率为 %s:零税率标识只用于税率为0的行",
			i.of("零税率标识", "zeroTaxRateFlag"), lw.ZeroTaxRateFlag, lw.TaxRate))
	}
	l := app.Line{
		Nature: app.NatureNormal, Name: lw.ItemName.String(), TaxCode: lw.TaxClassificationCode.String(),
		Spec: lw.ItemModelName.String(), Unit: lw.Unit.String(), TaxIncluded: b.withTax, TaxRate: rate,
	}
	if err := checkXunlianAmounts(i, lw, b, &l); err != nil {
		return nil, err
	}
	if err := checkXunlianQuantity(i, lw, b, &l); err != nil {
		return nil, err
	}
	if lw.LineAttribute == xlAttrNormal {
		return []app.Line{l}, checkNoDiscount(i, lw)
	}
	d, err := checkXunlianDiscount(i, lw, b, l)
	if err != nil {
		return nil, err
	}
	l.Nature = app.NatureDiscounted
	return []app.Line{l, d}, nil
}

func checkXunlianLineTexts(i xlLine, lw lineWire) error {
	if lw.ItemName == "" {
		return xlRefuse(i.of("商品名称", "itemName") + "不能为空")
	}
	return checkXunlianTextList([]xlText{
		{i.of("明细编号", "id"), lw.ID, 20},
		{i.of("商品名称", "itemName"), lw.ItemName, app.MaxItemNameBytes},
		{i.of("单位", "unit"), lw.Unit, app.MaxUnitBytes},
		{i.of("规格型号", "itemModelName"), lw.ItemModelName, app.MaxSpecBytes},
		{i.of("发票行性质", "lineAttribute"), lw.LineAttribute, 2},
		{i.of("税收分类编码", "taxClassificationCode"), lw.TaxClassificationCode, app.TaxCodeLength},
		{i.of("物料编码", "materialCode"), lw.MaterialCode, 20},
		{i.of("零税率标识", "zeroTaxRateFlag"), lw.ZeroTaxRateFlag, 2},
		{i.of("优惠政策标识", "favouredPolicyMark"), lw.FavouredPolicyMark, 2},
		{i.of("优惠政策名称", "favouredPolicyName"), lw.FavouredPolicyName, 500},
		{i.of("订单编号", "orderNo"), lw.OrderNo, 100},
		{i.of("订单行号", "orderLineId"), lw.OrderLineID, 20},
		{i.of("对账单编号", "statementCode"), lw.StatementCode, 100},
		{i.of("对账单行号", "statementLineId"), lw.StatementLineID, 20},
		{i.of("通知单编号", "noticeCodeNo"), lw.NoticeCodeNo, 100},
		{i.of("通知单行号", "noticeLineId"), lw.NoticeLineID, 20},
	})
}

func checkXunlianLineCodes(i xlLine, lw lineWire) error {
	code := lw.TaxClassificationCode.String()
	switch {
	case lw.LineAttribute == "1":
		return xlRefuse(i.of("发票行性质", "lineAttribute") + "为1(折扣行)无效:折扣请填在被折扣行(2)的折扣额上,不单独传折扣行")
	case code == "":
		return xlRefuse(i.of("税收分类编码", "taxClassificationCode") + "不能为空")
	case len(code) != app.TaxCodeLength || !isDigits(code):
		return xlRefuse(fmt.Sprintf("%s %q 无效:应为%d位数字", i.of("税收分类编码", "taxClassificationCode"), clipText(code), app.TaxCodeLength))
	case lw.FavouredPolicyMark == "1" && lw.FavouredPolicyName == "":
		return xlRefuse(i.of("优惠政策名称", "favouredPolicyName") + "不能为空:使用优惠政策(favouredPolicyMark=1)时必填")
	}
	return asXunlianRefusal(firstError(
		oneOf(i.of("发票行性质", "lineAttribute"), lw.LineAttribute.String(), "应为 0(正常行)或 2(被折扣行)", xlAttrNormal, xlAttrDiscounted),
		oneOf(i.of("零税率标识", "zeroTaxRateFlag"), lw.ZeroTaxRateFlag.String(),
			"应为空、1(出口免税和其他免税优惠政策)、2(不征增值税)或 3(普通零税率)", "", "1", "2", "3"),
		oneOf(i.of("优惠政策标识", "favouredPolicyMark"), lw.FavouredPolicyMark.String(), "应为 0(未使用)或 1(使用)", "", "0", "1"),
	))
}

// checkXunlianAmounts reads the line's amounts and tax into l. The amount
// on the invoice's basis (含税金额 when computeWithTax is 1, 不含税金额
// when 0) is required; the other, when sent too, must be it plus or minus
// the tax exactly. The tax may differ from 不含税金额 × 税率 by 0.06.
func checkXunlianAmounts(i xlLine, lw lineWire, b xlBasis, l *app.Line) error {
	inclLabel, exclLabel, taxLabel := i.of("含税金额", "lineAmountIncludeTax"), i.of("不含税金额", "lineAmountExcludeTax"), i.of("税额", "taxAmount")
	incl, err := xlOptionalFigure(inclLabel, lw.LineAmountIncludeTax, ruleLineMoney)
	if err != nil {
		return err
	}
	excl, err := xlOptionalFigure(exclLabel, lw.LineAmountExcludeTax, ruleLineMoney)
	if err != nil {
		return err
	}
	tax, err := xlFigure(taxLabel, lw.TaxAmount, ruleLineMoney)
	if err != nil {
		return err
	}
	switch {
	case b.withTax && !incl.Valid:
		return xlRefuse(inclLabel + "不能为空:含税标识(computeWithTax)为1时须填写含税金额")
	case !b.withTax && !excl.Valid:
		return xlRefuse(exclLabel + "不能为空:含税标识(computeWithTax)为0时须填写不含税金额")
	case incl.Valid && excl.Valid && !incl.Decimal.Equal(excl.Decimal.Add(tax)):
		return xlRefuse(fmt.Sprintf("%s %s 不等于%s %s 加%s %s", inclLabel, app.FormatMoney(incl.Decimal),
			exclLabel, app.FormatMoney(excl.Decimal), taxLabel, app.FormatMoney(tax)))
	}
	if excl.Valid {
		l.AmountExcl = excl.Decimal
	} else {
		l.AmountExcl = incl.Decimal.Sub(tax)
	}
	l.Tax, l.Amount = tax, l.AmountExcl
	if b.withTax {
		l.Amount = l.AmountExcl.Add(tax)
	}
	if err := checkSign(b, l.Amount, inclOrExcl(b, inclLabel, exclLabel), false); err != nil {
		return err
	}
	if err := checkSign(b, tax, taxLabel, true); err != nil {
		return err
	}
	return checkXunlianLineTax(taxLabel, l.AmountExcl, l.TaxRate, tax)
}

// inclOrExcl picks the label of the amount on the invoice's basis.
func inclOrExcl(b xlBasis, incl, excl string) string {
	if b.withTax {
		return incl
	}
	return excl
}

// checkSign refuses a figure whose sign is not the invoice's: positive on
// a blue invoice, negative on a red one. Zero is allowed where mayBeZero.
func checkSign(b xlBasis, d decimal.Decimal, label string, mayBeZero bool) error {
	switch {
	case d.IsZero() && mayBeZero || d.Sign() == b.sign:
		return nil
	case b.sign > 0:
		return xlRefuse(fmt.Sprintf("%s %s 无效:蓝票(价税合计为正数)中此项须为正数", label, app.FormatMoney(d)))
	}
	return xlRefuse(fmt.Sprintf("%s %s 无效:红票(价税合计为负数)中此项须为负数", label, app.FormatMoney(d)))
}

// checkXunlianLineTax bounds |不含税金额 × 税率 − 税额| by 0.06.
func checkXunlianLineTax(label string, excl, rate, tax decimal.Decimal) error {
	exact := excl.Mul(rate)
	if exact.Sub(tax).Abs().GreaterThan(app.LineTaxTolerance) {
		return xlRefuse(fmt.Sprintf("%s %s 与 不含税金额×税率=%s 相差超过%s", label,
			app.FormatMoney(tax), showDecimal(exact), app.LineTaxTolerance))
	}
	return nil
}
