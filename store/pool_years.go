package store

import (
	"context"
	"database/sql"
	"fmt"

	"fapiao/app"
)

// PoolYears reports every year that has segments, newest year first, each
// with its segments in the order they were granted (stored).
//
// It reads no table row of pool_numbers: a year's size is the sum of its
// segments' counts, what remains and what expired are counted in their
// partial indexes, and used is the difference. That holds because
// AddSegment stores a segment and all its numbers in one transaction, and
// it keeps the dashboard quick with a million numbers in the pool.
func (db *DB) PoolYears(ctx context.Context) ([]app.YearPool, error) {
	var out []app.YearPool
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = yearsOfSegments(ctx, tx); err != nil {
			return err
		}
		remaining, err := countPerYear(ctx, tx, sqlRemainingPerYear)
		if err != nil {
			return err
		}
		expired, err := countPerYear(ctx, tx, sqlExpiredPerYear)
		if err != nil {
			return err
		}
		for i := range out {
			y := &out[i]
			y.Remaining, y.Expired = remaining[y.Year], expired[y.Year]
			y.Used -= y.Remaining + y.Expired
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("统计预赋码: %w", err)
	}
	return out, nil
}

// Each WHERE is a partial index's, word for word, so that the count reads
// that index alone: pool_numbers_free, pool_numbers_expired.
const (
	sqlRemainingPerYear = `SELECT year, COUNT(*) FROM pool_numbers
		WHERE serial IS NULL AND expired = 0 GROUP BY year`
	sqlExpiredPerYear = `SELECT year, COUNT(*) FROM pool_numbers WHERE expired = 1 GROUP BY year`
)

// yearsOfSegments groups the segments by year, newest year first, with
// each year's size in Used for PoolYears to subtract from.
func yearsOfSegments(ctx context.Context, tx *sql.Tx) ([]app.YearPool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+segmentColumns+` FROM number_segments ORDER BY year DESC, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []app.YearPool
	for rows.Next() {
		s, err := scanSegment(rows)
		if err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Year != s.Year {
			out = append(out, app.YearPool{Year: s.Year})
		}
		y := &out[len(out)-1]
		y.Segments = append(y.Segments, s)
		y.Used += s.Count
	}
	return out, rows.Err()
}

func countPerYear(ctx context.Context, tx *sql.Tx, query string) (map[int]int64, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[int]int64{}
	for rows.Next() {
		var (
			year  int
			count int64
		)
		if err := rows.Scan(&year, &count); err != nil {
			return nil, err
		}
		counts[year] = count
	}
	return counts, rows.Err()
}
