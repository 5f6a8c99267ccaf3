package ui

import (
	"context"
	"time"

	"fapiao/app"
)

// dashState is what the window keeps of the 额度 screen across a rebuild
// of its widgets (a language change): what the clerk asked for and how it
// went, and the countdown that runs for it.
type dashState struct {
	creditAsked bool      // the one automatic refresh of an unknown credit line happened
	creditBusy  bool      // a refresh is on its way to the bureau
	creditErr   error     // the last refresh failed, and why
	creditErrAt time.Time // when
	// countdown stops the 刷新 button's one-second countdown; nil when
	// none runs.
	countdown context.CancelFunc
	// selectedDay is the chart's day whose figures are shown; zero means
	// the last (today).
	selectedDay time.Time
}

// poolView is what the window knows of the number pool beyond the
// service's own status: the scheduler's failures and the clerk's 立即补充.
type poolView struct {
	status       *app.PoolStatus // the last status read; nil before the first
	checkErr     error           // the scheduler's last run failed, and why
	checkAt      time.Time       // when
	startupDone  bool            // the scheduler's start-up run is over
	replenishing bool            // a 立即补充 is under way
	result       *app.ReplenishResult
	replenishErr error
}
