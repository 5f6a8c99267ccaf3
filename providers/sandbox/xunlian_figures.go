package sandbox

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// figureRule bounds a BigDecimal field of seed 003: its decimals (小数点后N位)
// and its length, the digits a DECIMAL(length, places) column holds.
type figureRule struct {
	places int32
	digits int
}

// The seed's figures.
var (
	ruleTotalExcl = figureRule{places: 2, digits: 13} // totalAmountExcludeTax
	ruleTotalTax  = figureRule{places: 2, digits: 12} // totalTaxAmount
	ruleTotalIncl = figureRule{places: 2, digits: 14} // totalAmountIncludeTax
	ruleLineMoney = figureRule{places: 2, digits: 12} // line amounts, taxAmount, discounts
	rulePrice     = figureRule{places: 8, digits: 16} // quantity, unit prices
	ruleRate      = figureRule{places: 3, digits: 12} // taxRate
)

// maxFigureText bounds a figure as written: the longest the seed allows
// (16 digits) with a sign, a point and trailing zeros to spare.
const maxFigureText = 40

// xlFigure reads a required figure: a plain decimal (a string or a JSON
// number; no exponent, no plus sign), with at most rule.places decimals
// that count (trailing zeros do not) and an integer part that leaves room
// for them within rule.digits.
func xlFigure(label string, t wireText, rule figureRule) (decimal.Decimal, error) {
	switch {
	case t == "":
		return decimal.Zero, xlRefuse(label + "不能为空")
	case len(t) > maxFigureText:
		// Refused before parsing: a figure of a million digits would take
		// the decimal parser seconds.
		return decimal.Zero, xlRefuse(fmt.Sprintf("%s 超过长度限制:最多%d位数字(含%d位小数)", label, rule.digits, rule.places))
	}
	d, err := parseDecimal(label, string(t), rule.places)
	if err != nil {
		return d, xlRefuse(err.Error())
	}
	if intDigits := len(d.Abs().Truncate(0).String()); intDigits+int(rule.places) > rule.digits {
		return d, xlRefuse(fmt.Sprintf("%s %s 超过长度限制:最多%d位数字(含%d位小数),整数部分最多%d位",
			label, t, rule.digits, rule.places, rule.digits-int(rule.places)))
	}
	return d, nil
}

// xlOptionalFigure is xlFigure for a field that may be left out.
func xlOptionalFigure(label string, t wireText, rule figureRule) (decimal.NullDecimal, error) {
	if t == "" {
		return decimal.NullDecimal{}, nil
	}
	d, err := xlFigure(label, t, rule)
	if err != nil {
		return decimal.NullDecimal{}, err
	}
	return decimal.NewNullDecimal(d), nil
}
