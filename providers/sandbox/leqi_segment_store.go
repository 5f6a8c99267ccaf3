package sandbox

import (
	"context"
	"database/sql"
	"errors"
)

// grantSegment grants count numbers of the current year to taxID under the
// business serial, in one transaction with the counter blueTicket numbers
// from: no number is ever granted twice, nor issued by blueTicket. A serial
// granted before answers its segment again (fresh false), whatever count
// says now: that is what makes a retry after a lost answer safe. A serial
// another seller was granted under is refused.
func (s *Server) grantSegment(ctx context.Context, taxID, serial string, count int64) (g segmentGrant, fresh bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		g, err = grantedUnder(ctx, tx, serial)
		switch {
		case err == nil && g.TaxID != taxID:
			return refuseLeqi(leqiSerialTaken, "业务流水号(ywlsh)%s 已用于其他纳税人的预赋码申请", serial)
		case err == nil:
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		now := s.now()
		ns := seriesOf(now, taxID, leqiChannel)
		first, last, err := ns.reserve(ctx, tx, count)
		if err != nil {
			return err
		}
		g = segmentGrant{TaxID: taxID, First: ns.number(first), Last: ns.number(last), Count: count}
		fresh = true
		_, err = tx.ExecContext(ctx, `
			INSERT INTO leqi_segments (serial, tax_id, first, last, count, granted_at) VALUES (?, ?, ?, ?, ?, ?)`,
			serial, taxID, g.First, g.Last, g.Count, now.UnixMilli())
		return err
	})
	return g, fresh, err
}

// grantedUnder loads the segment granted under serial; sql.ErrNoRows when none.
func grantedUnder(ctx context.Context, q queryer, serial string) (segmentGrant, error) {
	var g segmentGrant
	err := q.QueryRowContext(ctx, `SELECT tax_id, first, last, count FROM leqi_segments WHERE serial = ?`, serial).
		Scan(&g.TaxID, &g.First, &g.Last, &g.Count)
	return g, err
}

// grantedTo reports whether number lies in a segment granted to taxID.
// Both are 20-digit strings, so text order is number order.
func grantedTo(ctx context.Context, q queryer, taxID, number string) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx, `
		SELECT 1 FROM leqi_segments WHERE tax_id = ? AND first <= ? AND last >= ? LIMIT 1`,
		taxID, number, number).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
