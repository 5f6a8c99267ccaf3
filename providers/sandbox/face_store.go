package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"fapiao/app"
)

// The bureau's limits on new face QR codes, per seller.
const (
	faceQRMinInterval = time.Minute
	faceQRPerDay      = 20 // per China calendar day
)

// Refusals of getFaceImg's limits, worded as the bureau words them.
var (
	errFaceQRTooSoon    = errors.New("获取人脸二维码过于频繁,请1分钟后再试")
	errFaceQRDailyLimit = errors.New("今日获取人脸二维码次数已达上限(20次)")
)

// qrRetention is how long issued QR codes are kept: past the day whose
// count they belong to, so a scan of a recently expired one still answers
// "expired" rather than "unknown".
const qrRetention = 48 * time.Hour

// faceQR is one face-authentication QR code the bureau issued.
type faceQR struct {
	AuthID    string // rzid
	TaxID     string // nsrsbh
	App       string // emwly: swj or grsds
	Content   string // ewm
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// saveFaceQR stores q unless the seller's limits refuse it: one a minute,
// faceQRPerDay a day. Checking and storing are one transaction, so two
// concurrent requests cannot both slip under a limit.
func (s *Server) saveFaceQR(ctx context.Context, q faceQR) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := q.IssuedAt
		cutoff := now.Add(-qrRetention).UnixMilli()
		if _, err := tx.ExecContext(ctx, `DELETE FROM face_qrs WHERE issued_at < ? AND expires_at < ?`,
			cutoff, cutoff); err != nil {
			return err
		}
		var today, last int64
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(issued_at >= ?), 0), COALESCE(MAX(issued_at), 0)
			FROM face_qrs WHERE tax_id = ?`, chinaDayStart(now).UnixMilli(), q.TaxID).Scan(&today, &last)
		switch {
		case err != nil:
			return err
		case today >= faceQRPerDay:
			return errFaceQRDailyLimit
		case last != 0 && now.Sub(time.UnixMilli(last)) < faceQRMinInterval:
			return errFaceQRTooSoon
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO face_qrs (auth_id, tax_id, app, content, issued_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, q.AuthID, q.TaxID, q.App, q.Content, q.IssuedAt.UnixMilli(), q.ExpiresAt.UnixMilli())
		return err
	})
}

// chinaDayStart is midnight in China of the day t falls on there.
func chinaDayStart(t time.Time) time.Time {
	y, m, d := t.In(app.ChinaTime).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, app.ChinaTime)
}

// scanFaceQR records a scan of QR code authID at now: its seller counts as
// face-authenticated from now on. It returns the seller's tax ID.
func (s *Server) scanFaceQR(ctx context.Context, authID string, now time.Time) (taxID string, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var expires int64
		err := tx.QueryRowContext(ctx, `SELECT tax_id, expires_at FROM face_qrs WHERE auth_id = ?`, authID).
			Scan(&taxID, &expires)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return ErrUnknownQR
		case err != nil:
			return err
		case now.After(time.UnixMilli(expires)):
			return ErrQRExpired
		}
		return s.setAuthTx(ctx, tx, faceColumn, taxID, now)
	})
	return taxID, err
}
