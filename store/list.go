package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"fapiao/app"
)

// defaultPage is the page size when ListQuery.Limit is 0.
const defaultPage = 200

// ListInvoices returns invoices of every status, newest first: by issue
// time, or creation time while not issued, then by id. q.Search, when not
// blank, matches a number prefix, a buyer name substring or a buyer tax ID
// prefix; the clerk's % and _ are literal. Lines are included (one extra
// query per page, though the interface would allow leaving them out), so
// `fapiao list --json` prints whole invoices.
func (db *DB) ListInvoices(ctx context.Context, q app.ListQuery) ([]app.Invoice, error) {
	query, args := listQuery(q)
	var out []app.Invoice
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = queryInvoices(ctx, tx, query, args...); err != nil {
			return err
		}
		return attachLines(ctx, tx, out)
	})
	if err != nil {
		return nil, fmt.Errorf("查询发票列表: %w", err)
	}
	return out, nil
}

// listQuery builds the page's SQL. The ORDER BY must match the
// invoices_newest index expression for SQLite to walk the index instead of
// sorting every invoice.
func listQuery(q app.ListQuery) (string, []any) {
	limit, offset := q.Limit, q.Offset
	if limit <= 0 {
		limit = defaultPage
	}
	if offset < 0 {
		offset = 0
	}
	query := `SELECT ` + invoiceColumns + ` FROM invoices`
	var args []any
	if search := strings.TrimSpace(q.Search); search != "" {
		query += ` WHERE number LIKE ? ESCAPE '\' OR buyer_name LIKE ? ESCAPE '\' OR buyer_tax_id LIKE ? ESCAPE '\'`
		args = append(args, prefixPattern(search), containsPattern(search), prefixPattern(search))
	}
	query += ` ORDER BY COALESCE(issued_at, created_at) DESC, id DESC LIMIT ? OFFSET ?`
	return query, append(args, limit, offset)
}

func queryInvoices(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]app.Invoice, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.Invoice
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

// attachLines reads the lines of a page of invoices in one query. The ids
// travel as one JSON array parameter, so any page size stays within
// SQLite's limit on bound parameters.
func attachLines(ctx context.Context, tx *sql.Tx, invs []app.Invoice) error {
	if len(invs) == 0 {
		return nil
	}
	index := make(map[int64]int, len(invs))
	ids := make([]int64, len(invs))
	for i, inv := range invs {
		index[inv.ID], ids[i] = i, inv.ID
	}
	idJSON, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+lineColumns+` FROM invoice_lines
		WHERE invoice_id IN (SELECT value FROM json_each(?)) ORDER BY invoice_id, position`, string(idJSON))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		id, l, err := scanLine(rows)
		if err != nil {
			return err
		}
		i := index[id]
		invs[i].Lines = append(invs[i].Lines, l)
	}
	return rows.Err()
}
