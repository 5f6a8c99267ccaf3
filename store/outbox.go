package store

import (
	"context"
	"fmt"

	"fapiao/app"
)

// OpenOutbox lists the outbox entries whose outcome is not final yet
// (pending, unknown or held invoices), oldest first.
func (db *DB) OpenOutbox(ctx context.Context) ([]app.OutboxEntry, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT serial, invoice_id, request, attempts, last_error, created_at, updated_at
		FROM outbox WHERE state = 'open' ORDER BY created_at, invoice_id`)
	if err != nil {
		return nil, fmt.Errorf("读取待处理的开票请求: %w", err)
	}
	defer rows.Close()
	var out []app.OutboxEntry
	for rows.Next() {
		var (
			e                app.OutboxEntry
			created, updated string
		)
		if err := rows.Scan(&e.Serial, &e.InvoiceID, &e.Request, &e.Attempts, &e.LastError, &created, &updated); err != nil {
			return nil, err
		}
		if e.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		if e.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
