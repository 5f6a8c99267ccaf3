package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"fapiao/app"
)

// inboundFields are the columns of inbound_invoices that hold an
// app.InboundInvoice, in the order of inboundArgs and scanInbound. key
// comes first: the upsert statements refer to it as ?1.
var inboundFields = []string{
	"key", "status", "period", "kind", "code", "number", "type", "billing_date",
	"buyer_name", "buyer_tax_id", "seller_name", "seller_tax_id",
	"amount_cents", "tax_cents", "valid_tax_cents", "state", "check_code",
	"deductible", "deductible_date", "deductible_period", "deductible_type", "deductible_mode",
	"check_status", "check_date", "management_status", "abnormal_type",
	"mismatch", "export_domestic_no", "not_deductible_type", "einvoice_number", "business_type",
	"source_id", "source", "check_time", "withheld", "modified_at",
}

// inboundColumns is inboundFields as a SELECT list.
var inboundColumns = strings.Join(inboundFields, ", ")

// inboundArgs turns inv into column values in the order of inboundFields.
// It refuses an invoice without a key and money with more than two
// decimals, naming the invoice and the field.
func inboundArgs(inv *app.InboundInvoice) ([]any, error) {
	if inv.Key == "" {
		return nil, fmt.Errorf("进项发票(号码 %q)缺少标识 key", inv.Number)
	}
	amount, err := nullCents(inv.Amount)
	if err != nil {
		return nil, fmt.Errorf("进项发票 %s 的金额 %w", inv.Key, err)
	}
	tax, err := centsOf(inv.Tax)
	if err != nil {
		return nil, fmt.Errorf("进项发票 %s 的税额 %w", inv.Key, err)
	}
	validTax, err := centsOf(inv.ValidTax)
	if err != nil {
		return nil, fmt.Errorf("进项发票 %s 的有效税额 %w", inv.Key, err)
	}
	return []any{
		inv.Key, string(inv.Status), inv.Period, inv.Kind, inv.Code, inv.Number, inv.Type, dateText(inv.BillingDate),
		inv.BuyerName, inv.BuyerTaxID, inv.SellerName, inv.SellerTaxID,
		amount, tax, validTax, inv.State, inv.CheckCode,
		inv.Deductible, nullTime(inv.DeductibleDate), inv.DeductiblePeriod, inv.DeductibleType, inv.DeductibleMode,
		inv.CheckStatus, nullTime(inv.CheckDate), inv.ManagementStatus, inv.AbnormalType,
		inv.Mismatch, inv.ExportDomesticNo, inv.NotDeductibleType, inv.EInvoiceNumber, inv.BusinessType,
		inv.SourceID, inv.Source, nullTime(inv.CheckTime), inv.Withheld, nullTime(inv.ModifiedAt),
	}, nil
}

// Positions in inboundArgs of the values whose changes are recorded.
var (
	argCheckStatus = fieldIndex("check_status")
	argState       = fieldIndex("state")
)

func fieldIndex(name string) int {
	for i, f := range inboundFields {
		if f == name {
			return i
		}
	}
	panic("store: no inbound column " + name)
}

// scanInbound reads a row of inboundColumns.
func scanInbound(row scanner) (app.InboundInvoice, error) {
	var (
		inv                                         app.InboundInvoice
		status                                      string
		billingDate                                 sql.NullString
		amount                                      sql.NullInt64
		tax, validTax                               int64
		deductibleDate, checkDate, checkTime, modAt sql.NullString
	)
	err := row.Scan(&inv.Key, &status, &inv.Period, &inv.Kind, &inv.Code, &inv.Number, &inv.Type, &billingDate,
		&inv.BuyerName, &inv.BuyerTaxID, &inv.SellerName, &inv.SellerTaxID,
		&amount, &tax, &validTax, &inv.State, &inv.CheckCode,
		&inv.Deductible, &deductibleDate, &inv.DeductiblePeriod, &inv.DeductibleType, &inv.DeductibleMode,
		&inv.CheckStatus, &checkDate, &inv.ManagementStatus, &inv.AbnormalType,
		&inv.Mismatch, &inv.ExportDomesticNo, &inv.NotDeductibleType, &inv.EInvoiceNumber, &inv.BusinessType,
		&inv.SourceID, &inv.Source, &checkTime, &inv.Withheld, &modAt)
	if err != nil {
		return inv, err
	}
	inv.Status = app.InboundStatus(status)
	inv.Amount, inv.Tax, inv.ValidTax = nullDecimalOfCents(amount), decimalOfCents(tax), decimalOfCents(validTax)
	var times timeReader
	inv.DeductibleDate, inv.CheckDate = times.parse(deductibleDate), times.parse(checkDate)
	inv.CheckTime, inv.ModifiedAt = times.parse(checkTime), times.parse(modAt)
	if times.err != nil {
		return inv, times.err
	}
	inv.BillingDate, err = parseDate(billingDate)
	return inv, err
}

// timeReader parses stored times, keeping the first error, as
// decimalReader does for decimals.
type timeReader struct{ err error }

func (r *timeReader) parse(s sql.NullString) time.Time {
	t, err := parseNullTime(s)
	if err != nil && r.err == nil {
		r.err = err
	}
	return t
}
