package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// TakeNumber returns the number bound to serial, with the time it was
// bound, or else binds the lowest unused, unexpired number of year to
// serial at time at. It runs in one write transaction, whose lock is taken
// at BEGIN (immediate), so two callers — goroutines or processes — never
// both see a number as free: no number is ever bound twice. It returns
// app.ErrPoolEmpty when year has no number left.
func (db *DB) TakeNumber(ctx context.Context, year int, serial string, at time.Time) (app.PoolNumber, error) {
	if err := checkBinding(serial, at); err != nil {
		return app.PoolNumber{}, err
	}
	var pn app.PoolNumber
	err := db.inWriteTx(ctx, func(tx writeTx) error {
		var err error
		pn, err = scanPoolNumber(tx.QueryRowContext(ctx, sqlNumberOfSerial, serial))
		if !errors.Is(err, sql.ErrNoRows) {
			return err // bound before, or a failure
		}
		boundAt := formatTime(at)
		err = tx.QueryRowContext(ctx, sqlBindLowest, serial, boundAt, year).Scan(&pn.Number)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%d 年度: %w", year, app.ErrPoolEmpty)
		}
		if err != nil {
			return err
		}
		// The stored text read back, so that this answer and every later
		// one for serial are the same time to the nanosecond.
		pn.BoundAt, err = parseTime(boundAt)
		return err
	})
	if err != nil && !errors.Is(err, app.ErrPoolEmpty) {
		return pn, fmt.Errorf("为流水号 %s 分配预赋码: %w", serial, err)
	}
	return pn, err
}

func checkBinding(serial string, at time.Time) error {
	switch {
	case serial == "":
		return errors.New("分配预赋码缺少请求流水号")
	case len(serial) > app.MaxSerialLength:
		return fmt.Errorf("请求流水号 %s 超过%d个字符", serial, app.MaxSerialLength)
	case at.IsZero():
		return fmt.Errorf("为流水号 %s 分配预赋码缺少开票时间", serial)
	}
	return nil
}

var (
	// serial = ? implies serial IS NOT NULL, so this is a seek in the
	// partial index pool_numbers_serial.
	sqlNumberOfSerial = prepared(`SELECT number, bound_at FROM pool_numbers WHERE serial = ?`)
	// The inner SELECT's WHERE is pool_numbers_free's, word for word: the
	// lowest free number of the year is the first entry after (year).
	sqlBindLowest = prepared(`UPDATE pool_numbers SET serial = ?, bound_at = ?
		WHERE number = (SELECT number FROM pool_numbers
			WHERE year = ? AND serial IS NULL AND expired = 0 ORDER BY number LIMIT 1)
		RETURNING number`)
)

func scanPoolNumber(row scanner) (app.PoolNumber, error) {
	var (
		pn      app.PoolNumber
		boundAt string
	)
	if err := row.Scan(&pn.Number, &boundAt); err != nil {
		return pn, err
	}
	var err error
	pn.BoundAt, err = parseTime(boundAt)
	return pn, err
}

// NumberOf returns the number bound to serial and when, or an error
// wrapping app.ErrNotFound when none is.
func (db *DB) NumberOf(ctx context.Context, serial string) (app.PoolNumber, error) {
	pn, err := scanPoolNumber(db.reader.QueryRowContext(ctx, sqlNumberOfSerial, serial))
	if errors.Is(err, sql.ErrNoRows) {
		return pn, fmt.Errorf("流水号 %s 的预赋码: %w", serial, app.ErrNotFound)
	}
	if err != nil {
		return pn, fmt.Errorf("读取流水号 %s 的预赋码: %w", serial, err)
	}
	return pn, nil
}

// ExpireBefore marks the unused numbers of the years before year expired
// and returns how many it marked. Bound numbers are left alone: an
// invoice of the old year may still be uploaded under its number. The
// service calls it before every take, so when there is nothing to expire
// it is one empty range in pool_numbers_free and writes nothing.
func (db *DB) ExpireBefore(ctx context.Context, year int) (int64, error) {
	res, err := db.stmts[sqlExpireBefore].ExecContext(ctx, year)
	if err != nil {
		return 0, fmt.Errorf("作废 %d 年以前未用的预赋码: %w", year, err)
	}
	return res.RowsAffected()
}

var sqlExpireBefore = prepared(`UPDATE pool_numbers SET expired = 1
	WHERE year < ? AND serial IS NULL AND expired = 0`)
