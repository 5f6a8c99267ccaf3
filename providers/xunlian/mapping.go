package xunlian

import (
	"fmt"

	"fapiao/app"
)

// mapper builds serverIssue's body from an invoice and collects every field
// error on the way, so a form shows all of them at once. Fields are named
// as the domain names them (buyer.name, lines[0].unit); messages also name
// the wire field and the rule.
type mapper struct {
	errs []app.FieldError
}

func (m *mapper) add(field, rule, message string) {
	m.errs = append(m.errs, app.FieldError{Field: field, Rule: rule, Message: message})
}

// validation returns the errors collected, or nil (a nil pointer, which
// callers turn into a nil error themselves).
func (m *mapper) validation() *app.ValidationError {
	if len(m.errs) == 0 {
		return nil
	}
	return &app.ValidationError{Errors: m.errs}
}

// redRef is the blue invoice a red one reverses.
type redRef struct {
	number string // blueInvoiceNo
	code   string // blueInvoiceCode; empty for a 数电 invoice
}

// buildRequest maps inv to serverIssue's body, red's blue invoice included
// when red is not nil. The seller is the invoice's own — as committed
// before the first send — so a resend after the clerk edits the seller's
// details is still the same request; the configured seller only fills in
// an invoice that carries none. The serial is
// both requisitionApplyNo and otherId, so the same invoice always sends the
// same request and 迅联云 can recognize it when it comes again.
func (c *Client) buildRequest(inv app.Invoice, red *redRef) (serverIssueRequest, *mapper) {
	m := &mapper{}
	seller := inv.Seller
	if seller.TaxID == "" {
		seller = c.cfg.Seller
	}
	r := serverIssueRequest{
		CompanyDataResource: c.cfg.CompanyDataResource,
		RequisitionApplyNo:  inv.RequestSerial,
		OtherID:             inv.RequestSerial,
		InvoiceTypeCode:     m.invoiceType(inv.Type),
		BuyerName:           inv.Buyer.Name,
		BuyerTaxID:          inv.Buyer.TaxID,
		BuyerAddress:        inv.Buyer.AddressPhone(),
		BuyerBankAndID:      inv.Buyer.BankAccount(),
		Note:                inv.Remark,
		SellerName:          seller.Name,
		SellerTaxID:         seller.TaxID,
		SellerAddress:       seller.AddressPhone(),
		SellerBankAndID:     seller.BankAccount(),
		SpecialInvoiceMark:  specialMarkNone,
		ReceiveMsgEmail:     inv.Buyer.Email,
		TerminalCode:        c.cfg.TerminalCode,
		Drawer:              inv.Drawer,
	}
	m.requireSerial(inv.RequestSerial)
	m.requireBuyerName(inv.Buyer.Name)
	m.sameSeller(inv.Seller, c.cfg.Seller)

	items := m.groupLines(inv.Lines)
	withTax := m.taxBasis(items)
	r.ComputeWithTax = boolDigit(withTax)
	for k, it := range items {
		r.Lines = append(r.Lines, m.line(k, it, withTax))
	}
	m.totals(inv, &r)
	if red != nil {
		number, code := red.number, red.code
		r.BlueInvoiceNo, r.BlueInvoiceCode = &number, &code
	}
	m.lengths(r)
	return r, m
}

// invoiceType maps the domain's 数电 types to the seed's electronic ones.
func (m *mapper) invoiceType(t app.InvoiceType) string {
	switch t {
	case app.TypeOrdinary:
		return typeElectronicOrdinary
	case app.TypeSpecial:
		return typeElectronicSpecial
	}
	m.add("type", "one_of", fmt.Sprintf(
		"发票类型 %q 不能通过迅联云开具(invoiceTypeCode):只支持 82 普通发票(电子普票 10)和 81 增值税专用发票(电子专票 08)", string(t)))
	return ""
}

func (m *mapper) requireSerial(serial string) {
	if serial == "" {
		m.add("request_serial", "required", "发票请求流水号(requisitionApplyNo、otherId)不能为空")
	}
}

func (m *mapper) requireBuyerName(name string) {
	if name == "" {
		m.add("buyer.name", "required", "购买方名称(buyerName)不能为空")
	}
}

// sameSeller refuses an invoice made out for another seller than the one
// configured: the account issues for one taxpayer, and sellerTaxId comes
// from the configuration.
func (m *mapper) sameSeller(invoiceSeller, configured app.Party) {
	id := normalizeTaxID(invoiceSeller.TaxID)
	if id != "" && id != configured.TaxID {
		m.add("seller.tax_id", "seller_mismatch", fmt.Sprintf(
			"销售方纳税人识别号(sellerTaxId):发票上是 %s,迅联云配置的是 %s", id, configured.TaxID))
	}
}

// totals writes the sums of the lines as sent. An invoice whose stored
// total disagrees with its lines was changed after it was computed and is
// refused rather than sent with either figure.
func (m *mapper) totals(inv app.Invoice, r *serverIssueRequest) {
	t := app.SumLines(inv.Lines)
	if !inv.Total.IsZero() && !inv.Total.Equal(t.Total) {
		m.add("total", "total_mismatch", fmt.Sprintf(
			"价税合计(totalAmountIncludeTax)%s 与各行之和 %s 不符", app.FormatMoney(inv.Total), app.FormatMoney(t.Total)))
	}
	r.TotalAmountExcludeTax = m.money("total_amount", "合计金额(totalAmountExcludeTax)", t.Amount)
	r.TotalTaxAmount = m.money("total_tax", "合计税额(totalTaxAmount)", t.Tax)
	r.TotalAmountIncludeTax = m.money("total", "价税合计(totalAmountIncludeTax)", t.Total)
}

func boolDigit(b bool) int {
	if b {
		return 1
	}
	return 0
}
