package app

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// RedReason is why an invoice is reversed (冲红原因, chyydm).
type RedReason string

// The reasons the bureau accepts.
const (
	RedReasonMistake   RedReason = "01" // 开票有误: always the whole invoice
	RedReasonReturn    RedReason = "02" // 销货退回: not for an invoice of services only
	RedReasonStop      RedReason = "03" // 服务中止: not for an invoice of goods only
	RedReasonAllowance RedReason = "04" // 销售折让
)

// RedReasons lists the reasons in the bureau's order.
var RedReasons = []RedReason{RedReasonMistake, RedReasonReturn, RedReasonStop, RedReasonAllowance}

// Label is the reason in Chinese.
func (r RedReason) Label() string {
	switch r {
	case RedReasonMistake:
		return "开票有误"
	case RedReasonReturn:
		return "销货退回"
	case RedReasonStop:
		return "服务中止"
	case RedReasonAllowance:
		return "销售折让"
	}
	return string(r)
}

// RedFormState is the state of a red-letter confirmation form
// (红字发票信息确认单状态).
type RedFormState string

// Form states as the bureau numbers them.
const (
	RedFormNoConfirmation  RedFormState = "01" // 无需确认
	RedFormAwaitingBuyer   RedFormState = "02" // 销方录入待购方确认
	RedFormAwaitingSeller  RedFormState = "03" // 购方录入待销方确认
	RedFormConfirmed       RedFormState = "04" // 购销双方已确认
	RedFormRefusedByBuyer  RedFormState = "05" // 作废(销方录入购方否认)
	RedFormRefusedBySeller RedFormState = "06" // 作废(购方录入销方否认)
	RedFormExpired         RedFormState = "07" // 作废(超72小时未确认)
	RedFormWithdrawn       RedFormState = "08" // 作废(发起方已撤销)
	RedFormWithdrawnAfter  RedFormState = "09" // 作废(确认后撤销)
	RedFormAbnormalVoucher RedFormState = "10" // 作废(异常凭证)
)

// Label is the state in Chinese.
func (s RedFormState) Label() string {
	switch s {
	case RedFormNoConfirmation:
		return "无需确认"
	case RedFormAwaitingBuyer:
		return "待购方确认"
	case RedFormAwaitingSeller:
		return "待销方确认"
	case RedFormConfirmed:
		return "购销双方已确认"
	case RedFormRefusedByBuyer:
		return "作废(购方否认)"
	case RedFormRefusedBySeller:
		return "作废(销方否认)"
	case RedFormExpired:
		return "作废(72小时未确认)"
	case RedFormWithdrawn:
		return "作废(已撤销)"
	case RedFormWithdrawnAfter:
		return "作废(确认后撤销)"
	case RedFormAbnormalVoucher:
		return "作废(异常凭证)"
	}
	return string(s)
}

// Issuable reports whether a red invoice may be issued on the form (01, 04).
func (s RedFormState) Issuable() bool { return s == RedFormNoConfirmation || s == RedFormConfirmed }

// Pending reports whether the form waits for the other side (02, 03).
func (s RedFormState) Pending() bool { return s == RedFormAwaitingBuyer || s == RedFormAwaitingSeller }

// Void reports whether the form is void (05–10).
func (s RedFormState) Void() bool {
	switch s {
	case RedFormRefusedByBuyer, RedFormRefusedBySeller, RedFormExpired, RedFormWithdrawn, RedFormWithdrawnAfter, RedFormAbnormalVoucher:
		return true
	}
	return false
}

// RedLine is a line of a blue invoice as it can be reversed: Index is its
// position on the blue invoice (xh, from 1), amounts are negative.
type RedLine struct {
	Index int `json:"index"`
	Line
}

// BlueCheck is what the bureau says of a blue invoice before a red one
// (retInviceMsg): what can still be reversed, and what the buyer did with it.
type BlueCheck struct {
	Number      string
	IssuedAt    time.Time
	Type        InvoiceType
	Seller      Party
	Buyer       Party
	Lines       []RedLine       // what can still be reversed, negative
	TotalAmount decimal.Decimal // negative
	TotalTax    decimal.Decimal // negative
	BuyerUsed   bool            // the buyer confirmed its use (用途确认, e.g. for deduction)
	BuyerBooked bool            // the buyer booked it (入账)
	Message     string          // the bureau's word, e.g. 本张发票可以开负数
}

// NeedsBuyerConfirmation reports whether a red-letter form raised by the
// seller must be confirmed by the buyer: once the buyer has used or booked
// the invoice, the bureau will not let the seller reverse it alone.
func (c BlueCheck) NeedsBuyerConfirmation() bool { return c.BuyerUsed || c.BuyerBooked }

// lineKind sorts a line by its tax classification code's first digit:
// 1 goods (货物), 2 labour and 3 services (劳务、服务), 4 intangibles, 5 real
// estate.
func lineIsGoods(code string) bool { return strings.HasPrefix(code, "1") }
func lineIsService(code string) bool {
	return strings.HasPrefix(code, "2") || strings.HasPrefix(code, "3")
}

// ReasonRefusal says why reason cannot be used on an invoice with these
// lines, or "" when it can. 02 (goods returned) needs a goods line; 03
// (service stopped) needs a service line.
func ReasonRefusal(reason RedReason, lines []Line) string {
	allServices, allGoods := len(lines) > 0, len(lines) > 0
	for _, l := range lines {
		allServices = allServices && lineIsService(l.TaxCode)
		allGoods = allGoods && lineIsGoods(l.TaxCode)
	}
	switch {
	case reason == RedReasonReturn && allServices:
		return "销货退回(02)不适用:发票的每一行都是服务,没有可退回的货物"
	case reason == RedReasonStop && allGoods:
		return "服务中止(03)不适用:发票的每一行都是货物,没有可中止的服务"
	}
	switch reason {
	case RedReasonMistake, RedReasonReturn, RedReasonStop, RedReasonAllowance:
		return ""
	}
	return "红冲原因 " + string(reason) + " 无效,应为 01、02、03 或 04"
}
