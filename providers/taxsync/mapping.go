package taxsync

import (
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// mapInvoice turns one InvoiceList entry into the domain's inbound invoice.
// status is the query's rzzt; kind the adapter format's group (FP, HGJKS) or
// "" in the flat format; period the adapter's group key or the page's skssq,
// falling back to the entry's deductiblePeriod. An entry without a number,
// or with a date or amount that cannot be read, fails the page: a sync must
// not silently drop or blank what the bureau reported.
func mapInvoice(w wireInvoice, status app.InboundStatus, kind, period string) (app.InboundInvoice, error) {
	inv := app.InboundInvoice{
		Status: status,
		Period: firstNonEmpty(period, w.DeductiblePeriod.String()),

		Code:        w.InvoiceCode.String(),
		Number:      w.InvoiceNumber.String(),
		Type:        w.InvoiceType.String(),
		BuyerName:   w.PurchaserName.String(),
		BuyerTaxID:  w.PurchaserTaxNo.String(),
		SellerName:  w.SalesTaxName.String(),
		SellerTaxID: w.SalesTaxNo.String(),
		State:       w.State.String(),
		CheckCode:   w.CheckCode.String(),

		Deductible:       w.Deductible.String(),
		DeductiblePeriod: w.DeductiblePeriod.String(),
		DeductibleType:   w.DeductibleType.String(),
		DeductibleMode:   w.DeductibleMode.String(),
		CheckStatus:      w.CheckStatus.String(),
		ManagementStatus: w.ManagementStatus.String(),
		AbnormalType:     w.AbnormalType.String(),

		Mismatch:          w.Ylzd2.String(),
		ExportDomesticNo:  w.Ylzd3.String(),
		NotDeductibleType: w.Ylzd4.String(),
		EInvoiceNumber:    w.Ylzd5.String(),
		BusinessType:      w.TdyslxDm.String(),

		SourceID: w.ID.String(),
		Source:   w.Source.String(),
		Withheld: w.TqBj.String(),
	}
	if inv.Number == "" {
		return app.InboundInvoice{}, errors.New("缺少发票号码(invoiceNumber)")
	}
	inv.Kind = kindOf(kind, inv.Type)
	inv.Key = app.InboundKey(inv.Code, inv.Number, inv.Type)
	if err := mapMoney(&inv, w); err != nil {
		return app.InboundInvoice{}, fmt.Errorf("发票 %s:%v", clip(inv.Number), err)
	}
	if err := mapTimes(&inv, w); err != nil {
		return app.InboundInvoice{}, fmt.Errorf("发票 %s:%v", clip(inv.Number), err)
	}
	return inv, nil
}

// kindOf is the adapter's group, or — elsewhere — HGJKS for a customs
// voucher and FP for everything else.
func kindOf(group, invoiceType string) string {
	switch {
	case group != "":
		return group
	case invoiceType == typeCustomsVoucher:
		return kindCustomsVoucher
	}
	return kindInvoice
}

// mapMoney reads the amounts. totalAmount is absent for vouchers, so the
// amount stays invalid (unknown), never zero; the taxes are required by the
// seed and read as zero when a server leaves them out.
func mapMoney(inv *app.InboundInvoice, w wireInvoice) error {
	for _, f := range []struct {
		name string
		from flexDecimal
	}{{"totalAmount", w.TotalAmount}, {"totalTax", w.TotalTax}, {"validTax", w.ValidTax}} {
		if !f.from.Valid && f.from.Raw != "" {
			return fmt.Errorf("金额 %s %q 不是数字", f.name, clip(f.from.Raw))
		}
	}
	inv.Amount.Decimal, inv.Amount.Valid = w.TotalAmount.Value, w.TotalAmount.Valid
	inv.Tax = w.TotalTax.Value
	inv.ValidTax = w.ValidTax.Value
	return nil
}

// mapTimes reads the dates and times; an empty one stays zero.
func mapTimes(inv *app.InboundInvoice, w wireInvoice) error {
	for _, f := range []struct {
		name string
		from flexString
		to   *time.Time
	}{
		{"billingDate", w.BillingDate, &inv.BillingDate},
		{"deductibleDate", w.DeductibleDate, &inv.DeductibleDate},
		{"checkDate", w.CheckDate, &inv.CheckDate},
		{"checkTime", w.CheckTime, &inv.CheckTime},
		{"xg_sj", w.XgSj, &inv.ModifiedAt},
	} {
		t, err := parseWireTime(f.from.String())
		if err != nil {
			return fmt.Errorf("%s %v", f.name, err)
		}
		*f.to = t
	}
	return nil
}
