package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// The messages here show under a narrow filter field: they are short
// enough for one line of it, and the placeholder shows the format too.

// parseFilterDate reads a typed date, yyyy-MM-dd in China's calendar (a
// single-digit month or day is taken too: 2025-3-1). Empty is no date.
func parseFilterDate(text string) (time.Time, string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, ""
	}
	for _, layout := range []string{time.DateOnly, "2006-1-2"} {
		if t, err := time.ParseInLocation(layout, text, app.ChinaTime); err == nil {
			return t, ""
		}
	}
	return time.Time{}, lang.X("inbound.filter.date_invalid", "日期须为 yyyy-MM-dd")
}

// parseFilterPeriod reads a tax period, yyyyMM. Empty is none.
func parseFilterPeriod(text string) (string, string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", ""
	}
	if _, err := time.Parse("200601", text); err != nil || len(text) != 6 {
		return "", lang.X("inbound.filter.period_invalid", "所属期须为 yyyyMM")
	}
	return text, ""
}

// parseFilterAmount reads a typed amount (full-width digits and thousands
// separators are fine). Empty is no bound.
func parseFilterAmount(text string) (decimal.NullDecimal, string) {
	if strings.TrimSpace(text) == "" {
		return decimal.NullDecimal{}, ""
	}
	d, ok := app.ParseTypedNumber(text)
	if !ok {
		return decimal.NullDecimal{}, lang.X("inbound.filter.amount_invalid", "须为金额,如 1000.50")
	}
	if d.Exponent() < -2 && !d.Equal(d.Round(2)) {
		return decimal.NullDecimal{}, lang.X("inbound.filter.amount_places", "金额最多两位小数")
	}
	return decimal.NewNullDecimal(d), ""
}
