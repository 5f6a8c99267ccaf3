package xunlian

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Decimals the seed fixes for each kind of figure.
const (
	moneyPlaces    = 2 // amounts and taxes
	ratePlaces     = 3 // taxRate: 0.130
	quantityPlaces = 8 // quantity and unit prices
)

// money writes an amount with exactly two decimals. An amount with more
// cannot be sent without rounding it, which would change the invoice, so it
// is refused instead. label names the figure and its wire field.
func (m *mapper) money(field, label string, d decimal.Decimal) string {
	if !d.Equal(d.Round(moneyPlaces)) {
		m.add(field, "decimal_places", fmt.Sprintf("%s最多%d位小数,当前为 %s", label, moneyPlaces, d.String()))
	}
	return d.StringFixed(moneyPlaces)
}

// rate writes a tax rate with exactly three decimals (13% → 0.130).
func (m *mapper) rate(field, label string, d decimal.Decimal) string {
	switch {
	case d.IsNegative():
		m.add(field, "tax_rate", label+"不能为负数")
	case !d.Equal(d.Round(ratePlaces)):
		m.add(field, "decimal_places", fmt.Sprintf("%s最多%d位小数,当前为 %s", label, ratePlaces, d.String()))
	}
	return d.StringFixed(ratePlaces)
}

// fixed8 writes a quantity or unit price with exactly eight decimals. The
// domain keeps at most eight; a figure a provider returned with more is
// rounded, as every provider in the app prints it.
func fixed8(d decimal.Decimal) string {
	return d.Round(quantityPlaces).StringFixed(quantityPlaces)
}

// countDigits counts the digits of a figure as written, which is what the
// seed's lengths for BigDecimal fields bound (a database DECIMAL(p, s)):
// neither the sign nor the point counts.
func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// maxFigureLen bounds a figure from an answer that is compared at all.
const maxFigureLen = 40

// sameFigure reports whether a figure from an answer equals one sent
// ("4570.8" and "4570.80" do). Exponents are not read: "1e999999999" would
// make the comparison allocate without limit, and no amount is written so.
func sameFigure(got, sent string) bool {
	if len(got) > maxFigureLen || strings.ContainsAny(got, "eE") {
		return false
	}
	a, err := decimal.NewFromString(got)
	if err != nil {
		return false
	}
	b, err := decimal.NewFromString(sent)
	return err == nil && a.Equal(b)
}
