package sandbox

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// inboundInvoiceWire is one element of InvoiceList, with seed 002's field
// names. Every documented field is always present (empty when it does not
// apply), except totalAmount, which vouchers lack; the adapter format's
// extra fields appear in it only. Amounts are JSON numbers, as in the seed.
type inboundInvoiceWire struct {
	ID               *int64       `json:"id,omitempty"` // adapter
	BillingDate      string       `json:"billingDate"`
	Deductible       string       `json:"deductible"`
	DeductibleDate   string       `json:"deductibleDate"`
	DeductiblePeriod string       `json:"deductiblePeriod"`
	DeductibleType   string       `json:"deductibleType"`
	DeductibleMode   string       `json:"deductibleMode"`
	InvoiceCode      string       `json:"invoiceCode"`
	InvoiceNumber    string       `json:"invoiceNumber"`
	InvoiceType      string       `json:"invoiceType"`
	PurchaserName    string       `json:"purchaserName"`
	PurchaserTaxNo   string       `json:"purchaserTaxNo"`
	SalesTaxName     string       `json:"salesTaxName"`
	SalesTaxNo       string       `json:"salesTaxNo"`
	State            string       `json:"state"`
	TotalAmount      *json.Number `json:"totalAmount,omitempty"`
	TotalTax         json.Number  `json:"totalTax"`
	ValidTax         json.Number  `json:"validTax"`
	CheckStatus      string       `json:"checkStatus"`
	CheckDate        string       `json:"checkDate"`
	ManagementStatus string       `json:"managementStatus"`
	AbnormalType     string       `json:"abnormalType"`
	CheckCode        string       `json:"checkCode"`
	Ylzd2            string       `json:"ylzd2"`
	Ylzd3            string       `json:"ylzd3"`
	Ylzd4            string       `json:"ylzd4"`
	Ylzd5            string       `json:"ylzd5"`
	TdyslxDm         string       `json:"tdyslxDm"`
	Source           *string      `json:"source,omitempty"`    // adapter
	CheckTime        *string      `json:"checkTime,omitempty"` // adapter
	TqBj             *string      `json:"tq_bj,omitempty"`     // adapter, customs vouchers
	XgSj             *string      `json:"xg_sj,omitempty"`     // adapter, customs vouchers
}

// inboundPlainPage is the decoded content of an answer: a page and the
// count of all the query matches.
type inboundPlainPage struct {
	PageSize    int                  `json:"pageSize"`
	CurrentPage int                  `json:"currentPage"`
	Count       int                  `json:"count"`
	InvoiceList []inboundInvoiceWire `json:"InvoiceList"`
	Skssq       string               `json:"skssq,omitempty"` // echoed when asked
}

// inboundAdapterPage is rzzt 40's adapter format (adapter=1): the page's
// invoices grouped by period, then into invoices and customs vouchers; no
// count, and the page figures as strings, as seed 002 shows it.
type inboundAdapterPage struct {
	PageSize    string                        `json:"pageSize"`
	CurrentPage string                        `json:"currentPage"`
	InvoiceList map[string]inboundPeriodGroup `json:"InvoiceList"`
}

// inboundPeriodGroup is one period's invoices in the adapter format; a
// period with none is an empty object.
type inboundPeriodGroup struct {
	FP    []inboundInvoiceWire `json:"FP,omitempty"`
	HGJKS []inboundInvoiceWire `json:"HGJKS,omitempty"`
}

// Date formats: the plain format writes dates, the adapter format date
// and time.
const (
	plainDateLayout   = time.DateOnly
	adapterDateLayout = time.DateTime
)

// toWire writes inv in the plain format, or with adapter the adapter's.
func toWire(inv app.InboundInvoice, adapter bool) inboundInvoiceWire {
	layout := plainDateLayout
	if adapter {
		layout = adapterDateLayout
	}
	w := inboundInvoiceWire{
		BillingDate: wireTime(inv.BillingDate, layout), Deductible: inv.Deductible,
		DeductibleDate: wireTime(inv.DeductibleDate, layout), DeductiblePeriod: inv.DeductiblePeriod,
		DeductibleType: inv.DeductibleType, DeductibleMode: inv.DeductibleMode,
		InvoiceCode: inv.Code, InvoiceNumber: inv.Number, InvoiceType: inv.Type,
		PurchaserName: inv.BuyerName, PurchaserTaxNo: inv.BuyerTaxID,
		SalesTaxName: inv.SellerName, SalesTaxNo: inv.SellerTaxID, State: inv.State,
		TotalTax: wireMoney(inv.Tax), ValidTax: wireMoney(inv.ValidTax),
		CheckStatus: inv.CheckStatus, CheckDate: wireTime(inv.CheckDate, layout),
		ManagementStatus: inv.ManagementStatus, AbnormalType: inv.AbnormalType, CheckCode: inv.CheckCode,
		Ylzd2: inv.Mismatch, Ylzd3: inv.ExportDomesticNo, Ylzd4: inv.NotDeductibleType,
		Ylzd5: inv.EInvoiceNumber, TdyslxDm: inv.BusinessType,
	}
	if inv.Amount.Valid {
		amount := wireMoney(inv.Amount.Decimal)
		w.TotalAmount = &amount
	}
	if adapter {
		addAdapterFields(&w, inv)
	}
	return w
}

// addAdapterFields adds id, source and checkTime, and for a customs
// voucher tq_bj and xg_sj.
func addAdapterFields(w *inboundInvoiceWire, inv app.InboundInvoice) {
	id, _ := strconv.ParseInt(inv.SourceID, 10, 64)
	source, checkTime := inv.Source, wireTime(inv.CheckTime, adapterDateLayout)
	w.ID, w.Source, w.CheckTime = &id, &source, &checkTime
	if inv.Kind == kindCustoms {
		withheld, modified := inv.Withheld, wireTime(inv.ModifiedAt, adapterDateLayout)
		w.TqBj, w.XgSj = &withheld, &modified
	}
}

// wireTime writes t in China time, or "" for none.
func wireTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(app.ChinaTime).Format(layout)
}

// wireMoney writes an amount as a JSON number with two decimals.
func wireMoney(d decimal.Decimal) json.Number { return json.Number(d.StringFixed(2)) }
