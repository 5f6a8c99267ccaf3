package ui

import "fapiao/app"

// fillAmountOrPrice keeps quantity × price = amount as the clerk types:
// quantity and price give the amount (to the cent), quantity and amount give
// the price (eight decimals). Of price and amount, the one typed last wins;
// the field being typed in is never overwritten.
func (r *lineRow) fillAmountOrPrice(col string) {
	switch col {
	case colPrice, colAmount:
		r.lastTyped = col
	case colQuantity:
	default:
		return
	}
	q, ok := typedNumber(r.quantity.Text)
	if !ok || !q.IsPositive() {
		return
	}
	f := r.section.form
	if r.lastTyped == colAmount {
		if a, ok := typedNumber(r.amount.Text); ok {
			f.silently(func() { r.price.SetText(priceFrom(a, q)) })
		}
		return
	}
	if p, ok := typedNumber(r.price.Text); ok {
		f.silently(func() { r.amount.SetText(amountFrom(q, p)) })
	}
}

// fillFromCatalog takes an item issued before: everything but the quantity.
func (r *lineRow) fillFromCatalog(item app.CatalogItem) {
	f := r.section.form
	f.silently(func() {
		r.name.SetText(item.Name)
		r.taxCode.SetText(item.TaxCode)
		r.spec.SetText(item.Spec)
		r.unit.SetText(item.Unit)
		r.price.SetText(item.Price)
		r.setRate(labelFromRate(app.NumText(item.TaxRate)))
		r.taxIncluded.SetChecked(item.TaxIncluded)
	})
	for _, col := range []string{colName, colTaxCode, colSpec, colUnit, colPrice, colTaxRate} {
		r.state[col] = settled
	}
	r.fillAmountOrPrice(colPrice)
	f.changed()
	// The clerk goes on with the quantity.
	f.win.Canvas().Focus(r.quantity)
}
