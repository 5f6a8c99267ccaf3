package ui

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
	"fapiao/providers/leqi"
	"fapiao/providers/sandbox"
)

// The sandbox's paths, as its Stats count them.
const (
	creditLinePath = "/qdjk/allElectricInvoice/getCreditLine"
	segmentCall    = "leqi:QDFPPLFM"
)

// newDashboardRig is the sandbox rig with what the 额度 screen shows, wired
// as main.go wires it: the credit line over the 票单云 client, the number
// pool over the real 乐企 client, and the dashboard over the SQLite store.
// The sandbox and every service keep the rig's clock, which starts at
// start, so that the bureau's 30 s limit, "today" and December are the
// test's.
func newDashboardRig(t *testing.T, start time.Time, opts sandbox.Options) *sandboxRig {
	clock := newTestClock(start)
	opts.Now = clock.now
	r := newSandboxRigWith(t, opts)
	r.clock = clock
	svc := r.fx.svc
	svc.Face.Now, svc.Login.Now, svc.Issuing.Now = clock.now, clock.now, clock.now
	svc.Credit = app.NewCreditService(r.client, r.db, nil)
	svc.Credit.Now = clock.now
	svc.Issuing.Credit = svc.Credit
	lc, err := leqi.New(leqi.Config{BaseURL: r.base, Jrdwptbh: sandbox.DemoJrdwptbh, Key: sandbox.DemoLeqiKey,
		SellerTaxID: app.DemoSeller.TaxID, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	svc.Pool = app.NewPoolService(lc, r.db, r.db, sandbox.DemoJrdwptbh, nil)
	svc.Pool.Now = clock.now
	svc.Dashboard = &app.DashboardService{Credit: svc.Credit, Pool: svc.Pool, Face: svc.Face, Stats: r.db, Now: clock.now}
	return r
}

// withoutFace takes face authentication away, so that opening the window
// asks the sandbox nothing and an injected fault reaches the scheduler.
func (r *sandboxRig) withoutFace() {
	svc := r.fx.svc
	svc.Face, svc.Issuing.Face, svc.Dashboard.Face = nil, nil, nil
}

// openDashboard opens the window and waits for the scheduler's start-up run.
func (r *sandboxRig) openDashboard() *mainWindow {
	r.fx.t.Helper()
	w := r.open()
	r.await("the scheduler's start-up run", func() bool { return w.pool.startupDone })
	return w
}

// showDashboard brings the 额度 screen to the front and runs what that
// queued.
func (r *sandboxRig) showDashboard(w *mainWindow) *dashboardScreen {
	r.fx.t.Helper()
	w.showDashboard()
	r.drain()
	if w.dash == nil || !w.dashboardShown() {
		r.fx.t.Fatal("the 额度 screen should be in front")
	}
	return w.dash
}

// minute ticks the minute loop at the clock's time and runs what it queued.
func (r *sandboxRig) minute() {
	r.fx.t.Helper()
	r.drain()
	r.ticks.fire(r.fx.t, rerenderInterval, r.clock.now())
	// The loop hands its work to the UI right after taking the tick.
	select {
	case f := <-r.queue:
		f()
	case <-time.After(waitLimit):
		r.fx.t.Fatal("the minute loop queued nothing")
	}
	r.drain()
}

// eventually polls cond until it holds or waitLimit passes, for work
// that queues nothing for the UI when it is done.
func eventually(cond func() bool) bool {
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// poolStatus reads the pool as the service has it.
func (r *sandboxRig) poolStatus() app.PoolStatus {
	r.fx.t.Helper()
	st, err := r.fx.svc.Pool.Status(context.Background())
	if err != nil {
		r.fx.t.Fatal(err)
	}
	return st
}

// fakeStats is an app.IssueStats over a map of China dates to counts; each
// invoice is ¥100.
type fakeStats struct{ perDay map[string]int64 }

func (s fakeStats) IssuedPerDay(_ context.Context, from, to time.Time) ([]app.DayIssued, error) {
	var days []app.DayIssued
	for d := from.In(app.ChinaTime); d.Before(to); d = d.AddDate(0, 0, 1) {
		n := s.perDay[d.Format(time.DateOnly)]
		days = append(days, app.DayIssued{Day: d, Count: n, Amount: decimal.NewFromInt(100 * n)})
	}
	return days, nil
}
