package app

import (
	"time"

	"github.com/shopspring/decimal"
)

// InvoiceType is the fully digitalized invoice kind (发票类型代码).
type InvoiceType string

// The invoice types a clerk can issue.
const (
	TypeSpecial  InvoiceType = "81" // 电子发票(增值税专用发票)
	TypeOrdinary InvoiceType = "82" // 电子发票(普通发票)
)

// Label is the type's Chinese name as printed on the invoice.
func (t InvoiceType) Label() string {
	switch t {
	case TypeSpecial:
		return "增值税专用发票"
	case TypeOrdinary:
		return "普通发票"
	}
	return string(t)
}

// Status is where an invoice stands in its issuance.
type Status string

// Invoice statuses. An invoice is committed locally as Pending before any
// request is sent, so a crash can never lose one that the bureau issued.
const (
	// StatusPending: stored with its serial; the request is about to be or is being sent.
	StatusPending Status = "pending"
	// StatusUnknown: sent, but the answer was lost (timeout, dropped connection,
	// crash). Resolved only by querying the provider with the same serial.
	StatusUnknown Status = "unknown"
	// StatusIssued: the provider assigned a number.
	StatusIssued Status = "issued"
	// StatusRejected: the provider refused it for a business reason; the
	// clerk edits and issues again under a new serial.
	StatusRejected Status = "rejected"
	// StatusHeld: the provider did not issue it and wants something from the
	// clerk first (credentials, login). It may be resubmitted with the same serial.
	StatusHeld Status = "held"
)

// Label is the status in Chinese, as the issued list shows it.
func (s Status) Label() string {
	switch s {
	case StatusPending:
		return "开具中"
	case StatusUnknown:
		return "结果待确认"
	case StatusIssued:
		return "已开具"
	case StatusRejected:
		return "被拒绝"
	case StatusHeld:
		return "待处理"
	}
	return string(s)
}

// Open reports whether the issuance has not reached a final outcome yet.
func (s Status) Open() bool {
	return s == StatusPending || s == StatusUnknown || s == StatusHeld
}

// Party is a seller (销方) or buyer (购方).
type Party struct {
	Name          string `json:"name"`
	TaxID         string `json:"tax_id"`
	Address       string `json:"address"`
	Phone         string `json:"phone"`
	Bank          string `json:"bank"`
	Account       string `json:"account"`
	Email         string `json:"email"`
	NaturalPerson bool   `json:"natural_person"`
}

// AddressPhone joins address and phone the way invoices print them (地址、电话).
func (p Party) AddressPhone() string { return joinNonEmpty(p.Address, p.Phone) }

// BankAccount joins bank and account the way invoices print them (开户行及账号).
func (p Party) BankAccount() string { return joinNonEmpty(p.Bank, p.Account) }

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// LineNature is 发票行性质: whether a line is normal, a discount, or discounted.
type LineNature int

// Line natures as the bureau numbers them.
const (
	NatureNormal     LineNature = 0 // 正常行
	NatureDiscount   LineNature = 1 // 折扣行: negative, directly after its discounted line
	NatureDiscounted LineNature = 2 // 被折扣行
)

// Line is one computed invoice line. A clerk's line with a discount becomes
// two lines: the discounted line (NatureDiscounted) followed by its discount
// line (NatureDiscount), which is how the bureau stores it.
type Line struct {
	Nature  LineNature `json:"nature"`
	Name    string     `json:"name"`
	TaxCode string     `json:"tax_code"`
	Spec    string     `json:"spec"`
	Unit    string     `json:"unit"`
	// Quantity and Price are both set or both empty. Price is on the same
	// basis as Amount (tax-inclusive when TaxIncluded).
	Quantity decimal.NullDecimal `json:"quantity"`
	Price    decimal.NullDecimal `json:"price"`
	// Amount is what the clerk entered: tax-inclusive when TaxIncluded.
	Amount      decimal.Decimal `json:"amount"`
	TaxIncluded bool            `json:"tax_included"`
	TaxRate     decimal.Decimal `json:"tax_rate"`
	// AmountExcl (金额) and Tax (税额) are what the engine computed.
	AmountExcl decimal.Decimal `json:"amount_excl"`
	Tax        decimal.Decimal `json:"tax"`
}

// Total is the line's amount including tax.
func (l Line) Total() decimal.Decimal { return l.AmountExcl.Add(l.Tax) }

// PriceExclTax is the unit price an invoice prints: excluding tax, like the
// 金额 beside it. A tax-inclusive price is divided by (1 + rate) and kept to
// eight decimals, as the bureau prints it (1.00 at 1% → 0.99009901).
func (l Line) PriceExclTax() decimal.NullDecimal {
	if !l.Price.Valid || !l.TaxIncluded {
		return l.Price
	}
	return decimal.NewNullDecimal(l.Price.Decimal.DivRound(decimal.NewFromInt(1).Add(l.TaxRate), MaxQuantityPlaces))
}

// Invoice is a validated invoice with its computed totals, and once it has
// been sent, its serial, number and status.
type Invoice struct {
	ID            int64       `json:"-"`
	RequestSerial string      `json:"request_serial"`
	Number        string      `json:"number"`
	Code          string      `json:"code,omitempty"`       // 发票代码, where the provider gives one
	CheckCode     string      `json:"check_code,omitempty"` // 校验码, where the provider gives one
	Type          InvoiceType `json:"type"`
	Status        Status      `json:"status"`
	StatusMessage string      `json:"status_message,omitempty"`
	IssuedAt      time.Time   `json:"issued_at"`
	CreatedAt     time.Time   `json:"created_at"`
	Provider      string      `json:"provider"`
	Seller        Party       `json:"seller"`
	Buyer         Party       `json:"buyer"`
	Lines         []Line      `json:"lines"`
	Remark        string      `json:"remark"`
	Drawer        string      `json:"drawer"`
	// BlueNumber is set on a red invoice: the blue invoice it reverses.
	BlueNumber  string          `json:"blue_number,omitempty"`
	TotalAmount decimal.Decimal `json:"total_amount"`
	TotalTax    decimal.Decimal `json:"total_tax"`
	Total       decimal.Decimal `json:"total"`
}

// TotalInWords is the total in Chinese capital numerals (价税合计大写).
func (inv Invoice) TotalInWords() string { return CapitalAmount(inv.Total) }
