package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// invoiceKey selects one invoice; empty fields match anything, but Number
// or Serial must be set.
type invoiceKey struct {
	SellerTaxID string
	Number      string
	Serial      string
}

// findInvoice loads an invoice with its lines, or returns app.ErrNotFound.
func (s *Server) findInvoice(ctx context.Context, k invoiceKey) (issuedInvoice, error) {
	if k.Number == "" && k.Serial == "" {
		return issuedInvoice{}, app.ErrNotFound
	}
	row := s.db.QueryRowContext(ctx, `
		SELECT id, serial, number, type, issued_at, username,
			seller_tax_id, seller_name, seller_address_phone, seller_bank_account, seller_natural,
			buyer_tax_id, buyer_name, buyer_address_phone, buyer_bank_account, buyer_contact_phone,
			buyer_email, buyer_natural, levy_method, total_amount, total_tax, total,
			remark, drawer, payee, reviewer, file_token
		FROM invoices
		WHERE (? = '' OR seller_tax_id = ?) AND (? = '' OR number = ?) AND (? = '' OR serial = ?)`,
		k.SellerTaxID, k.SellerTaxID, k.Number, k.Number, k.Serial, k.Serial)
	inv, err := scanInvoice(row)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, app.ErrNotFound
	}
	if err != nil {
		return inv, fmt.Errorf("load invoice: %w", err)
	}
	inv.Lines, err = s.loadLines(ctx, inv.ID)
	return inv, err
}

func scanInvoice(row *sql.Row) (issuedInvoice, error) {
	var inv issuedInvoice
	var typ, issuedAt, totalAmount, totalTax, total string
	err := row.Scan(&inv.ID, &inv.RequestSerial, &inv.Number, &typ, &issuedAt, &inv.Username,
		&inv.Seller.TaxID, &inv.Seller.Name, &inv.Seller.Address, &inv.Seller.Bank, &inv.Seller.NaturalPerson,
		&inv.Buyer.TaxID, &inv.Buyer.Name, &inv.Buyer.Address, &inv.Buyer.Bank, &inv.BuyerPhone,
		&inv.Buyer.Email, &inv.Buyer.NaturalPerson, &inv.LevyMethod, &totalAmount, &totalTax, &total,
		&inv.Remark, &inv.Drawer, &inv.Payee, &inv.Reviewer, &inv.FileToken)
	if err != nil {
		return inv, err
	}
	inv.Type, inv.Status, inv.Provider = app.InvoiceType(typ), app.StatusIssued, providerName
	if inv.IssuedAt, err = time.Parse(time.RFC3339, issuedAt); err != nil {
		return inv, err
	}
	inv.IssuedAt = inv.IssuedAt.In(app.ChinaTime)
	inv.CreatedAt = inv.IssuedAt
	return inv, scanDecimals(
		decimalField{totalAmount, &inv.TotalAmount},
		decimalField{totalTax, &inv.TotalTax},
		decimalField{total, &inv.Total},
	)
}

func (s *Server) loadLines(ctx context.Context, invoiceID int64) ([]app.Line, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT nature, name, tax_code, spec, unit, quantity, price, amount, tax_included,
			tax_rate, amount_excl, tax
		FROM invoice_lines WHERE invoice_id = ? ORDER BY seq`, invoiceID)
	if err != nil {
		return nil, fmt.Errorf("load lines: %w", err)
	}
	defer rows.Close()
	var lines []app.Line
	for rows.Next() {
		var l app.Line
		var quantity, price sql.NullString
		var amount, rate, excl, tax string
		if err := rows.Scan(&l.Nature, &l.Name, &l.TaxCode, &l.Spec, &l.Unit, &quantity, &price,
			&amount, &l.TaxIncluded, &rate, &excl, &tax); err != nil {
			return nil, fmt.Errorf("load lines: %w", err)
		}
		if err := scanDecimals(decimalField{amount, &l.Amount}, decimalField{rate, &l.TaxRate},
			decimalField{excl, &l.AmountExcl}, decimalField{tax, &l.Tax}); err != nil {
			return nil, err
		}
		if l.Quantity, err = nullDecimal(quantity); err != nil {
			return nil, err
		}
		if l.Price, err = nullDecimal(price); err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

type decimalField struct {
	text string
	dst  *decimal.Decimal
}

func scanDecimals(fields ...decimalField) error {
	for _, f := range fields {
		d, err := decimal.NewFromString(f.text)
		if err != nil {
			return fmt.Errorf("stored decimal %q: %w", f.text, err)
		}
		*f.dst = d
	}
	return nil
}

func nullDecimal(s sql.NullString) (decimal.NullDecimal, error) {
	if !s.Valid {
		return decimal.NullDecimal{}, nil
	}
	d, err := decimal.NewFromString(s.String)
	if err != nil {
		return decimal.NullDecimal{}, fmt.Errorf("stored decimal %q: %w", s.String, err)
	}
	return decimal.NewNullDecimal(d), nil
}
