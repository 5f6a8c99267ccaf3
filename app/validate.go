package app

import (
	"fmt"
	"net/mail"
	"strings"

	"github.com/shopspring/decimal"
)

// Prepare validates a draft against every rule of DESIGN §2 and computes its
// lines and totals. It returns a *ValidationError listing every broken rule,
// each on the field at fault; nothing may be sent while there is one. The
// returned invoice carries whatever could be computed, so a form can show
// totals while the clerk is still fixing a field.
func Prepare(d Draft, seller Party) (Invoice, error) {
	v := &validator{}
	inv := Invoice{
		Type:   v.invoiceType(d.Type),
		Seller: normalizeParty(seller),
		Buyer:  normalizeParty(d.Buyer),
		Remark: strings.TrimSpace(d.Remark),
		Drawer: strings.TrimSpace(d.Drawer),
	}
	v.seller(inv.Seller)
	v.buyer(inv.Buyer, inv.Type)
	v.text("remark", "备注", inv.Remark, false, MaxRemarkBytes)
	v.text("drawer", "开票人", inv.Drawer, false, MaxDrawerBytes)
	inv.Lines = v.lines(d.Lines)
	inv.ApplyTotals()
	v.invoiceTotals(inv)
	if len(v.errs) > 0 {
		return inv, &ValidationError{Errors: v.errs}
	}
	return inv, nil
}

// validator collects field errors instead of stopping at the first, so the
// clerk sees every problem at once.
type validator struct {
	errs []FieldError
}

func (v *validator) add(field, rule, label, msg string) {
	v.errs = append(v.errs, FieldError{Field: field, Rule: rule, Message: label + ":" + msg})
}

func normalizeParty(p Party) Party {
	trim := strings.TrimSpace
	return Party{
		Name: trim(p.Name), TaxID: normalizeTaxID(p.TaxID), Address: trim(p.Address),
		Phone: trim(p.Phone), Bank: trim(p.Bank), Account: trim(p.Account),
		Email: trim(p.Email), NaturalPerson: p.NaturalPerson,
	}
}

// normalizeTaxID drops spaces and upper-cases: clerks paste IDs with spaces
// and type them in lower case, and the bureau only knows upper case.
func normalizeTaxID(id string) string {
	return strings.ToUpper(strings.Join(strings.Fields(id), ""))
}

func (v *validator) invoiceType(t string) InvoiceType {
	switch InvoiceType(strings.TrimSpace(t)) {
	case "", TypeOrdinary:
		return TypeOrdinary
	case TypeSpecial:
		return TypeSpecial
	}
	v.add("type", "one_of", "发票类型", fmt.Sprintf("%q 无效,应为 82(普通发票)或 81(增值税专用发票)", t))
	return InvoiceType(t)
}

// text checks a text field: required, encodable in GBK, within its byte limit.
func (v *validator) text(field, label, value string, required bool, maxBytes int) {
	if value == "" {
		if required {
			v.add(field, "required", label, "不能为空")
		}
		return
	}
	n, err := GBKLen(value)
	if err != nil {
		v.add(field, "gbk", label, err.Error())
		return
	}
	if n > maxBytes {
		v.add(field, "max_bytes", label, fmt.Sprintf(
			"长度超限:最多%d字节(按GBK计,汉字占2字节),当前%d字节", maxBytes, n))
	}
}

func (v *validator) seller(s Party) {
	v.text("seller.name", "销售方名称", s.Name, true, MaxPartyNameBytes)
	v.taxID("seller.tax_id", "销售方纳税人识别号", s.TaxID, true)
	v.text("seller.address", "销售方地址电话", s.AddressPhone(), false, MaxAddressPhoneBytes)
	v.text("seller.bank", "销售方开户行及账号", s.BankAccount(), false, MaxBankAccountBytes)
}

func (v *validator) buyer(b Party, t InvoiceType) {
	v.text("buyer.name", "购买方名称", b.Name, true, MaxPartyNameBytes)
	switch {
	case t == TypeSpecial && b.NaturalPerson:
		v.add("buyer.natural_person", "special_invoice", "购买方", "增值税专用发票不能开给自然人(个人)")
	case t == TypeSpecial:
		v.taxID("buyer.tax_id", "购买方纳税人识别号", b.TaxID, true)
	default:
		// A natural person (个人) may have no tax ID; a company must.
		v.taxID("buyer.tax_id", "购买方纳税人识别号", b.TaxID, !b.NaturalPerson)
	}
	v.text("buyer.address", "购买方地址和电话", b.AddressPhone(), false, MaxAddressPhoneBytes)
	v.phone("buyer.phone", "购买方电话", b.Phone)
	v.text("buyer.bank", "购买方开户银行和账号", b.BankAccount(), false, MaxBankAccountBytes)
	v.account("buyer.account", "购买方银行账号", b.Account)
	v.email("buyer.email", "购买方邮箱", b.Email)
}

func (v *validator) taxID(field, label, id string, required bool) {
	if id == "" {
		if required {
			v.add(field, "required", label, "不能为空(个人购买方请勾选“个人”)")
		}
		return
	}
	if err := ValidateTaxID(id); err != nil {
		v.add(field, err.Rule, label, err.Message)
	}
}

func (v *validator) phone(field, label, phone string) {
	for _, r := range phone {
		if !(r >= '0' && r <= '9' || strings.ContainsRune("-+() ", r)) {
			v.add(field, "phone", label, fmt.Sprintf("含有无效字符 %q:电话只能包含数字、空格和 - + ( )", string(r)))
			return
		}
	}
}

func (v *validator) account(field, label, account string) {
	for _, r := range account {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-' || r == ' ') {
			v.add(field, "account", label, fmt.Sprintf("含有无效字符 %q:银行账号只能包含数字、字母、空格和 -", string(r)))
			return
		}
	}
}

func (v *validator) email(field, label, email string) {
	if email == "" {
		return
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email[strings.IndexByte(email, '@')+1:], ".") {
		v.add(field, "email", label, fmt.Sprintf("%q 不是有效的邮箱地址", email))
		return
	}
	v.text(field, label, email, false, MaxEmailBytes)
}

// invoiceTotals applies the whole-invoice rules once the lines are valid.
func (v *validator) invoiceTotals(inv Invoice) {
	if len(v.errs) > 0 || len(inv.Lines) == 0 {
		return
	}
	sum := decimal.Zero
	for _, l := range inv.Lines {
		sum = sum.Add(TaxDifference(l))
	}
	if sum.Abs().GreaterThan(InvoiceTaxTolerance) {
		v.add("lines", "tax_tolerance", "税额", fmt.Sprintf(
			"各行税额误差合计 %s 超过允许的 %s 元", sum.Round(4).String(), InvoiceTaxTolerance))
	}
	if !inv.Total.IsPositive() {
		v.add("lines", "total_positive", "价税合计", "必须大于0")
	}
}
