package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// CreatePending stores inv as pending, with its lines and its outbox entry
// holding request (the exact bytes to be sent), in one transaction. It sets
// inv.ID, inv.Status and, when it was zero, inv.CreatedAt. A serial that is
// already stored is refused: a new issuance always gets a new serial.
func (db *DB) CreatePending(ctx context.Context, inv *app.Invoice, request []byte) error {
	if err := checkPending(inv, request); err != nil {
		return err
	}
	row := *inv
	row.Status, row.StatusMessage = app.StatusPending, ""
	if row.CreatedAt.IsZero() {
		row.CreatedAt = time.Now()
	}
	err := db.inWriteTx(ctx, func(tx writeTx) error {
		id, err := insertInvoice(ctx, tx, &row)
		if err != nil {
			return err
		}
		row.ID = id
		if err := insertLines(ctx, tx, id, row.Lines); err != nil {
			return err
		}
		return insertOutbox(ctx, tx, &row, request)
	})
	if err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("流水号 %s 已存在,不能重复保存: %w", inv.RequestSerial, err)
		}
		return fmt.Errorf("保存待开发票 %s: %w", inv.RequestSerial, err)
	}
	inv.ID, inv.Status, inv.StatusMessage = row.ID, row.Status, row.StatusMessage
	inv.CreatedAt = row.CreatedAt.In(app.ChinaTime)
	return nil
}

func checkPending(inv *app.Invoice, request []byte) error {
	switch {
	case inv.RequestSerial == "":
		return errors.New("待开发票缺少请求流水号")
	case len(inv.RequestSerial) > app.MaxSerialLength:
		return fmt.Errorf("请求流水号 %s 超过%d个字符", inv.RequestSerial, app.MaxSerialLength)
	case inv.Number != "":
		return fmt.Errorf("待开发票 %s 不应已有发票号码 %s", inv.RequestSerial, inv.Number)
	case len(request) == 0:
		return fmt.Errorf("待开发票 %s 缺少开票请求内容", inv.RequestSerial)
	}
	return nil
}

func insertInvoice(ctx context.Context, tx writeTx, inv *app.Invoice) (int64, error) {
	res, err := tx.ExecContext(ctx, insertInvoiceSQL, invoiceArgs(inv)...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

var sqlInsertOutbox = prepared(`INSERT INTO outbox
	(serial, invoice_id, request, state, attempts, last_error, created_at, updated_at)
	VALUES (?, ?, ?, 'open', 0, '', ?, ?)`)

func insertOutbox(ctx context.Context, tx writeTx, inv *app.Invoice, request []byte) error {
	now := formatTime(time.Now())
	_, err := tx.ExecContext(ctx, sqlInsertOutbox, inv.RequestSerial, inv.ID, request, now, now)
	return err
}
