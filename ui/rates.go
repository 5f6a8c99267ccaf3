package ui

import (
	"strings"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// rateLabel shows a tax rate as clerks know it: 0.13 → 13%, 0.015 → 1.5%.
func rateLabel(rate decimal.Decimal) string {
	return rate.Shift(2).String() + "%"
}

// rateLabels lists the rates in force as the rate select shows them.
func rateLabels() []string {
	rates := app.AllowedTaxRates()
	labels := make([]string, len(rates))
	for i, r := range rates {
		labels[i] = rateLabel(r)
	}
	return labels
}

// rateFromLabel turns "13%" back into "0.13" for the draft; "" stays "".
func rateFromLabel(label string) app.NumText {
	label = strings.TrimSpace(label)
	if label == "" {
		return ""
	}
	d, ok := typedNumber(strings.TrimSuffix(label, "%"))
	if !ok {
		return app.NumText(label) // let validation name the problem
	}
	if strings.HasSuffix(label, "%") {
		d = d.Shift(-2)
	}
	return app.NumText(app.FormatRate(d))
}

// labelFromRate turns a draft's rate ("0.13", "13%" or "") into the select's
// label, or "" when it is not a rate in force.
func labelFromRate(text app.NumText) string {
	s := strings.TrimSpace(string(text))
	if s == "" {
		return ""
	}
	d, ok := typedNumber(strings.TrimSuffix(s, "%"))
	if !ok {
		return ""
	}
	if strings.HasSuffix(s, "%") {
		d = d.Shift(-2)
	}
	if !app.IsAllowedTaxRate(d) {
		return ""
	}
	return rateLabel(d)
}
