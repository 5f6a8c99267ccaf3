package sandbox

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"time"
)

// smsCodeLifetime is how long a sent SMS code can be used.
const smsCodeLifetime = 5 * time.Minute

// Refusals of loginDppt's second steps, worded as the bureau words them.
var (
	errBadSMSCode     = errors.New("短信验证码错误或已过期")
	errLoginQRUnknown = errors.New("二维码(ewmid)不存在或已失效,请重新获取二维码")
	errLoginQRKind    = errors.New("二维码类型(ewmlx)与获取二维码时不一致")
	errLoginQRExpired = errors.New("二维码已过期,请重新获取二维码")
	errLoginQRPending = errors.New("二维码尚未扫描确认,请扫码后重试")
)

// loginQR is one login QR code the bureau issued.
type loginQR struct {
	ID        string // ewmid
	TaxID     string
	Kind      string // ewmlx: 1 or 10
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// saveSMSSent records that a code was sent to taxID's clerk at sentAt; a
// new send replaces the one before.
func (s *Server) saveSMSSent(ctx context.Context, taxID string, sentAt time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sms_codes (tax_id, sent_at) VALUES (?, ?)
		ON CONFLICT (tax_id) DO UPDATE SET sent_at = excluded.sent_at`, taxID, sentAt.UnixMilli())
	return err
}

// loginWithSMS logs taxID in at now when code is the one sent within
// smsCodeLifetime. The code is used up, in the same transaction as the login.
func (s *Server) loginWithSMS(ctx context.Context, taxID, code string, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var sent int64
		err := tx.QueryRowContext(ctx, `SELECT sent_at FROM sms_codes WHERE tax_id = ?`, taxID).Scan(&sent)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return errBadSMSCode
		case err != nil:
			return err
		case subtle.ConstantTimeCompare([]byte(code), []byte(DemoSMSCode)) != 1,
			now.Sub(time.UnixMilli(sent)) > smsCodeLifetime:
			return errBadSMSCode
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sms_codes WHERE tax_id = ?`, taxID); err != nil {
			return err
		}
		return s.setAuthTx(ctx, tx, loginColumn, taxID, now)
	})
}

// saveLoginQR stores a new login QR code, forgetting long-expired ones.
func (s *Server) saveLoginQR(ctx context.Context, q loginQR) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cutoff := q.IssuedAt.Add(-qrRetention).UnixMilli()
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_qrs WHERE expires_at < ?`, cutoff); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO login_qrs (qr_id, tax_id, kind, issued_at, expires_at)
			VALUES (?, ?, ?, ?, ?)`, q.ID, q.TaxID, q.Kind, q.IssuedAt.UnixMilli(), q.ExpiresAt.UnixMilli())
		return err
	})
}

// completeQRLogin logs taxID in at now if its login QR code id of kind was
// scanned; the code is used up in the same transaction. A code another
// seller asked for counts as unknown.
func (s *Server) completeQRLogin(ctx context.Context, id, taxID, kind string, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var owner, issuedKind string
		var expires int64
		var scanned sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT tax_id, kind, expires_at, scanned_at FROM login_qrs WHERE qr_id = ?`,
			id).Scan(&owner, &issuedKind, &expires, &scanned)
		switch {
		case errors.Is(err, sql.ErrNoRows) || err == nil && owner != taxID:
			return errLoginQRUnknown
		case err != nil:
			return err
		case issuedKind != kind:
			return errLoginQRKind
		case !scanned.Valid && now.After(time.UnixMilli(expires)):
			return errLoginQRExpired
		case !scanned.Valid:
			return errLoginQRPending
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_qrs WHERE qr_id = ?`, id); err != nil {
			return err
		}
		return s.setAuthTx(ctx, tx, loginColumn, taxID, now)
	})
}

// scanLoginQR records that the clerk confirmed login QR code id on the
// phone at now. It returns the seller's tax ID.
func (s *Server) scanLoginQR(ctx context.Context, id string, now time.Time) (taxID string, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var expires int64
		err := tx.QueryRowContext(ctx, `SELECT tax_id, expires_at FROM login_qrs WHERE qr_id = ?`, id).
			Scan(&taxID, &expires)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return ErrUnknownQR
		case err != nil:
			return err
		case now.After(time.UnixMilli(expires)):
			return ErrQRExpired
		}
		_, err = tx.ExecContext(ctx, `UPDATE login_qrs SET scanned_at = ? WHERE qr_id = ?`, now.UnixMilli(), id)
		return err
	})
	return taxID, err
}
