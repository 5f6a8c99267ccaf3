package ui

import (
	"strings"

	"fapiao/app"
)

// blank reports whether the clerk has typed nothing in the line's text
// fields; blank lines are left out of the invoice.
func (r *lineRow) blank() bool {
	for _, text := range []string{r.name.Text, r.taxCode.Text, r.spec.Text, r.unit.Text,
		r.quantity.Text, r.price.Text, r.amount.Text, r.discount.Text} {
		if strings.TrimSpace(text) != "" {
			return false
		}
	}
	return true
}

// draftLine is the line as typed.
func (r *lineRow) draftLine() app.DraftLine {
	return app.DraftLine{
		Name: r.name.Text, TaxCode: r.taxCode.Text, Spec: r.spec.Text, Unit: r.unit.Text,
		Quantity: app.NumText(r.quantity.Text), Price: app.NumText(r.price.Text),
		Amount: app.NumText(r.amount.Text), TaxRate: rateFromLabel(r.rate.Selected),
		TaxIncluded: r.taxIncluded.Checked, Discount: app.NumText(r.discount.Text),
	}
}

// load fills the line from a draft line; the caller holds the form silent.
// Fields with content count as edited, so their errors show.
func (r *lineRow) load(l app.DraftLine) {
	r.name.SetText(l.Name)
	r.taxCode.SetText(l.TaxCode)
	r.spec.SetText(l.Spec)
	r.unit.SetText(l.Unit)
	r.quantity.SetText(string(l.Quantity))
	r.price.SetText(string(l.Price))
	r.amount.SetText(string(l.Amount))
	r.discount.SetText(string(l.Discount))
	r.setRate(labelFromRate(l.TaxRate))
	r.taxIncluded.SetChecked(l.TaxIncluded)
	r.lastTyped = ""
	for col, text := range map[string]string{colName: l.Name, colTaxCode: l.TaxCode, colSpec: l.Spec,
		colUnit: l.Unit, colQuantity: string(l.Quantity), colPrice: string(l.Price),
		colAmount: string(l.Amount), colTaxRate: string(l.TaxRate), colDiscount: string(l.Discount)} {
		if strings.TrimSpace(text) != "" {
			r.state[col] = settled
		}
	}
}

func (r *lineRow) setRate(label string) {
	if label == "" {
		r.rate.ClearSelected()
		return
	}
	r.rate.SetSelected(label)
}
