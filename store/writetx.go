package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// writeStatements lists the SQL that write transactions run again and
// again. Open prepares each once on the writer's connection: for these
// small statements SQLite spends about as long parsing as running them.
var writeStatements []string

// prepared registers a write statement and returns it unchanged.
func prepared(query string) string {
	writeStatements = append(writeStatements, query)
	return query
}

// prepareWrites prepares the registered statements on the writer pool.
// It must run before any transaction: the pool has one connection, which a
// transaction holds.
func prepareWrites(ctx context.Context, writer *sql.DB) (map[string]*sql.Stmt, error) {
	stmts := make(map[string]*sql.Stmt, len(writeStatements))
	for _, q := range writeStatements {
		s, err := writer.PrepareContext(ctx, q)
		if err != nil {
			closeStatements(stmts)
			return nil, fmt.Errorf("准备语句 %.40q: %w", q, err)
		}
		stmts[q] = s
	}
	return stmts, nil
}

func closeStatements(stmts map[string]*sql.Stmt) error {
	var errs []error
	for _, s := range stmts {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// writeTx is a write transaction that runs registered statements from
// their prepared form and anything else as plain SQL.
type writeTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

// ExecContext runs query, prepared if it was registered.
func (tx writeTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s, ok := tx.stmts[query]; ok {
		return tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, query, args...)
}

// QueryContext runs query, prepared if it was registered.
func (tx writeTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s, ok := tx.stmts[query]; ok {
		return tx.StmtContext(ctx, s).QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query, prepared if it was registered.
func (tx writeTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s, ok := tx.stmts[query]; ok {
		return tx.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, query, args...)
}

// statement returns query as a statement of the transaction, for a loop
// that runs it many times: one lookup of the prepared form instead of one
// per row. The transaction closes it when it ends.
func (tx writeTx) statement(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := tx.stmts[query]; ok {
		return tx.StmtContext(ctx, s), nil
	}
	return tx.PrepareContext(ctx, query)
}

// querier is what reading an invoice's lines needs, in a read or a write
// transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
