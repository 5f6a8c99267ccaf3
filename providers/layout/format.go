package layout

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// checkIssued refuses an invoice that has not been issued: a layout file
// without a number or date would be a forgery of nothing.
func checkIssued(inv app.Invoice) error {
	if _, err := app.ParseInvoiceNumber(inv.Number); err != nil {
		return fmt.Errorf("layout: 发票未开具或号码无效:%w", err)
	}
	if inv.IssuedAt.IsZero() {
		return errors.New("layout: 发票未开具:缺少开票日期")
	}
	return nil
}

// title is the invoice's printed title, e.g. 电子发票（普通发票）.
func title(t app.InvoiceType) string {
	return "电子发票（" + t.Label() + "）"
}

// checkTypeCode is the invoice-type code in the check string (QR code):
// 31 for a digital special VAT invoice, 32 for a digital ordinary one.
func checkTypeCode(t app.InvoiceType) string {
	if t == app.TypeSpecial {
		return "31"
	}
	return "32"
}

// checkString is what the QR code carries, the string the bureau's
// verification platform reads: 01,<type>,,<number>,<amount excl. tax>,<yyyyMMdd>,,
func checkString(inv app.Invoice) string {
	return strings.Join([]string{
		"01", checkTypeCode(inv.Type), "", inv.Number,
		app.FormatMoney(inv.TotalAmount), chinaTime(inv.IssuedAt).Format("20060102"), "", "",
	}, ",")
}

// chinaTime is t on the clock invoices are dated by.
func chinaTime(t time.Time) time.Time { return t.In(app.ChinaTime) }

// printedDate is the issue date as the invoice prints it: 2024年06月19日.
func printedDate(t time.Time) string {
	return chinaTime(t).Format("2006年01月02日")
}

// money prints an amount with two decimals; red invoices print "-0.99".
func money(d decimal.Decimal) string { return app.FormatMoney(d) }

// yuan prints an amount after the yuan sign, as totals are printed: ¥-1.00.
func yuan(d decimal.Decimal) string { return "¥" + money(d) }

// percent prints a tax rate as the invoice does: 0.13 → 13%, 0.015 → 1.5%.
func percent(rate decimal.Decimal) string {
	return rate.Shift(2).String() + "%"
}

// quantity prints a quantity or unit price with up to eight decimals,
// trailing zeros trimmed; an absent one prints as nothing.
func quantity(d decimal.NullDecimal) string {
	if !d.Valid {
		return ""
	}
	return app.FormatQuantity(d.Decimal)
}
