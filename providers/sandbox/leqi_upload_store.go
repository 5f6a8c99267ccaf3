package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// Processing states of an upload (clzt).
const (
	clztProcessing = "01" // 处理中
	clztAccepted   = "02" // 成功: the invoice is issued
	clztRejected   = "03" // 失败: refused, cwxx says why
)

// uploadRecord is an upload as the bureau keeps it: what identifies it, and
// the verdict decided when it arrived.
type uploadRecord struct {
	ID         int64
	Ticket     string // sllsh
	TaxID      string
	Number     string // fphm as sent
	Serial     string // fpqqlsh as sent
	IssuedAt   string // kprq as sent
	UploadedAt time.Time
	State      string // clztAccepted or clztRejected
	Message    string // cwxx of a rejection
}

// verdict is what the bureau decided of an upload.
type verdict struct {
	state     string        // clztAccepted or clztRejected
	message   string        // cwxx of a rejection
	invoiceID sql.NullInt64 // the invoice an accepted upload issued
}

// storeUpload judges an upload and stores it, and the invoice when it is
// accepted, in one transaction. An upload of the same number under the
// same serial was stored before: it is answered again (fresh false) and
// nothing is judged or stored anew.
func (s *Server) storeUpload(ctx context.Context, taxID string, u uploadInvoice) (rec uploadRecord, fresh bool, err error) {
	now := s.now()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		rec, err = scanUpload(tx.QueryRowContext(ctx, selectUpload+`
			WHERE tax_id = ? AND number = ? AND serial = ?`, taxID, u.Number, u.Serial))
		if !errors.Is(err, sql.ErrNoRows) {
			return err // found (nil), or the database failed
		}
		v, err := s.judgeAndIssue(ctx, tx, taxID, u, now)
		if err != nil {
			return err
		}
		rec = uploadRecord{TaxID: taxID, Number: u.Number, Serial: u.Serial, IssuedAt: u.IssuedAt,
			UploadedAt: now, State: v.state, Message: v.message}
		fresh = true
		return insertUpload(ctx, tx, &rec, v.invoiceID)
	})
	return rec, fresh, err
}

// judgeAndIssue decides an upload's verdict and, when it is accepted,
// stores the invoice as an issued one of the seller's — the same rows
// blueTicket writes, so invoiceQueryMx, getInvoicePdfOfd and the credit
// line see it. An error is the database's: rejections are verdicts.
func (s *Server) judgeAndIssue(ctx context.Context, tx *sql.Tx, taxID string, u uploadInvoice, now time.Time) (verdict, error) {
	inv, err := checkUploadInvoice(taxID, u, now)
	if err != nil {
		return verdict{state: clztRejected, message: err.Error()}, nil
	}
	err = checkUploadNumber(ctx, tx, taxID, inv)
	var rf *refusal
	switch {
	case errors.As(err, &rf) || errors.Is(err, errDuplicateSerial):
		return verdict{state: clztRejected, message: err.Error()}, nil
	case err != nil:
		return verdict{}, err
	}
	inv.Username = s.opts.LeqiPlatform // the access unit issued it: this channel has no 局端账号
	if inv.FileToken, err = newToken(); err != nil {
		return verdict{}, err
	}
	id, err := insertInvoice(ctx, tx, &inv)
	if err != nil {
		return verdict{}, err
	}
	if err := insertLines(ctx, tx, id, inv.Lines, nil); err != nil {
		return verdict{}, err
	}
	return verdict{state: clztAccepted, invoiceID: sql.NullInt64{Int64: id, Valid: true}}, nil
}

// selectUpload reads the columns scanUpload takes.
const selectUpload = `
	SELECT id, ticket, tax_id, number, serial, issued_at, uploaded_at, state, message FROM leqi_uploads`

func scanUpload(row *sql.Row) (uploadRecord, error) {
	var rec uploadRecord
	var uploadedAt int64
	err := row.Scan(&rec.ID, &rec.Ticket, &rec.TaxID, &rec.Number, &rec.Serial, &rec.IssuedAt,
		&uploadedAt, &rec.State, &rec.Message)
	rec.UploadedAt = time.UnixMilli(uploadedAt)
	return rec, err
}

// insertUpload stores rec, giving it its id and its ticket: the day it
// arrived and the id, 20 digits that never repeat.
func insertUpload(ctx context.Context, tx *sql.Tx, rec *uploadRecord, invoiceID sql.NullInt64) error {
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM leqi_uploads`).Scan(&rec.ID); err != nil {
		return fmt.Errorf("number the upload: %w", err)
	}
	rec.Ticket = rec.UploadedAt.In(app.ChinaTime).Format("20060102") + fmt.Sprintf("%012d", rec.ID)
	_, err := tx.ExecContext(ctx, `
		INSERT INTO leqi_uploads (id, ticket, tax_id, number, serial, issued_at, uploaded_at, state, message, invoice_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rec.ID, rec.Ticket, rec.TaxID, rec.Number, rec.Serial, rec.IssuedAt, rec.UploadedAt.UnixMilli(),
		rec.State, rec.Message, invoiceID)
	if err != nil {
		return fmt.Errorf("store upload: %w", err)
	}
	return nil
}

// findUpload loads the seller's upload by ticket, or — without one — the
// latest upload of number, an accepted one first. sql.ErrNoRows when none.
func findUpload(ctx context.Context, q queryer, taxID, ticket, number string) (uploadRecord, error) {
	if ticket != "" {
		return scanUpload(q.QueryRowContext(ctx, selectUpload+` WHERE tax_id = ? AND ticket = ?`, taxID, ticket))
	}
	return scanUpload(q.QueryRowContext(ctx, selectUpload+`
		WHERE tax_id = ? AND number = ? ORDER BY state = ? DESC, id DESC LIMIT 1`, taxID, number, clztAccepted))
}
