package store

import (
	"context"
	"fmt"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

var _ app.IssueStats = (*DB)(nil)

// IssuedPerDay returns one entry per China day from the day of from up to
// to (exclusive), days without invoices included with zeros. Days are
// whole: every day the range [from, to) touches is counted whole, so a
// from or to that is not midnight China time counts its whole day. An
// issued invoice counts on the China date of its issued_at, red ones too;
// Amount is the sum of totals, so a red invoice's negative total
// subtracts.
//
// Totals are summed in Go with decimal: SQLite's SUM would read the TEXT
// amounts as floats and round them.
func (db *DB) IssuedPerDay(ctx context.Context, from, to time.Time) ([]app.DayIssued, error) {
	days := chinaDays(from, to)
	if len(days) == 0 {
		return days, nil
	}
	start, end := days[0].Day, days[len(days)-1].Day.AddDate(0, 0, 1)
	rows, err := db.reader.QueryContext(ctx, sqlIssuedBetween, formatTime(start), formatTime(end))
	if err != nil {
		return nil, fmt.Errorf("统计每日开票: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var issuedAt, total string
		if err := rows.Scan(&issuedAt, &total); err != nil {
			return nil, fmt.Errorf("统计每日开票: %w", err)
		}
		if err := addIssued(days, issuedAt, total); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("统计每日开票: %w", err)
	}
	return days, nil
}

// The issued invoices of a time range, read through invoices_newest: for
// an issued invoice issued_at is never NULL (a CHECK says so), so the
// index's COALESCE(issued_at, created_at) is issued_at and the range is
// one stretch of the index. INDEXED BY keeps the planner from scanning all
// issued invoices through invoices_status instead, and fails loudly if the
// index is ever dropped.
const sqlIssuedBetween = `SELECT issued_at, total FROM invoices INDEXED BY invoices_newest
	WHERE COALESCE(issued_at, created_at) >= ? AND COALESCE(issued_at, created_at) < ?
	AND status = 'issued'`

// chinaDays is one zero entry per China day touched by [from, to); none
// when the range is empty.
func chinaDays(from, to time.Time) []app.DayIssued {
	var days []app.DayIssued
	if !from.Before(to) {
		return days
	}
	for d := chinaMidnight(from); d.Before(to); d = d.AddDate(0, 0, 1) {
		days = append(days, app.DayIssued{Day: d, Amount: decimal.Zero})
	}
	return days
}

func chinaMidnight(t time.Time) time.Time {
	t = t.In(app.ChinaTime)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, app.ChinaTime)
}

// addIssued counts one invoice on its China day. China has no daylight
// saving time, so every day is 24 hours from the first one's midnight.
func addIssued(days []app.DayIssued, issuedAt, total string) error {
	at, err := parseTime(issuedAt)
	if err != nil {
		return err
	}
	amount, err := decimal.NewFromString(total)
	if err != nil {
		return fmt.Errorf("数据库中发票(%s 开具)的价税合计 %q 不是有效的数字: %w", issuedAt, total, err)
	}
	i := int(at.Sub(days[0].Day) / (24 * time.Hour))
	if at.Before(days[0].Day) || i >= len(days) {
		return fmt.Errorf("发票开具时间 %s 不在统计范围内", issuedAt)
	}
	days[i].Count++
	days[i].Amount = days[i].Amount.Add(amount)
	return nil
}
