package store

import (
	"context"
	"fmt"
	"time"

	"fapiao/app"
)

// MarkStatus moves serial's invoice to status (pending, unknown, held or
// rejected) with message, and records the attempt on its outbox entry
// (attempts+1, last_error). The entry stays open while the status is open
// (app.Status.Open) and is closed by rejected. An issued invoice is never
// moved back: that is refused, as is using MarkStatus to issue.
func (db *DB) MarkStatus(ctx context.Context, serial string, status app.Status, message string) error {
	switch status {
	case app.StatusPending, app.StatusUnknown, app.StatusHeld, app.StatusRejected:
	case app.StatusIssued:
		return fmt.Errorf("流水号 %s:开具成功须通过 MarkIssued 记录发票号码", serial)
	default:
		return fmt.Errorf("流水号 %s:未知的发票状态 %q", serial, status)
	}
	return db.inWriteTx(ctx, func(tx writeTx) error {
		cur, err := currentState(ctx, tx, serial)
		if err != nil {
			return err
		}
		if cur.status == app.StatusIssued {
			return fmt.Errorf("流水号 %s 的发票已开具(号码 %s),不能改为“%s”", serial, cur.number, status.Label())
		}
		if _, err := tx.ExecContext(ctx, sqlSetStatus, string(status), message, cur.id); err != nil {
			return err
		}
		return recordAttempt(ctx, tx, cur.id, status, message)
	})
}

var (
	sqlSetStatus     = prepared(`UPDATE invoices SET status = ?, status_message = ? WHERE id = ?`)
	sqlRecordAttempt = prepared(`UPDATE outbox
		SET attempts = attempts + 1, last_error = ?, state = ?, updated_at = ?
		WHERE invoice_id = ?`)
)

func recordAttempt(ctx context.Context, tx writeTx, invoiceID int64, status app.Status, message string) error {
	state := "done"
	if status.Open() {
		state = "open"
	}
	_, err := tx.ExecContext(ctx, sqlRecordAttempt, message, state, formatTime(time.Now()), invoiceID)
	return err
}
