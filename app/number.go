package app

import (
	"fmt"
	"strconv"
	"time"
)

// InvoiceNumberLength is the length of a fully digitalized invoice number.
const InvoiceNumberLength = 20

// InvoiceNumber is a 数电票 number taken apart. Numbers stay strings: 20
// digits overflow uint64.
type InvoiceNumber struct {
	Year     int    // 2000 + digits 1–2
	Province string // digits 3–4, e.g. "11" Beijing, "51" Sichuan
	Channel  byte   // digit 5, the issuing channel
	Sequence string // digits 6–20
}

// ParseInvoiceNumber takes a 20-digit number apart.
func ParseInvoiceNumber(s string) (InvoiceNumber, error) {
	if len(s) != InvoiceNumberLength {
		return InvoiceNumber{}, fmt.Errorf("发票号码应为%d位数字,当前%d位", InvoiceNumberLength, len(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return InvoiceNumber{}, fmt.Errorf("发票号码第%d位 %q 不是数字", i+1, s[i])
		}
	}
	yy, _ := strconv.Atoi(s[:2])
	return InvoiceNumber{Year: 2000 + yy, Province: s[2:4], Channel: s[4], Sequence: s[5:]}, nil
}

// CheckIssuedNumber accepts a number an invoice may carry: the 20 digits of
// a 数电 invoice, or the 8 digits (with an invoice code) a hosted platform
// such as 迅联云 may return for a tax-control invoice.
func CheckIssuedNumber(s string) error {
	if paperNumber(s) {
		return nil
	}
	if _, err := ParseInvoiceNumber(s); err != nil {
		return fmt.Errorf("%w(迅联云税控发票为8位)", err)
	}
	return nil
}

// UsableOn reports whether the number may be used on an invoice dated t:
// a number of year YY is only used in 20YY.
func (n InvoiceNumber) UsableOn(t time.Time) bool {
	return t.In(ChinaTime).Year() == n.Year
}

// paperNumber reports whether s is an 8-digit number of the kind 迅联云
// returns beside an invoice code: a direct red names it as it was issued.
func paperNumber(s string) bool {
	if len(s) != 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
