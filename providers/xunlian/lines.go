package xunlian

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// item is one line as 迅联云 takes it: a line and, when it is discounted, the
// discount line (折扣行) that the domain keeps right after it and 迅联云 folds
// into the same line. Item k is the clerk's line k, so the domain's field
// names (lines[k].name) point at the right row of the form.
type item struct {
	line     app.Line
	discount *app.Line
}

// lineField names a field of the clerk's line k.
func lineField(k int, name string) string { return "lines[" + strconv.Itoa(k) + "]." + name }

// rowLabel is how messages name the clerk's line k.
func rowLabel(k int) string { return "第" + strconv.Itoa(k+1) + "行" }

// groupLines folds every discount line into the line before it, which must
// be the line it discounts.
func (m *mapper) groupLines(lines []app.Line) []item {
	if len(lines) == 0 {
		m.add("lines", "required", "明细(lines):至少需要一行")
		return nil
	}
	var items []item
	for i := 0; i < len(lines); i++ {
		l, k := lines[i], len(items)
		switch l.Nature {
		case app.NatureNormal:
			items = append(items, item{line: l})
		case app.NatureDiscounted:
			if i+1 < len(lines) && lines[i+1].Nature == app.NatureDiscount {
				d := lines[i+1]
				items = append(items, item{line: l, discount: &d})
				i++
				continue
			}
			m.add(lineField(k, "discount"), "discount_line", rowLabel(k)+"是被折扣行,但其后没有折扣行")
			items = append(items, item{line: l})
		case app.NatureDiscount:
			// A discount line that follows no discounted line belongs to no
			// row of the form; it is reported on the row before it.
			m.add(lineField(max(k-1, 0), "discount"), "discount_line", fmt.Sprintf(
				"第%d条明细是折扣行,但它前面不是被折扣行", i+1))
		default:
			m.add(lineField(k, "nature"), "one_of", fmt.Sprintf("%s发票行性质 %d 无效", rowLabel(k), int(l.Nature)))
			items = append(items, item{line: l})
		}
	}
	return items
}

// taxBasis is computeWithTax: whether the lines are tax-inclusive. The flag
// is the invoice's, not a line's, so an invoice mixing both is refused on
// the first line that differs from the first one.
func (m *mapper) taxBasis(items []item) bool {
	if len(items) == 0 {
		return true
	}
	withTax := items[0].line.TaxIncluded
	for k, it := range items {
		mixed := it.line.TaxIncluded != withTax || it.discount != nil && it.discount.TaxIncluded != withTax
		if mixed {
			m.add(lineField(k, "tax_included"), "tax_included_mixed", fmt.Sprintf(
				"%s含税标志与第1行不同:迅联云一张发票只有一个含税标识(computeWithTax),各行必须同为含税或同为不含税", rowLabel(k)))
			break
		}
	}
	return withTax
}

// line maps the clerk's line k. Both amounts are sent, as the domain
// computed them: lineAmountExcludeTax is 金额, lineAmountIncludeTax 金额 + 税额.
func (m *mapper) line(k int, it item, withTax bool) wireLine {
	l, row := it.line, rowLabel(k)
	w := wireLine{
		ID:                    strconv.Itoa(k + 1),
		ItemName:              l.Name,
		Unit:                  l.Unit,
		ItemModelName:         l.Spec,
		LineAttribute:         attributeNormal,
		TaxClassificationCode: l.TaxCode,
		TaxRate:               m.rate(lineField(k, "tax_rate"), row+"税率(taxRate)", l.TaxRate),
		LineAmountExcludeTax:  m.money(lineField(k, "amount"), row+"不含税金额(lineAmountExcludeTax)", l.AmountExcl),
		LineAmountIncludeTax:  m.money(lineField(k, "amount"), row+"含税金额(lineAmountIncludeTax)", l.Total()),
		TaxAmount:             m.money(lineField(k, "tax"), row+"税额(taxAmount)", l.Tax),
	}
	m.quantityPrice(k, l, &w)
	if it.discount != nil {
		m.discount(k, l, *it.discount, withTax, &w)
	}
	return w
}

