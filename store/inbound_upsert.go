package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fapiao/app"
)

// UpsertInbound stores a page of inbound invoices by key in one
// transaction: a new key is inserted; a stored one is compared column by
// column and, when anything differs, rewritten, with each change of its
// check status or state recorded in inbound_changes under runID; an
// identical one is left alone. Storing the same page again therefore
// changes nothing, however often a sync runs.
//
// The page is converted before the write lock is taken, and an invoice
// that cannot be stored exactly (money with more than two decimals, no
// key) refuses the whole page with an error naming it: a page is stored
// whole or not at all.
func (db *DB) UpsertInbound(ctx context.Context, page []app.InboundInvoice, runID int64) (app.UpsertResult, error) {
	if len(page) == 0 {
		return app.UpsertResult{}, nil
	}
	rows := make([][]any, len(page))
	keys := make([]string, len(page))
	for i := range page {
		var err error
		if rows[i], err = inboundArgs(&page[i]); err != nil {
			return app.UpsertResult{}, err
		}
		keys[i] = page[i].Key
	}
	keyList, err := json.Marshal(keys)
	if err != nil {
		return app.UpsertResult{}, err
	}
	var result app.UpsertResult
	err = db.inWriteTx(ctx, func(tx writeTx) error {
		u, err := newInboundUpserter(ctx, tx, runID, string(keyList))
		if err != nil {
			return err
		}
		for _, args := range rows {
			if err := u.upsert(ctx, args); err != nil {
				return fmt.Errorf("进项发票 %s: %w", args[0], err)
			}
		}
		result = u.result
		return nil
	})
	if err != nil {
		return app.UpsertResult{}, fmt.Errorf("保存进项发票(%d 张): %w", len(page), err)
	}
	return result, nil
}

// The insert and the update take inboundArgs' values as ?1…?36 (?1 is
// the key); the update adds the row's id as ?37 and writes only when a
// column differs, so that one statement both compares and updates. IS,
// unlike =, is true for two NULLs (a voucher's amount).
var (
	sqlInboundStored = prepared(`SELECT key, id, check_status, state FROM inbound_invoices
		WHERE key IN (SELECT value FROM json_each(?))`)
	sqlInboundInsert = prepared(`INSERT INTO inbound_invoices (` + inboundColumns + `)
		VALUES (` + numberedParams(1, len(inboundFields)) + `)`)
	sqlInboundUpdate = prepared(`UPDATE inbound_invoices SET ` + setFromArgs() +
		fmt.Sprintf(` WHERE id = ?%d AND NOT (%s)`, len(inboundFields)+1, sameAsArgs()))
	sqlInboundChange = prepared(`INSERT INTO inbound_changes (key, at, field, from_value, to_value, run_id)
		VALUES (?, ?, ?, ?, ?, ?)`)
)

// sameAsArgs is true when every stored column equals its argument.
func sameAsArgs() string {
	conds := make([]string, 0, len(inboundFields)-1)
	for i, f := range inboundFields[1:] {
		conds = append(conds, fmt.Sprintf("%s IS ?%d", f, i+2))
	}
	return strings.Join(conds, " AND ")
}

func setFromArgs() string {
	sets := make([]string, 0, len(inboundFields)-1)
	for i, f := range inboundFields[1:] {
		sets = append(sets, fmt.Sprintf("%s = ?%d", f, i+2))
	}
	return strings.Join(sets, ", ")
}

// numberedParams is "?from, …, ?to".
func numberedParams(from, to int) string {
	params := make([]string, 0, to-from+1)
	for i := from; i <= to; i++ {
		params = append(params, fmt.Sprintf("?%d", i))
	}
	return strings.Join(params, ", ")
}

// knownInbound is what the upsert needs of a stored invoice: where it is
// and the values whose changes are recorded.
type knownInbound struct {
	id                 int64
	checkStatus, state string
}

// inboundUpserter stores the rows of one page with the transaction's
// prepared statements and counts what it did. It looks the page's keys up
// in one query first: a first sync then spends no lookup per invoice, and
// a sync of known invoices one statement each, the update that writes
// only when something changed.
type inboundUpserter struct {
	insert, update, change *sql.Stmt
	stored                 map[string]knownInbound
	runID                  int64
	at                     string // one time for the page's changes
	result                 app.UpsertResult
}

func newInboundUpserter(ctx context.Context, tx writeTx, runID int64, keyList string) (*inboundUpserter, error) {
	u := &inboundUpserter{runID: runID, at: formatTime(time.Now()), stored: map[string]knownInbound{}}
	for _, s := range []struct {
		dst   **sql.Stmt
		query string
	}{{&u.insert, sqlInboundInsert}, {&u.update, sqlInboundUpdate}, {&u.change, sqlInboundChange}} {
		var err error
		if *s.dst, err = tx.statement(ctx, s.query); err != nil {
			return nil, err
		}
	}
	rows, err := tx.QueryContext(ctx, sqlInboundStored, keyList)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			key string
			s   knownInbound
		)
		if err := rows.Scan(&key, &s.id, &s.checkStatus, &s.state); err != nil {
			return nil, err
		}
		u.stored[key] = s
	}
	return u, rows.Err()
}

// upsert stores one row of inboundArgs. A key the page holds twice is
// stored, then compared with what was stored, as if in two pages.
func (u *inboundUpserter) upsert(ctx context.Context, args []any) error {
	key := args[0].(string)
	now := knownInbound{checkStatus: args[argCheckStatus].(string), state: args[argState].(string)}
	old, found := u.stored[key]
	if !found {
		res, err := u.insert.ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		if now.id, err = res.LastInsertId(); err != nil {
			return err
		}
		u.stored[key] = now
		u.result.Inserted++
		return nil
	}
	res, err := u.update.ExecContext(ctx, append(args, old.id)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		u.result.Unchanged++
		return err
	}
	now.id = old.id
	u.stored[key] = now
	u.result.Updated++
	if err := u.record(ctx, key, "check_status", old.checkStatus, now.checkStatus); err != nil {
		return err
	}
	return u.record(ctx, key, "state", old.state, now.state)
}

// record writes a change of field, if there was one.
func (u *inboundUpserter) record(ctx context.Context, key, field, from, to string) error {
	if to == from {
		return nil
	}
	_, err := u.change.ExecContext(ctx, key, u.at, field, from, to, u.runID)
	return err
}
