package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// CheckInbound checks (勾选) the first n of nsrsbh's unchecked invoices
// (rzzt 10), as the company's clerk would at the bureau: from then on they
// are listed as checked (11; 40 once the sandbox clock is in a later
// month), checked now, with the same keys, so a resync sees them change.
// An empty nsrsbh checks n of every company's, as the control endpoint
// does without one. Only the count is stored (in sandbox.db, so it
// survives a restart); the invoices stay made up. It returns how many were
// checked: fewer than n when fewer are left unchecked.
func (s *Server) CheckInbound(nsrsbh string, n int) (int, error) {
	return s.checkInbound(context.Background(), nsrsbh, n)
}

// everyCompany is the tax_id of a check that applies to every company.
const everyCompany = ""

func (s *Server) checkInbound(ctx context.Context, taxID string, n int) (int, error) {
	if taxID != everyCompany {
		if err := app.ValidateTaxID(taxID); err != nil {
			return 0, fmt.Errorf("sandbox: tax ID: %w", err)
		}
	}
	if n < 1 {
		return 0, errors.New("sandbox: the number of invoices to check must be at least 1")
	}
	unchecked := blockOf(inboundBlocks(s.opts.InboundCount), app.InboundUnchecked).n
	var checked int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// A company's own checks and those of every company add up; a check
		// of every company counts only those.
		var done int
		err := tx.QueryRowContext(ctx,
			`SELECT COALESCE(SUM(count), 0) FROM inbound_checks WHERE tax_id = ? OR tax_id = ?`,
			taxID, everyCompany).Scan(&done)
		if err != nil {
			return err
		}
		checked = max(min(n, unchecked-done), 0)
		if checked == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO inbound_checks (tax_id, count, checked_at) VALUES (?, ?, ?)`,
			taxID, checked, s.now().UnixMilli())
		return err
	})
	return checked, err
}

// loadInboundChecks returns the checks that apply to the company — its own
// and those of every company — in the order they were made.
func (s *Server) loadInboundChecks(ctx context.Context, taxID string) ([]inboundCheck, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT count, checked_at FROM inbound_checks WHERE tax_id = ? OR tax_id = ? ORDER BY id`, taxID, everyCompany)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var checks []inboundCheck
	for rows.Next() {
		var ch inboundCheck
		var at int64
		if err := rows.Scan(&ch.count, &at); err != nil {
			return nil, err
		}
		ch.at = time.UnixMilli(at)
		checks = append(checks, ch)
	}
	return checks, rows.Err()
}