// quantityPrice sends quantity with both unit prices, or none of them. The
// line's own price (on the basis the clerk typed it) is sent as it is; the
// other is that basis's amount divided by the quantity, so that quantity ×
// price matches the amount sent beside it on both bases, as the seed's
// example has it (5165.00 含税 → 4570.80000000 不含税).
func (m *mapper) quantityPrice(k int, l app.Line, w *wireLine) {
	q, p := l.Quantity, l.Price
	switch {
	case !q.Valid && !p.Valid:
		return
	case q.Valid != p.Valid:
		m.add(lineField(k, "quantity"), "quantity_price_pair", rowLabel(k)+"数量(quantity)和单价(priceIncludeTax/priceExcludeTax)必须同时填写或同时为空")
		return
	case q.Decimal.IsZero():
		m.add(lineField(k, "quantity"), "nonzero", rowLabel(k)+"数量(quantity)不能为0")
		return
	}
	own, other := fixed8(p.Decimal), fixed8(otherPrice(l))
	w.Quantity = fixed8(q.Decimal)
	if l.TaxIncluded {
		w.PriceIncludeTax, w.PriceExcludeTax = own, other
	} else {
		w.PriceExcludeTax, w.PriceIncludeTax = own, other
	}
}

// otherPrice is the unit price on the basis the clerk did not type:
// |amount| ÷ |quantity| on that basis, with the sign of the typed price (a
// red line has a negative quantity and amount and a positive price).
func otherPrice(l app.Line) decimal.Decimal {
	amount := l.Total()
	if l.TaxIncluded {
		amount = l.AmountExcl
	}
	price := amount.Abs().DivRound(l.Quantity.Decimal.Abs(), quantityPlaces)
	if l.Price.Decimal.IsNegative() {
		return price.Neg()
	}
	return price
}

// discount folds the discount line d into w (lineAttribute 2). The seed
// wants the discount on the invoice's basis — discount when computeWithTax
// is 1, lineDiscountExcludeTax when 0 — and taxDiscount, written as the
// amount the line is reduced by: positive on a blue invoice. On a red one the
// domain's discount line is positive (it reverses a negative one), so the
// figures sent are negative, the exact mirror of the blue invoice's. The
// seed only speaks of blue invoices; sending the magnitude instead would
// risk 迅联云 subtracting it from a negative line and issuing a red invoice
// larger than the blue one, while a negative figure it does not accept is
// refused without anything issued.
func (m *mapper) discount(k int, l, d app.Line, withTax bool, w *wireLine) {
	field, row := lineField(k, "discount"), rowLabel(k)
	w.LineAttribute = attributeDiscounted
	if !d.TaxRate.Equal(l.TaxRate) {
		m.add(field, "discount_rate", fmt.Sprintf("%s折扣行税率 %s 与被折扣行 %s 不同:迅联云的折扣与商品行共用一个税率(taxRate)",
			row, d.TaxRate.String(), l.TaxRate.String()))
	}
	if d.Total().Sign() == l.Total().Sign() || d.Total().Abs().GreaterThan(l.Total().Abs()) {
		m.add(field, "discount_exceeds_line", fmt.Sprintf("%s折扣 %s 应与商品行 %s 方向相反且不大于它",
			row, app.FormatMoney(d.Total()), app.FormatMoney(l.Total())))
	}
	if withTax {
		w.Discount = m.money(field, row+"含税折扣额(discount)", d.Total().Neg())
	} else {
		w.LineDiscountExcludeTax = m.money(field, row+"不含税折扣额(lineDiscountExcludeTax)", d.AmountExcl.Neg())
	}
	w.TaxDiscount = m.money(field, row+"折扣税额(taxDiscount)", d.Tax.Neg())
}
