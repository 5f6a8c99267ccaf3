package app

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Dashboard is the 额度 screen's picture, all of it local: no network.
type Dashboard struct {
	At     time.Time
	Credit *CreditStatus // nil when the provider reports none
	Pool   *PoolStatus   // nil when there is no number pool
	Face   *FaceStatus   // nil when there is no face authentication
	Today  DayIssued     // issued today
	Month  DayIssued     // issued this month (Day is the 1st)
	Daily  []DayIssued   // the last 30 days, oldest first, today last
}

// DashboardService gathers the dashboard from the services that have a
// part in it. Any of them may be nil.
type DashboardService struct {
	Credit *CreditService
	Pool   *PoolService
	Face   *FaceAuthService
	Stats  IssueStats
	Now    func() time.Time
}

// Snapshot reads the dashboard from what the app already knows.
func (d *DashboardService) Snapshot(ctx context.Context) (Dashboard, error) {
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	at := now().In(ChinaTime)
	db := Dashboard{At: at}
	if d.Credit != nil {
		st := d.Credit.Status(ctx)
		db.Credit = &st
	}
	if d.Face != nil {
		st := d.Face.Status(ctx)
		db.Face = &st
	}
	if d.Pool != nil {
		st, err := d.Pool.Status(ctx)
		if err != nil {
			return db, err
		}
		db.Pool = &st
	}
	today := startOfDay(at)
	monthStart := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, ChinaTime)
	from := today.AddDate(0, 0, -29)
	if monthStart.Before(from) {
		from = monthStart
	}
	days, err := d.Stats.IssuedPerDay(ctx, from, today.AddDate(0, 0, 1))
	if err != nil {
		return db, err
	}
	db.Month = DayIssued{Day: monthStart, Amount: decimal.Zero}
	for _, day := range days {
		if !day.Day.Before(monthStart) {
			db.Month.Count += day.Count
			db.Month.Amount = db.Month.Amount.Add(day.Amount)
		}
		if !day.Day.Before(today.AddDate(0, 0, -29)) {
			db.Daily = append(db.Daily, day)
		}
		if day.Day.Equal(today) {
			db.Today = day
		}
	}
	return db, nil
}
