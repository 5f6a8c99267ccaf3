package store

import (
	"database/sql"
	"fmt"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// Inbound money is stored as integer cents (see migration 0005). The
// bureau sends number(18,2): at most 16 digits before the point, so every
// valid amount is below maxCents and fits an int64 with room to add up
// nine of the largest.
var maxCents = decimal.New(1, 18)

// centsOf converts an amount to cents exactly. It refuses an amount with
// more than two decimals rather than round it: a tax figure that does not
// add up to the cent is the bureau's to explain, not ours to hide.
func centsOf(d decimal.Decimal) (int64, error) {
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, fmt.Errorf("%s 超过两位小数", d)
	}
	if c.Abs().Cmp(maxCents) >= 0 {
		return 0, fmt.Errorf("%s 超过16位整数", d)
	}
	return c.IntPart(), nil
}

// decimalOfCents is the inverse of centsOf: cents as a decimal with two
// places (12345 → 123.45).
func decimalOfCents(c int64) decimal.Decimal { return decimal.New(c, -2) }

// nullCents is NULL for an amount the invoice does not have (a voucher).
func nullCents(d decimal.NullDecimal) (sql.NullInt64, error) {
	if !d.Valid {
		return sql.NullInt64{}, nil
	}
	c, err := centsOf(d.Decimal)
	return sql.NullInt64{Int64: c, Valid: true}, err
}

func nullDecimalOfCents(c sql.NullInt64) decimal.NullDecimal {
	if !c.Valid {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(decimalOfCents(c.Int64))
}

// Bounds of an amount filter in cents. A bound with more decimals than
// cents is not an error there: "at least 10.005" is "at least 10.01". A
// bound beyond any storable amount is clamped.
func minCentsOf(d decimal.Decimal) int64 { return clampCents(d.Shift(2).Ceil()) }
func maxCentsOf(d decimal.Decimal) int64 { return clampCents(d.Shift(2).Floor()) }

func clampCents(c decimal.Decimal) int64 {
	switch {
	case c.Cmp(maxCents) >= 0:
		return maxCents.IntPart()
	case c.Neg().Cmp(maxCents) >= 0:
		return -maxCents.IntPart()
	}
	return c.IntPart()
}

// dateLayout is how a billing date is stored: the China date, so that
// text order is date order.
const dateLayout = "2006-01-02"

// dateText is t's China date; the time of day is not kept. The zero time
// is NULL (no date given).
func dateText(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.In(app.ChinaTime).Format(dateLayout), Valid: true}
}

// parseDate reads a stored date as midnight China time; NULL is the zero
// time.
func parseDate(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(dateLayout, s.String, app.ChinaTime)
	if err != nil {
		return time.Time{}, fmt.Errorf("数据库中的日期 %q 无效: %w", s.String, err)
	}
	return t, nil
}
