package app

import (
	"github.com/shopspring/decimal"
)

// The VAT rates and levy rates in force. Anything else is refused before a
// request is sent.
var allowedTaxRates = []decimal.Decimal{
	decimal.RequireFromString("0.13"),
	decimal.RequireFromString("0.09"),
	decimal.RequireFromString("0.06"),
	decimal.RequireFromString("0.05"),
	decimal.RequireFromString("0.03"),
	decimal.RequireFromString("0.015"),
	decimal.RequireFromString("0.01"),
	decimal.Zero,
}

// AllowedTaxRates lists the rates a line may carry, highest first.
func AllowedTaxRates() []decimal.Decimal {
	return append([]decimal.Decimal(nil), allowedTaxRates...)
}

// IsAllowedTaxRate reports whether rate is one of the rates in force.
func IsAllowedTaxRate(rate decimal.Decimal) bool {
	for _, r := range allowedTaxRates {
		if r.Equal(rate) {
			return true
		}
	}
	return false
}

// Tolerances the bureau applies (DESIGN §2).
var (
	// QuantityPriceTolerance bounds |quantity × price − amount| per line.
	QuantityPriceTolerance = decimal.RequireFromString("0.01")
	// LineTaxTolerance bounds |amount × rate − tax| per line.
	LineTaxTolerance = decimal.RequireFromString("0.06")
	// InvoiceTaxTolerance bounds the sum of the per-line tax differences.
	InvoiceTaxTolerance = decimal.RequireFromString("1.27")
)

// SplitTax computes a line's amount excluding tax and its tax from the
// amount as entered. Tax-inclusive: tax = round(amount × rate / (1 + rate), 2)
// and the amount excluding tax is the rest. Exclusive: tax = round(amount × rate, 2).
// Rounding is half away from zero, so negative (red) amounts mirror positive ones.
func SplitTax(amount, rate decimal.Decimal, taxIncluded bool) (amountExcl, tax decimal.Decimal) {
	if !taxIncluded {
		return amount, RoundMoney(amount.Mul(rate))
	}
	// amount has 2 decimals and rate at most 3, so amount×rate/(1+rate) is a
	// fraction whose denominator is below 10^6: 20 decimals are far more than
	// needed for the cent rounding after it to be exact (no double rounding).
	tax = RoundMoney(amount.Mul(rate).DivRound(decimal.NewFromInt(1).Add(rate), 20))
	return amount.Sub(tax), tax
}

// TaxDifference is amount_excl × rate − tax for one line: how far the line's
// tax is from the exact product. The bureau bounds it per line and in sum.
func TaxDifference(l Line) decimal.Decimal {
	return l.AmountExcl.Mul(l.TaxRate).Sub(l.Tax)
}

// Totals holds an invoice's sums.
type Totals struct {
	Amount decimal.Decimal // 合计金额: Σ amount excluding tax
	Tax    decimal.Decimal // 合计税额: Σ tax
	Total  decimal.Decimal // 价税合计
}

// SumLines adds up computed lines. Discount lines are negative and so reduce
// the totals by themselves.
func SumLines(lines []Line) Totals {
	var t Totals
	for _, l := range lines {
		t.Amount = t.Amount.Add(l.AmountExcl)
		t.Tax = t.Tax.Add(l.Tax)
	}
	t.Total = t.Amount.Add(t.Tax)
	return t
}

// ApplyTotals sets the invoice's totals from its lines.
func (inv *Invoice) ApplyTotals() {
	t := SumLines(inv.Lines)
	inv.TotalAmount, inv.TotalTax, inv.Total = t.Amount, t.Tax, t.Total
}
