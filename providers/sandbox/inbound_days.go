package sandbox

import (
	"fmt"
	"time"

	"fapiao/app"
)

// civilDay is a date in China, counted in days since 1970-01-01. The
// inbound invoices' dates are computed, compared and searched as plain
// integers: exact, cheap, and free of time-of-day and zone surprises.
type civilDay int

const secondsPerDay = 24 * 60 * 60

// dayOf is the date t falls on in China.
func dayOf(t time.Time) civilDay {
	y, m, d := t.In(app.ChinaTime).Date()
	return civilDay(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// utc is the date as midnight UTC, whose Year/Month/Day are the date's.
func (d civilDay) utc() time.Time { return time.Unix(int64(d)*secondsPerDay, 0).UTC() }

// at is the moment of the date at clock (a duration since midnight), China time.
func (d civilDay) at(clock time.Duration) time.Time {
	y, m, dd := d.utc().Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, app.ChinaTime).Add(clock)
}

// String is yyyy-MM-dd.
func (d civilDay) String() string { return d.utc().Format(time.DateOnly) }

// period is the tax period (税款所属期) the date falls in: yyyyMM.
func (d civilDay) period() string { return d.utc().Format("200601") }

// monthStart is the first day of the date's month.
func (d civilDay) monthStart() civilDay {
	return d - civilDay(d.utc().Day()-1)
}

// addMonths moves the first of d's month by n months (n may be negative).
func (d civilDay) addMonths(n int) civilDay {
	y, m, _ := d.utc().Date()
	return civilDay(time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// yearBefore is the same day a year earlier (28 February for a 29th).
func (d civilDay) yearBefore() civilDay {
	y, m, dd := d.utc().Date()
	if m == time.February && dd == 29 {
		dd = 28
	}
	return civilDay(time.Date(y-1, m, dd, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// parseDay reads yyyy-MM-dd; label names the field in the refusal.
func parseDay(label, s string) (civilDay, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%s %q 格式错误:应为yyyy-MM-dd的有效日期", label, s)
	}
	return civilDay(t.Unix() / secondsPerDay), nil
}

// parsePeriod reads yyyyMM and returns its first and last day.
func parsePeriod(label, s string) (first, last civilDay, err error) {
	t, err := time.Parse("200601", s)
	if err != nil || len(s) != 6 {
		return 0, 0, fmt.Errorf("%s %q 格式错误:应为yyyyMM,例如202401", label, s)
	}
	first = civilDay(t.Unix() / secondsPerDay)
	return first, first.addMonths(1) - 1, nil
}
