package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fapiao/app"
)

// Page sizes of QueryInbound: defaultInboundPage when the query names
// none, and never more than maxInboundPage, so that a page is never the
// whole table (EachInbound is for reading everything).
const (
	defaultInboundPage = 100
	maxInboundPage     = 1000
)

// QueryInbound returns one page of the inbound invoices q matches, in q's
// order (see inboundOrder): q.Limit rows (100 when 0, at most 1000) after
// skipping q.Offset. An unknown sort is refused.
//
// The page's ids are chosen first, by a query that reads only the index
// that filters and orders it where there is one (the indexes of migration
// 0005 hold the sort columns; TestInboundQueryPlans pins the common
// cases), and then the page's rows are read by id: sorting 50,000
// matches by amount, or skipping 400 of them, never reads their rows.
func (db *DB) QueryInbound(ctx context.Context, q app.InboundQuery) ([]app.InboundInvoice, error) {
	query, args, err := inboundPageQuery(q)
	if err != nil {
		return nil, err
	}
	out := make([]app.InboundInvoice, 0, pageLimit(q))
	err = db.eachRow(ctx, query, args, func(inv app.InboundInvoice) error {
		out = append(out, inv)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("查询进项发票: %w", err)
	}
	return out, nil
}

// pageLimit is how many invoices q's page holds at most.
func pageLimit(q app.InboundQuery) int {
	if q.Limit <= 0 {
		return defaultInboundPage
	}
	return min(q.Limit, maxInboundPage)
}

// inboundPageQuery is q's page query and its arguments.
func inboundPageQuery(q app.InboundQuery) (string, []any, error) {
	order, err := inboundOrder(q)
	if err != nil {
		return "", nil, err
	}
	w := inboundWhere(q)
	query := `SELECT ` + inboundColumns + ` FROM inbound_invoices WHERE id IN (
		SELECT id FROM inbound_invoices` + w.sql() + order + ` LIMIT ? OFFSET ?)` + order
	return query, append(w.args, pageLimit(q), max(q.Offset, 0)), nil
}

// EachInbound calls fn with every inbound invoice q matches, in q's order,
// ignoring q.Offset and q.Limit. Rows are read from the database as fn
// takes them, one at a time, so an export of a million invoices holds one.
// It stops at fn's first error and returns it. fn runs while a read
// transaction is open: it may read the store, but a long pause in fn
// keeps the write-ahead log from being checkpointed.
func (db *DB) EachInbound(ctx context.Context, q app.InboundQuery, fn func(app.InboundInvoice) error) error {
	order, err := inboundOrder(q)
	if err != nil {
		return err
	}
	w := inboundWhere(q)
	var fnErr error
	err = db.eachRow(ctx, `SELECT `+inboundColumns+` FROM inbound_invoices`+w.sql()+order, w.args,
		func(inv app.InboundInvoice) error {
			fnErr = fn(inv)
			return fnErr
		})
	if err != nil && fnErr == nil {
		return fmt.Errorf("读取进项发票: %w", err)
	}
	return err
}

// eachRow runs query on the reader pool and scans each row for fn.
func (db *DB) eachRow(ctx context.Context, query string, args []any, fn func(app.InboundInvoice) error) error {
	rows, err := db.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		inv, err := scanInbound(rows)
		if err != nil {
			return err
		}
		if err := fn(inv); err != nil {
			return err
		}
	}
	return rows.Err()
}

// TotalInbound counts what q matches and sums its amounts, taxes and
// valid taxes exactly (integer cents); q's order and paging do not
// matter. Vouchers, which have no amount, count and add their taxes.
func (db *DB) TotalInbound(ctx context.Context, q app.InboundQuery) (app.InboundTotals, error) {
	w := inboundWhere(q)
	var (
		t                     app.InboundTotals
		amount, tax, validTax int64
	)
	err := db.reader.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(amount_cents), 0),
		COALESCE(SUM(tax_cents), 0), COALESCE(SUM(valid_tax_cents), 0)
		FROM inbound_invoices`+w.sql(), w.args...).Scan(&t.Count, &amount, &tax, &validTax)
	if err != nil {
		return t, fmt.Errorf("合计进项发票: %w", err)
	}
	t.Amount, t.Tax, t.ValidTax = decimalOfCents(amount), decimalOfCents(tax), decimalOfCents(validTax)
	return t, nil
}

// InboundByKey returns the inbound invoice stored under key with its
// recorded changes, oldest first, read in one snapshot. It returns an
// error wrapping app.ErrNotFound when there is none.
func (db *DB) InboundByKey(ctx context.Context, key string) (app.InboundInvoice, []app.InboundChange, error) {
	var (
		inv     app.InboundInvoice
		changes []app.InboundChange
	)
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		inv, err = scanInbound(tx.QueryRowContext(ctx, `SELECT `+inboundColumns+` FROM inbound_invoices WHERE key = ?`, key))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("进项发票 %s: %w", key, app.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("读取进项发票 %s: %w", key, err)
		}
		changes, err = inboundChanges(ctx, tx, key)
		return err
	})
	return inv, changes, err
}

func inboundChanges(ctx context.Context, tx *sql.Tx, key string) ([]app.InboundChange, error) {
	rows, err := tx.QueryContext(ctx, `SELECT at, field, from_value, to_value, run_id
		FROM inbound_changes WHERE key = ? ORDER BY id`, key)
	if err != nil {
		return nil, fmt.Errorf("读取进项发票 %s 的变更记录: %w", key, err)
	}
	defer rows.Close()
	var out []app.InboundChange
	for rows.Next() {
		var (
			c  app.InboundChange
			at string
		)
		if err := rows.Scan(&at, &c.Field, &c.From, &c.To, &c.RunID); err != nil {
			return nil, fmt.Errorf("读取进项发票 %s 的变更记录: %w", key, err)
		}
		if c.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
