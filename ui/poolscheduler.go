package ui

import (
	"context"
	"time"

	"fapiao/app"
)

// poolCheckInterval is how often the scheduler looks at the pool: "checks
// on start-up and every hour", often enough that a busy day never runs
// dry, rarely enough that the bureau is asked for numbers only when a
// threshold is crossed.
const poolCheckInterval = time.Hour

// replenishTimeout bounds one 立即补充: a segment download and storing it.
const replenishTimeout = 2 * time.Minute

// poolReadTimeout bounds a local read of the pool's status.
const poolReadTimeout = 10 * time.Second

// startPoolScheduler runs the pool's scheduler on one goroutine, for as
// long as the window is open: it replenishes now and every hour, so the
// clerk never has to think about numbers running out. A failure shows in
// the status bar.
func (w *mainWindow) startPoolScheduler() {
	pool := w.svc.Pool
	if pool == nil {
		return
	}
	tick := w.tasks.tick
	if tick == nil {
		tick = app.RealTicker
	}
	// RunScheduler starts its ticker once the start-up run is over: that is
	// when the start-up download, if any, can be shown. The hourly runs
	// announce nothing; the minute loop reads the pool again.
	afterStartup := func(interval time.Duration) (<-chan time.Time, func()) {
		w.tasks.toUI(w.poolStartupChecked)
		return tick(interval)
	}
	failed := func(err error) {
		at := pool.Now()
		w.tasks.toUI(func() { w.poolCheckFailed(err, at) })
	}
	w.checkPool() // December's warning need not wait for the network
	w.tasks.loop(func() { pool.RunScheduler(w.ctx, afterStartup, poolCheckInterval, failed) })
}

// poolStartupChecked shows what the scheduler's start-up run left.
func (w *mainWindow) poolStartupChecked() {
	if w.ctx.Err() != nil {
		return
	}
	w.pool.startupDone = true
	w.refreshPoolViews()
}

// poolCheckFailed shows a failed scheduler run in the status bar (and on
// the 额度 screen) until the pool no longer needs what it failed to get.
func (w *mainWindow) poolCheckFailed(err error, at time.Time) {
	if w.ctx.Err() != nil {
		return
	}
	w.pool.checkErr, w.pool.checkAt = err, at
	w.refreshPoolViews()
}

// refreshPoolViews re-reads the pool for whichever view shows it: the
// whole dashboard when it is in front, else the status bar's part.
func (w *mainWindow) refreshPoolViews() {
	if w.dashboardShown() {
		w.dash.refresh()
		return
	}
	w.checkPool()
}

// checkPool reads the pool's status (locally) for the status bar.
func (w *mainWindow) checkPool() {
	pool := w.svc.Pool
	if pool == nil {
		return
	}
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), poolReadTimeout)
		defer cancel()
		st, err := pool.Status(ctx)
		w.tasks.toUI(func() {
			if err == nil {
				w.poolStatusRead(&st)
			}
		})
	})
}

// poolStatusRead keeps the pool's latest status and shows it in the status
// bar. A failed check stops being news once the pool needs nothing.
func (w *mainWindow) poolStatusRead(st *app.PoolStatus) {
	if w.ctx.Err() != nil || st == nil {
		return
	}
	w.pool.status = st
	if w.pool.checkErr != nil && !st.NeedsMore && st.Pending == nil {
		w.pool.checkErr = nil
	}
	w.status.showPool(w.pool)
}

// replenishNow is the 立即补充 button: Replenish in the background, the
// button disabled meanwhile so that one click makes one download.
func (w *mainWindow) replenishNow() {
	pool := w.svc.Pool
	if pool == nil || w.pool.replenishing || !w.pool.startupDone {
		return
	}
	w.pool.replenishing, w.pool.result, w.pool.replenishErr = true, nil, nil
	w.renderPoolCard()
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(w.ctx, replenishTimeout)
		defer cancel()
		res, err := pool.Replenish(ctx)
		w.tasks.toUI(func() { w.replenished(res, err) })
	})
}

// replenished shows what 立即补充 did, and the pool as it is now.
func (w *mainWindow) replenished(res app.ReplenishResult, err error) {
	if w.ctx.Err() != nil {
		return
	}
	w.pool.replenishing, w.pool.result, w.pool.replenishErr = false, &res, err
	if err == nil {
		w.pool.checkErr = nil // what the scheduler failed to do is done
	}
	w.renderPoolCard()
	w.refreshPoolViews()
}

// renderPoolCard shows the pool card's progress and outcome at once,
// before the pool is read again.
func (w *mainWindow) renderPoolCard() {
	if w.dash != nil && w.dash.pool != nil {
		w.dash.pool.showActivity(w.pool)
	}
}
