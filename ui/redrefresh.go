package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// redRefreshInterval is how often the forms that wait for the other side
// are asked about while the window is open: often enough to issue soon
// after the buyer confirms, rarely enough not to trouble the bureau.
const redRefreshInterval = 5 * time.Minute

// redRefreshTimeout bounds one round of questions.
const redRefreshTimeout = 2 * time.Minute

// redRefreshState is how the last round went, kept by the window so that a
// rebuilt status bar (a language change) says it again.
type redRefreshState struct {
	at   time.Time
	err  error
	runs int
}

// watchRed asks about pending forms now and every redRefreshInterval, on
// one goroutine that stops when the window closes.
func (w *mainWindow) watchRed() {
	if w.svc.Red == nil {
		return
	}
	w.tasks.background(w.ctx, redRefreshInterval, w.refreshPendingForms)
}

// refreshPendingForms asks the bureau about every form waiting for the
// other side; it runs off the UI goroutine (the loop's, or a task's).
func (w *mainWindow) refreshPendingForms() {
	ctx, cancel := context.WithTimeout(w.ctx, redRefreshTimeout)
	defer cancel()
	changed, err := w.svc.Red.RefreshPending(ctx)
	at := w.svc.Red.Now()
	w.tasks.toUI(func() { w.pendingRefreshed(changed, err, at) })
}

// pendingRefreshed shows a round's outcome: a failure in the status bar,
// each changed form in a notification.
func (w *mainWindow) pendingRefreshed(changed []app.RedCase, err error, at time.Time) {
	if w.ctx.Err() != nil {
		return // the window closed while the bureau was asked
	}
	w.redRefresh = redRefreshState{at: at, err: err, runs: w.redRefresh.runs + 1}
	w.status.showRedRefresh(w.redRefresh)
	if w.red != nil {
		w.red.showRefreshed()
	}
	if len(changed) > 0 {
		w.refreshRedViews()
		w.notifyRedChanges(changed)
	}
}

// showRedRefresh shows a failed round in the status bar, until one works.
func (b *statusBar) showRedRefresh(st redRefreshState) {
	if st.err == nil {
		b.redError.Hide()
		return
	}
	b.redError.SetText(lang.X("statusbar.red_refresh_failed", "{{.At}} 查询红字确认单状态失败:{{.Error}}",
		map[string]any{"At": clock(st.at), "Error": st.err.Error()}))
	b.redError.Show()
	b.session.Show()
}

// refreshRedViews shows what a red call changed: the issued list's red
// status and the red screen's cases.
func (w *mainWindow) refreshRedViews() {
	w.refreshList()
	if w.red != nil {
		w.red.refresh()
	}
}
