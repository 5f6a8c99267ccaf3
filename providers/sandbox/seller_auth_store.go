package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// sellerAuth is one seller's standing with the bureau: when its clerk last
// scanned their face and last logged in to the e-tax bureau.
type sellerAuth struct {
	FaceVerifiedAt time.Time
	LoginAt        time.Time
}

// lapsedAt is the time a lapse records: long enough ago for any window.
var lapsedAt = time.UnixMilli(0)

// faceLapsed reports whether the face scan is older than validity at now.
func (a sellerAuth) faceLapsed(now time.Time, validity time.Duration) bool {
	return now.After(a.FaceVerifiedAt.Add(validity))
}

// loginLapsed reports whether the login is older than validity at now.
func (a sellerAuth) loginLapsed(now time.Time, validity time.Duration) bool {
	return now.After(a.LoginAt.Add(validity))
}

// authColumn is the SQL that sets one of seller_auth's times: for one
// seller, for every seller seen, and for the sellers still to come. The
// statements are constants because a column name cannot be a parameter.
type authColumn struct {
	setOne, setAll, setUnseen string
}

var (
	faceColumn = authColumn{
		setOne: `UPDATE seller_auth SET face_verified_at = ? WHERE tax_id = ?`,
		setAll: `UPDATE seller_auth SET face_verified_at = ?`,
		setUnseen: `INSERT INTO unseen_seller_auth (id, face_verified_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET face_verified_at = excluded.face_verified_at`,
	}
	loginColumn = authColumn{
		setOne: `UPDATE seller_auth SET login_at = ? WHERE tax_id = ?`,
		setAll: `UPDATE seller_auth SET login_at = ?`,
		setUnseen: `INSERT INTO unseen_seller_auth (id, login_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET login_at = excluded.login_at`,
	}
)

// seeSeller returns taxID's standing, recording it first if the seller is
// new: then it starts as unseen sellers do (by default scanned and logged in
// right now).
func (s *Server) seeSeller(ctx context.Context, taxID string) (sellerAuth, error) {
	a, err := s.loadSellerAuth(ctx, taxID)
	if !errors.Is(err, sql.ErrNoRows) {
		return a, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error { return s.ensureSeller(ctx, tx, taxID) })
	if err != nil {
		return a, err
	}
	return s.loadSellerAuth(ctx, taxID)
}

func (s *Server) loadSellerAuth(ctx context.Context, taxID string) (sellerAuth, error) {
	var face, login int64
	err := s.db.QueryRowContext(ctx, `SELECT face_verified_at, login_at FROM seller_auth WHERE tax_id = ?`,
		taxID).Scan(&face, &login)
	return sellerAuth{FaceVerifiedAt: time.UnixMilli(face), LoginAt: time.UnixMilli(login)}, err
}

// ensureSeller records taxID with the unseen sellers' defaults unless it is
// known already. A seller seen for the first time also finds, as a buyer,
// one red-letter form from the demo supplier waiting for its answer, so
// that the buyer side of a demo is not empty.
func (s *Server) ensureSeller(ctx context.Context, tx *sql.Tx, taxID string) error {
	var face, login sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT face_verified_at, login_at FROM unseen_seller_auth WHERE id = 1`).
		Scan(&face, &login)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	nowMS := s.now().UnixMilli()
	res, err := tx.ExecContext(ctx, `INSERT INTO seller_auth (tax_id, face_verified_at, login_at) VALUES (?, ?, ?)
		ON CONFLICT (tax_id) DO NOTHING`, taxID, orNow(face, nowMS), orNow(login, nowMS))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 || taxID == DemoSupplierTaxID {
		return err
	}
	_, err = s.seedIncomingTx(ctx, tx, taxID)
	return err
}

func orNow(v sql.NullInt64, nowMS int64) int64 {
	if v.Valid {
		return v.Int64
	}
	return nowMS
}

// setAuth sets col to at for taxID, or for every seller, seen or still to
// come, when taxID is "".
func (s *Server) setAuth(ctx context.Context, col authColumn, taxID string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.setAuthTx(ctx, tx, col, taxID, at) })
}

// setAuthTx is setAuth inside the caller's transaction.
func (s *Server) setAuthTx(ctx context.Context, tx *sql.Tx, col authColumn, taxID string, at time.Time) error {
	if taxID == "" {
		if _, err := tx.ExecContext(ctx, col.setAll, at.UnixMilli()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, col.setUnseen, at.UnixMilli())
		return err
	}
	if err := s.ensureSeller(ctx, tx, taxID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, col.setOne, at.UnixMilli(), taxID)
	return err
}
