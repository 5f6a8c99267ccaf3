package app

import (
	"time"

	"github.com/shopspring/decimal"
)

// Cent is 0.01, the smallest amount on an invoice.
var Cent = decimal.New(1, -2)

// ChinaTime is the zone invoices are dated in. China keeps no daylight saving
// time, so a fixed offset is exact and needs no tzdata on the machine.
var ChinaTime = time.FixedZone("CST", 8*60*60)

// RoundMoney rounds to cents, half away from zero ("四舍五入"): 0.005 → 0.01 and
// −0.005 → −0.01, so a red line is the exact mirror of its blue line.
func RoundMoney(d decimal.Decimal) decimal.Decimal {
	return d.Round(2)
}

// FormatMoney prints an amount with exactly two decimals, as invoices show it.
func FormatMoney(d decimal.Decimal) string {
	return d.StringFixed(2)
}

// FormatRate prints a tax rate without trailing zeros: 0.13, 0.015, 0.
func FormatRate(d decimal.Decimal) string {
	return d.String()
}

// FormatQuantity prints a quantity or unit price with at most eight decimals
// and no trailing zeros, the precision providers accept.
func FormatQuantity(d decimal.Decimal) string {
	return d.Round(8).String()
}

// decimalPlaces reports how many decimals d needs to be written exactly
// ("1.50" needs 1, "1.005" needs 3, "100" needs 0).
func decimalPlaces(d decimal.Decimal) int32 {
	if d.IsZero() {
		return 0
	}
	for places := int32(0); places < 40; places++ {
		if d.Equal(d.Truncate(places)) {
			return places
		}
	}
	return 40
}
