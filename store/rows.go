package store

import (
	"context"
	"database/sql"
	"fmt"

	"fapiao/app"
)

// The invoice columns written on insert, in the order of invoiceArgs.
var insertInvoiceSQL = prepared(`INSERT INTO invoices (
	request_serial, number, code, type, status, status_message, provider, created_at, issued_at, check_code,
	seller_name, seller_tax_id, seller_address, seller_phone, seller_bank, seller_account, seller_email,
	buyer_name, buyer_tax_id, buyer_address, buyer_phone, buyer_bank, buyer_account, buyer_email,
	buyer_natural_person, remark, drawer, blue_number, total_amount, total_tax, total)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)

func invoiceArgs(inv *app.Invoice) []any {
	s, b := inv.Seller, inv.Buyer
	return []any{
		inv.RequestSerial, sql.NullString{String: inv.Number, Valid: inv.Number != ""}, inv.Code,
		string(inv.Type), string(inv.Status), inv.StatusMessage, inv.Provider,
		formatTime(inv.CreatedAt), nullTime(inv.IssuedAt), inv.CheckCode,
		s.Name, s.TaxID, s.Address, s.Phone, s.Bank, s.Account, s.Email,
		b.Name, b.TaxID, b.Address, b.Phone, b.Bank, b.Account, b.Email, boolInt(b.NaturalPerson),
		inv.Remark, inv.Drawer, inv.BlueNumber, money(inv.TotalAmount), money(inv.TotalTax), money(inv.Total),
	}
}

var insertLineSQL = prepared(`INSERT INTO invoice_lines (
	invoice_id, position, nature, name, tax_code, spec, unit, quantity, price,
	amount, tax_included, tax_rate, amount_excl, tax)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)

func lineArgs(invoiceID int64, position int, l app.Line) []any {
	return []any{
		invoiceID, position, int(l.Nature), l.Name, l.TaxCode, l.Spec, l.Unit,
		nullQuantity(l.Quantity), nullQuantity(l.Price),
		money(l.Amount), boolInt(l.TaxIncluded), rate(l.TaxRate), money(l.AmountExcl), money(l.Tax),
	}
}

// insertLines writes an invoice's lines in order.
func insertLines(ctx context.Context, tx writeTx, invoiceID int64, lines []app.Line) error {
	for i, l := range lines {
		if _, err := tx.ExecContext(ctx, insertLineSQL, lineArgs(invoiceID, i, l)...); err != nil {
			return fmt.Errorf("保存第%d行明细: %w", i+1, err)
		}
	}
	return nil
}

// The invoice columns read back, in the order scanInvoice expects.
const invoiceColumns = `id, request_serial, number, code, type, status, status_message, provider, created_at, issued_at, check_code,
	seller_name, seller_tax_id, seller_address, seller_phone, seller_bank, seller_account, seller_email,
	buyer_name, buyer_tax_id, buyer_address, buyer_phone, buyer_bank, buyer_account, buyer_email,
	buyer_natural_person, remark, drawer, blue_number, total_amount, total_tax, total`

type scanner interface{ Scan(dest ...any) error }

func scanInvoice(row scanner) (app.Invoice, error) {
	var (
		inv                    app.Invoice
		number, issuedAt       sql.NullString
		typ, status, createdAt string
		total, amount, tax     string
		s, b                   *app.Party = &inv.Seller, &inv.Buyer
	)
	err := row.Scan(&inv.ID, &inv.RequestSerial, &number, &inv.Code, &typ, &status, &inv.StatusMessage, &inv.Provider,
		&createdAt, &issuedAt, &inv.CheckCode,
		&s.Name, &s.TaxID, &s.Address, &s.Phone, &s.Bank, &s.Account, &s.Email,
		&b.Name, &b.TaxID, &b.Address, &b.Phone, &b.Bank, &b.Account, &b.Email, &b.NaturalPerson,
		&inv.Remark, &inv.Drawer, &inv.BlueNumber, &amount, &tax, &total)
	if err != nil {
		return inv, err
	}
	inv.Number, inv.Type, inv.Status = number.String, app.InvoiceType(typ), app.Status(status)
	if inv.CreatedAt, err = parseTime(createdAt); err != nil {
		return inv, err
	}
	if inv.IssuedAt, err = parseNullTime(issuedAt); err != nil {
		return inv, err
	}
	var d decimalReader
	inv.TotalAmount = d.parse("total_amount", amount)
	inv.TotalTax = d.parse("total_tax", tax)
	inv.Total = d.parse("total", total)
	return inv, d.err
}

// lineFields are a line's columns, shared by invoice_lines and
// red_case_lines, in the order scanLineAfter expects.
const lineFields = `nature, name, tax_code, spec, unit, quantity, price,
	amount, tax_included, tax_rate, amount_excl, tax`

// The line columns read back, in the order scanLine expects.
const lineColumns = `invoice_id, ` + lineFields

func scanLine(row scanner) (invoiceID int64, l app.Line, err error) {
	l, err = scanLineAfter(row, &invoiceID)
	return invoiceID, l, err
}

// scanLineAfter scans the columns lead points to, then lineFields.
func scanLineAfter(row scanner, lead ...any) (app.Line, error) {
	var (
		l                       app.Line
		nature                  int
		quantity, price         sql.NullString
		amount, rate, excl, tax string
	)
	dest := append(lead, &nature, &l.Name, &l.TaxCode, &l.Spec, &l.Unit, &quantity, &price,
		&amount, &l.TaxIncluded, &rate, &excl, &tax)
	if err := row.Scan(dest...); err != nil {
		return l, err
	}
	var d decimalReader
	l.Nature = app.LineNature(nature)
	l.Quantity = d.parseNull("quantity", quantity)
	l.Price = d.parseNull("price", price)
	l.Amount = d.parse("amount", amount)
	l.TaxRate = d.parse("tax_rate", rate)
	l.AmountExcl = d.parse("amount_excl", excl)
	l.Tax = d.parse("tax", tax)
	return l, d.err
}
