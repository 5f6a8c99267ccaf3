package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// PendingDownload returns the download begun and not yet stored, or an
// error wrapping app.ErrNotFound when there is none.
func (db *DB) PendingDownload(ctx context.Context) (app.PendingDownload, error) {
	var (
		d         app.PendingDownload
		startedAt string
	)
	err := db.reader.QueryRowContext(ctx, `SELECT serial, quantity, started_at FROM pending_download WHERE id = 1`).
		Scan(&d.Serial, &d.Quantity, &startedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("未完成的号码段下载: %w", app.ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("读取未完成的号码段下载: %w", err)
	}
	d.StartedAt, err = parseTime(startedAt)
	return d, err
}

// BeginDownload stores d before its request is sent, setting d.StartedAt
// to now when it is zero. Beginning the pending download again (same
// serial) succeeds and changes nothing. A download under another serial is
// refused while one is pending: replacing it would forget a serial the
// bureau may have granted a segment under.
func (db *DB) BeginDownload(ctx context.Context, d app.PendingDownload) error {
	if d.Serial == "" {
		return errors.New("号码段下载缺少业务流水号(ywlsh)")
	}
	if d.Quantity <= 0 || d.Quantity > app.MaxSegmentSize {
		return fmt.Errorf("号码段下载(业务流水号 %s)的数量 %d 无效:应为 1 到 %d", d.Serial, d.Quantity, app.MaxSegmentSize)
	}
	if d.StartedAt.IsZero() {
		d.StartedAt = time.Now()
	}
	return db.inWriteTx(ctx, func(tx writeTx) error {
		var pending string
		err := tx.QueryRowContext(ctx, sqlPendingSerial).Scan(&pending)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, sqlInsertPending, d.Serial, d.Quantity, formatTime(d.StartedAt))
			return err
		case err != nil:
			return err
		case pending != d.Serial:
			return fmt.Errorf("已有未完成的号码段下载(业务流水号 %s),须先完成它,不能另起业务流水号 %s", pending, d.Serial)
		}
		return nil
	})
}

var (
	sqlPendingSerial = prepared(`SELECT serial FROM pending_download WHERE id = 1`)
	sqlInsertPending = prepared(`INSERT INTO pending_download (id, serial, quantity, started_at) VALUES (1, ?, ?, ?)`)
	sqlEndDownload   = prepared(`DELETE FROM pending_download WHERE serial = ?`)
)

// endDownload forgets the pending download of serial, if it is pending:
// its segment is stored in the same transaction.
func endDownload(ctx context.Context, tx writeTx, serial string) error {
	_, err := tx.ExecContext(ctx, sqlEndDownload, serial)
	return err
}
