package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// groupedYuan is an amount for the dashboard: ¥, two decimals and
// thousands separators (¥3,000,000.00), as the figures there run to
// millions and are read at a glance rather than copied.
func groupedYuan(d decimal.Decimal) string {
	s := app.FormatMoney(d)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, cents, _ := strings.Cut(s, ".")
	return sign + "¥" + groupDigits(whole) + "." + cents
}

// groupedCount is a count with thousands separators: 1,000.
func groupedCount(n int64) string {
	if n < 0 {
		return "-" + groupDigits(strconv.FormatInt(-n, 10))
	}
	return groupDigits(strconv.FormatInt(n, 10))
}

// groupDigits puts a comma between every three digits from the right.
func groupDigits(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ageText says how long ago at was, in the coarsest unit that is still
// honest: a credit figure of 3 minutes and one of 3 days call for
// different trust.
func ageText(at, now time.Time) string {
	age := now.Sub(at)
	switch {
	case age < time.Minute:
		return lang.X("age.now", "刚刚")
	case age < time.Hour:
		return lang.X("age.minutes", "{{.N}}分钟前", map[string]any{"N": int(age / time.Minute)})
	case age < 24*time.Hour:
		return lang.X("age.hours", "{{.N}}小时前", map[string]any{"N": int(age / time.Hour)})
	}
	return lang.X("age.days", "{{.N}}天前", map[string]any{"N": int(age / (24 * time.Hour))})
}

// secondsLeft is how many whole seconds remain until t, rounded up, so a
// countdown never shows 0 while the wait is not over.
func secondsLeft(t, now time.Time) int {
	left := t.Sub(now)
	if left <= 0 {
		return 0
	}
	return int((left + time.Second - 1) / time.Second)
}

// weekdayName is a day of the week in a word, as a calendar shows it.
func weekdayName(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.X("weekday.mon", "周一")
	case time.Tuesday:
		return lang.X("weekday.tue", "周二")
	case time.Wednesday:
		return lang.X("weekday.wed", "周三")
	case time.Thursday:
		return lang.X("weekday.thu", "周四")
	case time.Friday:
		return lang.X("weekday.fri", "周五")
	case time.Saturday:
		return lang.X("weekday.sat", "周六")
	}
	return lang.X("weekday.sun", "周日")
}

// dayName is a China day for the dashboard: 今天, or its date and weekday.
func dayName(day, today time.Time) string {
	day, today = day.In(app.ChinaTime), today.In(app.ChinaTime)
	if day.Format(time.DateOnly) == today.Format(time.DateOnly) {
		return lang.X("day.today", "今天")
	}
	return day.Format("01-02") + " " + weekdayName(day.Weekday())
}

// isWeekend reports whether a China day is a Saturday or a Sunday.
func isWeekend(day time.Time) bool {
	wd := day.In(app.ChinaTime).Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// countAndAmount is a day's or a month's issuing: 3 张,¥3,390.00.
func countAndAmount(d app.DayIssued) string {
	return lang.X("dash.count_amount", "{{.Count}} 张,{{.Amount}}",
		map[string]any{"Count": groupedCount(d.Count), "Amount": groupedYuan(d.Amount)})
}
