package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// MarkIssued records the number, date and check code the provider assigned
// to serial, closes its outbox entry and remembers its buyer and items for
// autocomplete, all in one transaction. A red invoice (BlueNumber set) is
// not remembered: it reverses a sale rather than making one, and its
// negative figures must never be offered as a default.
//
// It is idempotent: recording the same number again succeeds and changes
// nothing. A different number for a serial that already has one is refused;
// an issued number is never overwritten. An unknown serial gives an error
// wrapping app.ErrNotFound. Any earlier status (even rejected) gives way:
// the provider saying it issued the invoice is the final word.
func (db *DB) MarkIssued(ctx context.Context, serial string, result app.IssueResult) error {
	if result.Number == "" {
		return fmt.Errorf("流水号 %s:开具结果缺少发票号码", serial)
	}
	issuedAt := result.IssuedAt
	if issuedAt.IsZero() {
		// The provider said it issued but gave no date; recording the
		// number matters more than the exact second, so use the time we
		// learned of it.
		issuedAt = time.Now()
	}
	err := db.inWriteTx(ctx, func(tx writeTx) error {
		cur, err := currentState(ctx, tx, serial)
		if err != nil {
			return err
		}
		switch {
		case cur.number == result.Number:
			return nil // already recorded
		case cur.number != "":
			return fmt.Errorf("流水号 %s 已记录发票号码 %s,拒绝改为 %s", serial, cur.number, result.Number)
		}
		if err := setIssued(ctx, tx, cur.id, result, issuedAt); err != nil {
			return err
		}
		if cur.blueNumber != "" {
			return nil
		}
		return rememberCatalog(ctx, tx, cur.id, issuedAt)
	})
	if err != nil && isUniqueViolation(err) {
		return fmt.Errorf("发票号码 %s 已属于另一张发票,不能记到流水号 %s: %w", result.Number, serial, err)
	}
	return err
}

// invoiceState is what a status change needs to know about an invoice.
type invoiceState struct {
	id         int64
	number     string
	status     app.Status
	blueNumber string // set on a red invoice
}

var sqlCurrentState = prepared(`SELECT id, number, status, blue_number FROM invoices WHERE request_serial = ?`)

func currentState(ctx context.Context, tx writeTx, serial string) (invoiceState, error) {
	var (
		st     invoiceState
		number sql.NullString
		status string
	)
	err := tx.QueryRowContext(ctx, sqlCurrentState, serial).
		Scan(&st.id, &number, &status, &st.blueNumber)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("流水号 %s 的发票: %w", serial, app.ErrNotFound)
	}
	st.number, st.status = number.String, app.Status(status)
	return st, err
}

var (
	sqlSetIssued = prepared(`UPDATE invoices
		SET status = 'issued', number = ?, code = ?, issued_at = ?, check_code = ?, status_message = ''
		WHERE id = ?`)
	sqlCloseOutbox = prepared(`UPDATE outbox SET state = 'done', updated_at = ? WHERE invoice_id = ?`)
)

func setIssued(ctx context.Context, tx writeTx, id int64, result app.IssueResult, issuedAt time.Time) error {
	if _, err := tx.ExecContext(ctx, sqlSetIssued, result.Number, result.Code, formatTime(issuedAt), result.CheckCode, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, sqlCloseOutbox, formatTime(time.Now()), id)
	return err
}
