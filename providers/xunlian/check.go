package xunlian

import (
	"fmt"
	"strings"

	"fapiao/app"
)

// Check applies the mapping's own rules to a blue invoice without sending
// anything: what 迅联云 could only refuse, or what could not be written in
// its fields. It returns nil or an *app.ValidationError listing every
// problem, each on the domain's field (lines[k] is the clerk's line k) with
// the wire field and the rule in its message. Issue runs it before sending.
func (c *Client) Check(inv app.Invoice) error {
	if _, ve := c.blueRequest(inv); ve != nil {
		return ve
	}
	return nil
}

// blueRequest maps a blue invoice and applies the rules for one.
func (c *Client) blueRequest(inv app.Invoice) (serverIssueRequest, *app.ValidationError) {
	r, m := c.buildRequest(inv, nil)
	if inv.BlueNumber != "" {
		m.add("blue_number", "red_invoice", fmt.Sprintf(
			"这是冲红发票 %s 的红字发票,应通过红冲开具(带 blueInvoiceNo),不能作为蓝字发票开具", inv.BlueNumber))
	}
	if total := app.SumLines(inv.Lines).Total; len(inv.Lines) > 0 && !total.IsPositive() {
		m.add("total", "total_positive", "价税合计(totalAmountIncludeTax)必须大于0:蓝字发票不能为负数或零")
	}
	return r, m.validation()
}

// redRequest maps a red invoice against blue and applies the rules for one.
func (c *Client) redRequest(red, blue app.Invoice) (serverIssueRequest, *app.ValidationError) {
	ref := redRef{number: strings.TrimSpace(blue.Number), code: strings.TrimSpace(blue.Code)}
	r, m := c.buildRequest(red, &ref)
	m.blueNumber(ref)
	if red.BlueNumber != "" && red.BlueNumber != ref.number {
		m.add("blue_number", "blue_mismatch", fmt.Sprintf(
			"红字发票冲的是 %s,所给蓝字发票是 %s", red.BlueNumber, ref.number))
	}
	if blue.Type != "" && red.Type != blue.Type {
		m.add("type", "blue_type", fmt.Sprintf("红字发票类型 %s 与蓝字发票类型 %s 不同", red.Type, blue.Type))
	}
	if total := app.SumLines(red.Lines).Total; len(red.Lines) > 0 && !total.IsNegative() {
		m.add("total", "red_negative", "价税合计(totalAmountIncludeTax)必须小于0:红字发票的金额为负数")
	}
	return r, m.validation()
}

// Lengths of a blue invoice's number.
const (
	paperNumberLen = 8  // 税控 invoices (paper, or electronic with a code)
	fullNumberLen  = 20 // 数电 invoices: app.InvoiceNumberLength
)

// blueNumber checks blueInvoiceNo and blueInvoiceCode. The seed gives
// blueInvoiceNo a length of 8: the number of a 税控 invoice, which comes
// with a 10- or 12-digit code. A 数电 invoice — what this app issues — has a
// 20-digit number and no code. Both are accepted: refusing 20 digits would
// leave no 数电 invoice reversible through 迅联云, which is the one to
// decide whether it takes them. An 8-digit number needs its code, as it
// names no invoice without one.
func (m *mapper) blueNumber(ref redRef) {
	switch {
	case ref.number == "":
		m.add("blue_number", "required", "蓝字发票号码(blueInvoiceNo)不能为空:开红票时必填")
	case !allDigits(ref.number) || len(ref.number) != paperNumberLen && len(ref.number) != fullNumberLen:
		m.add("blue_number", "invoice_number", fmt.Sprintf(
			"蓝字发票号码(blueInvoiceNo)%q 无效:应为8位(税控发票)或20位(数电发票)数字", clipTo(ref.number, 40)))
	case len(ref.number) == paperNumberLen && ref.code == "":
		m.add("blue_code", "required", "蓝字发票代码(blueInvoiceCode)不能为空:8位发票号码须同时提供发票代码")
	}
	if ref.code != "" && !allDigits(ref.code) {
		m.add("blue_code", "digits", fmt.Sprintf("蓝字发票代码(blueInvoiceCode)%q 应为数字", clipTo(ref.code, 40)))
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
