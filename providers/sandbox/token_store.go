package sandbox

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"
)

// Tokens are stored hashed: whoever reads sandbox.db learns no usable token.

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// saveToken stores a new token and forgets the expired ones.
func (s *Server) saveToken(ctx context.Context, token string, expires time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tokens WHERE expires_at <= ?`, s.now().UnixMilli()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens (token_hash, expires_at) VALUES (?, ?)`,
			tokenHash(token), expires.UnixMilli())
		return err
	})
}

// tokenValid reports whether token exists and has not expired at now.
func (s *Server) tokenValid(ctx context.Context, token string, now time.Time) (bool, error) {
	var expires int64
	err := s.db.QueryRowContext(ctx, `SELECT expires_at FROM tokens WHERE token_hash = ?`, tokenHash(token)).Scan(&expires)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return now.UnixMilli() < expires, nil
}
