package store

import (
	"database/sql"
	"fmt"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// timeLayout is RFC 3339 in UTC with a fixed nine-digit fraction. Plain
// RFC3339Nano drops trailing zeros ("…:05Z" vs "…:05.5Z"), which makes text
// order differ from time order within a second; fixed width keeps
// ORDER BY on the text column correct. time.RFC3339Nano parses it.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

// parseTime reads a stored time and returns it in China time, the zone
// invoices are dated in.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("数据库中的时间 %q 无效: %w", s, err)
	}
	return t.In(app.ChinaTime), nil
}

// nullTime is NULL for the zero time (not issued yet).
func nullTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: formatTime(t), Valid: true}
}

func parseNullTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return parseTime(s.String)
}

// exactly keeps the app's formatting of a decimal, which prints at most
// places decimals, unless that would lose digits (a provider's price with
// ten decimals, say); then the exact value is stored. A stored value never
// differs from the one given.
func exactly(format func(decimal.Decimal) string, places int32, d decimal.Decimal) string {
	// The exponent test is the cheap common case; Truncate catches values
	// like 1.500 whose extra decimals are zeros.
	if d.Exponent() >= -places || d.Equal(d.Truncate(places)) {
		return format(d)
	}
	return d.String()
}

func money(d decimal.Decimal) string    { return exactly(app.FormatMoney, app.MaxAmountPlaces, d) }
func quantity(d decimal.Decimal) string { return exactly(app.FormatQuantity, app.MaxQuantityPlaces, d) }

// rate needs no check: FormatRate prints every digit.
func rate(d decimal.Decimal) string { return app.FormatRate(d) }

func nullQuantity(d decimal.NullDecimal) sql.NullString {
	if !d.Valid {
		return sql.NullString{}
	}
	return sql.NullString{String: quantity(d.Decimal), Valid: true}
}

// decimalReader parses stored decimals, keeping the first error so a row is
// scanned in one go and checked once.
type decimalReader struct{ err error }

func (r *decimalReader) parse(column, s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("数据库中 %s 的值 %q 不是有效的数字: %w", column, s, err)
	}
	return d
}

func (r *decimalReader) parseNull(column string, s sql.NullString) decimal.NullDecimal {
	if !s.Valid {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(r.parse(column, s.String))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
