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

// queryer is what loading needs: the database, or a transaction under way.
// With one connection, code inside a transaction must read through it.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// invoiceKey selects one invoice; empty fields match anything, but Number
// or Serial must be set.
type invoiceKey struct {
	SellerTaxID string
	Number      string
	Serial      string
}

// buyerUsesFrom is the 价税合计 from which the simulated buyer counts an
// invoice as used (用途确认) unless told otherwise.
var buyerUsesFrom = decimal.NewFromInt(10_000)

// findInvoice loads an invoice with its lines, or returns app.ErrNotFound.
func (s *Server) findInvoice(ctx context.Context, k invoiceKey) (issuedInvoice, error) {
	return findInvoiceIn(ctx, s.db, k)
}

// findInvoiceIn is findInvoice through q.
func findInvoiceIn(ctx context.Context, q queryer, k invoiceKey) (issuedInvoice, error) {
	if k.Number == "" && k.Serial == "" {
		return issuedInvoice{}, app.ErrNotFound
	}
	row := q.QueryRowContext(ctx, `
		SELECT id, serial, number, type, issued_at, username,
			seller_tax_id, seller_name, seller_address_phone, seller_bank_account, seller_natural,
			buyer_tax_id, buyer_name, buyer_address_phone, buyer_bank_account, buyer_contact_phone,
			buyer_email, buyer_natural, levy_method, total_amount, total_tax, total,
			remark, drawer, payee, reviewer, file_token,
			kind, blue_number, red_form, red_status, buyer_used, buyer_booked, channel,
			COALESCE((SELECT parity_code FROM xunlian_issues WHERE invoice_id = invoices.id), '')
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
	inv.Lines, err = loadLines(ctx, q, inv.ID)
	return inv, err
}

func scanInvoice(row *sql.Row) (issuedInvoice, error) {
	var inv issuedInvoice
	var typ, issuedAt, totalAmount, totalTax, total, kind string
	var used sql.NullBool
	err := row.Scan(&inv.ID, &inv.RequestSerial, &inv.Number, &typ, &issuedAt, &inv.Username,
		&inv.Seller.TaxID, &inv.Seller.Name, &inv.Seller.Address, &inv.Seller.Bank, &inv.Seller.NaturalPerson,
		&inv.Buyer.TaxID, &inv.Buyer.Name, &inv.Buyer.Address, &inv.Buyer.Bank, &inv.BuyerPhone,
		&inv.Buyer.Email, &inv.Buyer.NaturalPerson, &inv.LevyMethod, &totalAmount, &totalTax, &total,
		&inv.Remark, &inv.Drawer, &inv.Payee, &inv.Reviewer, &inv.FileToken,
		&kind, &inv.BlueNumber, &inv.RedForm, &inv.RedStatus, &used, &inv.BuyerBooked, &inv.Channel, &inv.CheckCode)
	if err != nil {
		return inv, err
	}
	inv.Red = kind == kindRed
	inv.Type, inv.Status, inv.Provider = app.InvoiceType(typ), app.StatusIssued, providerOf(inv.Channel)
	if inv.IssuedAt, err = time.Parse(time.RFC3339, issuedAt); err != nil {
		return inv, err
	}
	inv.IssuedAt = inv.IssuedAt.In(app.ChinaTime)
	inv.CreatedAt = inv.IssuedAt
	if err := scanDecimals(
		decimalField{totalAmount, &inv.TotalAmount},
		decimalField{totalTax, &inv.TotalTax},
		decimalField{total, &inv.Total},
	); err != nil {
		return inv, err
	}
	// Unless marked, the buyer uses the large invoices: a demo of a big
	// invoice then shows the confirmation path.
	inv.BuyerUsed = used.Bool || !used.Valid && inv.Total.GreaterThanOrEqual(buyerUsesFrom)
	return inv, nil
}

// storedLine is a line as the bureau keeps it: the domain line, its
// position (xh, from 1), on a red invoice the blue line it reverses, and on
// a blue invoice how much red invoices have reversed of it.
type storedLine struct {
	app.Line
	Seq      int
	BlueSeq  int // red lines only; 0 on blue lines
	Reversed reversal
}

// reversal is what red invoices took off a blue line, in the blue line's
// own sign (so a discount line's reversal is negative, like the line).
type reversal struct {
	Quantity   decimal.Decimal
	AmountExcl decimal.Decimal
	Tax        decimal.Decimal
}

// loadLines loads an invoice's lines as domain lines.
func loadLines(ctx context.Context, q queryer, invoiceID int64) ([]app.Line, error) {
	stored, err := loadStoredLines(ctx, q, invoiceID)
	if err != nil {
		return nil, err
	}
	lines := make([]app.Line, len(stored))
	for i, l := range stored {
		lines[i] = l.Line
	}
	return lines, nil
}

// loadStoredLines loads an invoice's lines in order, with their positions
// and reversals.
func loadStoredLines(ctx context.Context, q queryer, invoiceID int64) ([]storedLine, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT seq, nature, name, tax_code, spec, unit, quantity, price, amount, tax_included,
			tax_rate, amount_excl, tax, blue_seq, reversed_quantity, reversed_excl, reversed_tax
		FROM invoice_lines WHERE invoice_id = ? ORDER BY seq`, invoiceID)
	if err != nil {
		return nil, fmt.Errorf("load lines: %w", err)
	}
	defer rows.Close()
	var lines []storedLine
	for rows.Next() {
		l, err := scanLine(rows)
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

func scanLine(rows *sql.Rows) (storedLine, error) {
	var l storedLine
	var quantity, price sql.NullString
	var blueSeq sql.NullInt64
	var amount, rate, excl, tax, revQuantity, revExcl, revTax string
	if err := rows.Scan(&l.Seq, &l.Nature, &l.Name, &l.TaxCode, &l.Spec, &l.Unit, &quantity, &price,
		&amount, &l.TaxIncluded, &rate, &excl, &tax, &blueSeq, &revQuantity, &revExcl, &revTax); err != nil {
		return l, fmt.Errorf("load lines: %w", err)
	}
	l.BlueSeq = int(blueSeq.Int64)
	err := scanDecimals(decimalField{amount, &l.Amount}, decimalField{rate, &l.TaxRate},
		decimalField{excl, &l.AmountExcl}, decimalField{tax, &l.Tax},
		decimalField{revQuantity, &l.Reversed.Quantity}, decimalField{revExcl, &l.Reversed.AmountExcl},
		decimalField{revTax, &l.Reversed.Tax})
	if err != nil {
		return l, err
	}
	if l.Quantity, err = nullDecimal(quantity); err != nil {
		return l, err
	}
	l.Price, err = nullDecimal(price)
	return l, err
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
