package layout

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

func TestCheckStringFollowsTheBureauFormat(t *testing.T) {
	inv := seedInvoice(t)
	if got, want := checkString(inv), "01,32,,25512000000064654320,0.99,20250619,,"; got != want {
		t.Errorf("ordinary invoice check string = %q, want %q", got, want)
	}
	special := discountInvoice(t)
	if got, want := checkString(special), "01,31,,25512000000064654320,88.50,20250619,,"; got != want {
		t.Errorf("special invoice check string = %q, want %q", got, want)
	}
	// Issued at 23:30 UTC is already the next day in China.
	inv.IssuedAt = time.Date(2025, 6, 19, 23, 30, 0, 0, time.UTC)
	if got, want := checkString(inv), "01,32,,25512000000064654320,0.99,20250620,,"; got != want {
		t.Errorf("check string dated in UTC = %q, want the China date: %q", got, want)
	}
}

func TestPercentPrintsRatesAsTheInvoiceDoes(t *testing.T) {
	for rate, want := range map[string]string{"0.13": "13%", "0.015": "1.5%", "0.01": "1%", "0": "0%", "0.060": "6%"} {
		if got := percent(decimal.RequireFromString(rate)); got != want {
			t.Errorf("percent(%s) = %q, want %q", rate, got, want)
		}
	}
}

func TestUnitPriceIsPrintedExcludingTax(t *testing.T) {
	inclusive := app.Line{Price: decimal.NewNullDecimal(decimal.RequireFromString("1")),
		TaxRate: decimal.RequireFromString("0.01"), TaxIncluded: true}
	if got := quantity(inclusive.PriceExclTax()); got != "0.99009901" {
		t.Errorf("inclusive price 1 at 1%% prints %q, want 0.99009901", got)
	}
	exclusive := inclusive
	exclusive.TaxIncluded = false
	if got := quantity(exclusive.PriceExclTax()); got != "1" {
		t.Errorf("exclusive price 1 prints %q, want 1", got)
	}
	if got := quantity(app.Line{TaxIncluded: true}.PriceExclTax()); got != "" {
		t.Errorf("absent price prints %q, want nothing", got)
	}
}

func TestMoneyAndQuantityFormats(t *testing.T) {
	if got := yuan(decimal.RequireFromString("-1")); got != "¥-1.00" {
		t.Errorf("yuan(-1) = %q, want ¥-1.00", got)
	}
	q := decimal.NewNullDecimal(decimal.RequireFromString("2.500000000"))
	if got := quantity(q); got != "2.5" {
		t.Errorf("quantity(2.500000000) = %q, want 2.5", got)
	}
	if got := printedDate(time.Date(2025, 1, 2, 20, 0, 0, 0, time.UTC)); got != "2025年01月03日" {
		t.Errorf("printedDate = %q, want the China date 2025年01月03日", got)
	}
}

func TestTaxBureauFromProvinceDigits(t *testing.T) {
	code, name := taxBureau("51")
	if code != "15100000000" || name != "国家税务总局四川省税务局" {
		t.Errorf("taxBureau(51) = %s %s", code, name)
	}
	code, name = taxBureau("99")
	if code != "19900000000" || name != "国家税务总局" {
		t.Errorf("taxBureau(99) = %s %s, want a well-formed code and the national name", code, name)
	}
}
