package app

import (
	"context"
	"testing"
	"time"
)

func TestDashboardSumsTodayMonthAndThirtyDays(t *testing.T) {
	now := time.Date(2026, 11, 21, 15, 0, 0, 0, ChinaTime)
	perDay := map[string]int64{"2026-11-21": 3, "2026-11-01": 2, "2026-10-31": 7, "2026-10-22": 1, "2026-10-21": 9}
	d := &DashboardService{Stats: noStats{perDay: perDay}, Now: func() time.Time { return now }}
	db, err := d.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if db.Today.Count != 3 || db.Month.Count != 5 {
		t.Errorf("today %d, month %d; want 3 and 5", db.Today.Count, db.Month.Count)
	}
	if len(db.Daily) != 30 || !db.Daily[29].Day.Equal(time.Date(2026, 11, 21, 0, 0, 0, 0, ChinaTime)) || !db.Daily[0].Day.Equal(time.Date(2026, 10, 23, 0, 0, 0, 0, ChinaTime)) {
		t.Fatalf("daily: %d days, first %v, last %v", len(db.Daily), db.Daily[0].Day, db.Daily[len(db.Daily)-1].Day)
	}
	var sum int64
	for _, day := range db.Daily {
		sum += day.Count
	}
	if sum != 12 { // 3 + 2 + 7; 22 Oct and 21 Oct are more than 29 days back
		t.Errorf("30-day sum %d, want 12", sum)
	}
	if db.Credit != nil || db.Pool != nil || db.Face != nil {
		t.Error("absent services give no sections")
	}
}
