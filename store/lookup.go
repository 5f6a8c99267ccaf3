package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fapiao/app"
)

// InvoiceBySerial returns the invoice stored under a request serial, with
// its lines in order. It returns an error wrapping app.ErrNotFound when
// there is none.
func (db *DB) InvoiceBySerial(ctx context.Context, serial string) (app.Invoice, error) {
	inv, err := db.invoiceWhere(ctx, "request_serial = ?", serial)
	if errors.Is(err, app.ErrNotFound) {
		return inv, fmt.Errorf("流水号 %s 的发票: %w", serial, err)
	}
	return inv, err
}

// InvoiceByNumber returns the invoice with an invoice number, with its
// lines in order. It returns an error wrapping app.ErrNotFound when there
// is none.
func (db *DB) InvoiceByNumber(ctx context.Context, number string) (app.Invoice, error) {
	if number == "" {
		return app.Invoice{}, fmt.Errorf("发票号码为空: %w", app.ErrNotFound)
	}
	inv, err := db.invoiceWhere(ctx, "number = ?", number)
	if errors.Is(err, app.ErrNotFound) {
		return inv, fmt.Errorf("发票号码 %s: %w", number, err)
	}
	return inv, err
}

// invoiceWhere reads one invoice and its lines from the same snapshot.
// where is one of the constant conditions above, never user text.
func (db *DB) invoiceWhere(ctx context.Context, where string, arg any) (app.Invoice, error) {
	var inv app.Invoice
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		inv, err = scanInvoice(tx.QueryRowContext(ctx, `SELECT `+invoiceColumns+` FROM invoices WHERE `+where, arg))
		if errors.Is(err, sql.ErrNoRows) {
			return app.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("读取发票: %w", err)
		}
		inv.Lines, err = linesOf(ctx, tx, inv.ID)
		return err
	})
	return inv, err
}

var sqlLinesOf = prepared(`SELECT ` + lineColumns + ` FROM invoice_lines WHERE invoice_id = ? ORDER BY position`)

// linesOf reads an invoice's lines in position order.
func linesOf(ctx context.Context, tx querier, invoiceID int64) ([]app.Line, error) {
	rows, err := tx.QueryContext(ctx, sqlLinesOf, invoiceID)
	if err != nil {
		return nil, fmt.Errorf("读取发票明细: %w", err)
	}
	defer rows.Close()
	var lines []app.Line
	for rows.Next() {
		_, l, err := scanLine(rows)
		if err != nil {
			return nil, fmt.Errorf("读取发票明细: %w", err)
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}
