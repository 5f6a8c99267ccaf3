package piaodanyun

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// toInvoice maps a queried invoice to the domain. Lines keep the basis the
// bureau reports (it stores tax-inclusive lines as exclusive, hsbz "0"), and
// totals are the bureau's own where it gives them. It fails, naming the
// field, when a number, date or line amount cannot be read.
func (q queryData) toInvoice() (app.Invoice, error) {
	result, err := issueResult(q.Fphm.String(), q.Kprq.String())
	if err != nil {
		return app.Invoice{}, err
	}
	inv := app.Invoice{
		RequestSerial: q.Fpqqlsh.String(),
		Number:        result.Number,
		IssuedAt:      result.IssuedAt,
		Type:          app.InvoiceType(q.Fplxdm.String()),
		Status:        app.StatusIssued,
		Provider:      providerName,
		Seller:        q.seller(),
		Buyer:         q.buyer(),
		Remark:        q.Bz.String(),
		Drawer:        q.Kpr.String(),
	}
	for i, wl := range q.Zbmx {
		l, err := wl.toLine(i)
		if err != nil {
			return app.Invoice{}, err
		}
		inv.Lines = append(inv.Lines, l)
	}
	inv.ApplyTotals()
	inv.TotalAmount = orDefault(q.Hjje, inv.TotalAmount)
	inv.TotalTax = orDefault(q.Hjse, orDefault(q.Se, inv.TotalTax))
	inv.Total = orDefault(q.Jshj, inv.TotalAmount.Add(inv.TotalTax))
	return inv, nil
}

// seller keeps 地址电话 and 开户行及账号 whole in Address and Bank: the
// bureau joins them and they cannot be split back reliably, while
// Party.AddressPhone and Party.BankAccount print them unchanged.
func (q queryData) seller() app.Party {
	return app.Party{
		Name:    q.Xhdwmc.String(),
		TaxID:   firstNonEmpty(q.Xhdwsbh.String(), q.Xhdwdm.String()),
		Address: q.Xhdwdzdh.String(),
		Bank:    q.Xhdwyhzh.String(),
	}
}

// buyer is mapped like seller. A buyer without a tax ID is a natural
// person: a company buyer cannot be issued to without one.
func (q queryData) buyer() app.Party {
	taxID := firstNonEmpty(q.Ghdwsbh.String(), q.Ghdwdm.String())
	return app.Party{
		Name:          q.Ghdwmc.String(),
		TaxID:         taxID,
		Address:       q.Ghdwdzdh.String(),
		Bank:          q.Ghdwyhzh.String(),
		Email:         q.Gfkhyx.String(),
		NaturalPerson: taxID == "",
	}
}

// toLine maps zbmx[i].
func (wl queryLine) toLine(i int) (app.Line, error) {
	field := func(name string) string { return fmt.Sprintf("zbmx[%d].%s", i, name) }
	nature, err := lineNature(wl.Fphxz)
	if err != nil {
		return app.Line{}, fmt.Errorf("%s:%v", field("fphxz"), err)
	}
	rate, err := taxRate(wl.Sl)
	if err != nil {
		return app.Line{}, fmt.Errorf("%s:%v", field("sl"), err)
	}
	for _, amount := range []struct {
		name string
		d    flexDecimal
	}{{"je", wl.Je}, {"se", wl.Se}} {
		if !amount.d.Valid {
			return app.Line{}, fmt.Errorf("%s:金额 %q 无法识别", field(amount.name), clip(amount.d.Raw))
		}
	}
	l := app.Line{
		Nature: nature, Name: wl.Spmc.String(), TaxCode: wl.Spbm.String(),
		Spec: wl.Ggxh.String(), Unit: wl.Dw.String(),
		TaxRate: rate, AmountExcl: wl.Je.Value, Tax: wl.Se.Value,
		TaxIncluded: wl.Hsbz.String() == "1",
		Amount:      wl.Je.Value,
	}
	price := wl.Spdj
	if l.TaxIncluded {
		l.Amount = orDefault(wl.Hsje, l.AmountExcl.Add(l.Tax))
		price = wl.Hsdj
	}
	// Quantity and price come as a pair or not at all.
	if wl.Spsl.Valid && price.Valid {
		l.Quantity, l.Price = decimal.NewNullDecimal(wl.Spsl.Value), decimal.NewNullDecimal(price.Value)
	}
	return l, nil
}

func lineNature(n flexInt) (app.LineNature, error) {
	if !n.Valid {
		return app.NatureNormal, nil
	}
	switch nature := app.LineNature(n.Value); nature {
	case app.NatureNormal, app.NatureDiscount, app.NatureDiscounted:
		return nature, nil
	}
	return 0, fmt.Errorf("发票行性质 %d 无效", n.Value)
}

// taxRate reads a rate written as a fraction ("0.13") or a percentage ("13%").
func taxRate(d flexDecimal) (decimal.Decimal, error) {
	if d.Valid {
		return d.Value, nil
	}
	if pct := parseFlexDecimal(strings.TrimSuffix(d.Raw, "%")); d.Raw != "" && pct.Valid {
		return pct.Value.Shift(-2), nil
	}
	return decimal.Zero, fmt.Errorf("税率 %q 无法识别", clip(d.Raw))
}

func orDefault(d flexDecimal, fallback decimal.Decimal) decimal.Decimal {
	if d.Valid {
		return d.Value
	}
	return fallback
}
