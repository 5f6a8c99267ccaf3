package ui

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

func TestGroupedYuan(t *testing.T) {
	for in, want := range map[string]string{
		"0": "¥0.00", "1": "¥1.00", "999.999": "¥1,000.00", "1234.5": "¥1,234.50", "3000000": "¥3,000,000.00",
		"-1234567.891": "-¥1,234,567.89", "-0.5": "-¥0.50", "123456789012.34": "¥123,456,789,012.34",
	} {
		if got := groupedYuan(decimal.RequireFromString(in)); got != want {
			t.Errorf("groupedYuan(%s) = %q, want %q", in, got, want)
		}
	}
	if got := groupedYuan(decimal.Decimal{}); got != "¥0.00" {
		t.Errorf("the zero value: %q", got)
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := groupedCount(n); got != want {
			t.Errorf("groupedCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAgeAndCountdown(t *testing.T) {
	now := time.Date(2025, 11, 21, 9, 30, 0, 0, app.ChinaTime)
	for age, want := range map[time.Duration]string{
		0: "刚刚", 59 * time.Second: "刚刚", 3*time.Minute + 59*time.Second: "3分钟前", 2 * time.Hour: "2小时前",
		50 * time.Hour: "2天前", -time.Minute: "刚刚", // a figure "from the future" (a clock set back) is fresh
	} {
		if got := ageText(now.Add(-age), now); got != want {
			t.Errorf("ageText(%v) = %q, want %q", age, got, want)
		}
	}
	for left, want := range map[time.Duration]int{30 * time.Second: 30, 29*time.Second + time.Millisecond: 30, time.Millisecond: 1, 0: 0, -time.Second: 0} {
		if got := secondsLeft(now.Add(left), now); got != want {
			t.Errorf("secondsLeft(%v) = %d, want %d", left, got, want)
		}
	}
}

func TestCreditShareAndLow(t *testing.T) {
	d := decimal.RequireFromString
	st := app.CreditStatus{Known: true, Total: d("1000"), Remaining: d("99.99"), Used: d("900.01")}
	if !creditLow(st) || usedShare(st) < 0.9 || usedShare(st) > 0.901 {
		t.Errorf("9.999%% left: low %v, share %v", creditLow(st), usedShare(st))
	}
	st.Remaining, st.Used = d("100"), d("900")
	if creditLow(st) {
		t.Error("exactly 10% left is not yet low")
	}
	// A red invoice reckoned against an old figure can leave more than the total.
	st.Remaining, st.Used = d("1200"), d("-200")
	if usedShare(st) != 0 || creditLow(st) {
		t.Errorf("more than the total left: share %v", usedShare(st))
	}
	if usedShare(app.CreditStatus{Known: true}) != 0 || creditLow(app.CreditStatus{Known: true}) {
		t.Error("a zero line is neither used nor low")
	}
}

func TestLastDaysFillsThirtyDaysEndingToday(t *testing.T) {
	at := time.Date(2025, 3, 1, 0, 30, 0, 0, app.ChinaTime) // just after midnight, China time
	sparse := []app.DayIssued{
		{Day: time.Date(2025, 3, 1, 0, 0, 0, 0, app.ChinaTime), Count: 2},
		{Day: time.Date(2025, 1, 31, 0, 0, 0, 0, app.ChinaTime), Count: 5},
		{Day: time.Date(2025, 1, 30, 0, 0, 0, 0, app.ChinaTime), Count: 9}, // 30 days back: out
	}
	days := lastDays(sparse, at)
	if len(days) != chartDays || days[29].Count != 2 || days[0].Count != 5 || !sameDay(days[0].Day, sparse[1].Day) {
		t.Fatalf("%d days: first %v (%d), last %v (%d)", len(days), days[0].Day, days[0].Count, days[29].Day, days[29].Count)
	}
	for i := 1; i < chartDays; i++ {
		if days[i].Day.Sub(days[i-1].Day) != 24*time.Hour {
			t.Fatalf("day %d does not follow day %d", i, i-1)
		}
	}
}
