package ui

import (
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// typedNumber reads a number as a clerk types it, for the form's own
// arithmetic (amount from quantity × price); the domain's validation reports
// what it cannot read.
func typedNumber(s string) (decimal.Decimal, bool) { return app.ParseTypedNumber(s) }

// amountFrom is quantity × price rounded to cents, as the amount field shows it.
func amountFrom(quantity, price decimal.Decimal) string {
	return app.FormatMoney(app.RoundMoney(quantity.Mul(price)))
}

// priceFrom is amount ÷ quantity with at most eight decimals, the precision
// providers accept for unit prices.
func priceFrom(amount, quantity decimal.Decimal) string {
	return app.FormatQuantity(amount.DivRound(quantity, app.MaxQuantityPlaces))
}

// yuan prints an amount for the totals: ¥1234.50.
func yuan(d decimal.Decimal) string {
	return "¥" + app.FormatMoney(d)
}
