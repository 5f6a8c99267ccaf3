package ui

import "time"

// rerenderInterval is how often the window looks again at local state
// that changes with the clock and that nobody announces: "有效至 …" turns
// into "需要人脸认证" when the time passes, December brings the New Year
// warning, and the scheduler's hourly download shows on the 额度 screen.
const rerenderInterval = time.Minute

// startMinuteLoop re-renders, once a minute on one goroutine that stops
// with the window, what rerenderInterval says. It asks the bureau nothing.
func (w *mainWindow) startMinuteLoop() {
	svc := w.svc
	if svc.Face == nil && svc.Login == nil && svc.Dashboard == nil && svc.Pool == nil {
		return
	}
	w.tasks.every(w.ctx, rerenderInterval, w.everyMinute)
}

// everyMinute is the minute loop's work, on the UI goroutine.
func (w *mainWindow) everyMinute() {
	if w.ctx.Err() != nil {
		return
	}
	w.renderSession()
	if w.dashboardShown() {
		w.dash.refresh() // reads the pool's status too
		return
	}
	w.checkPool()
}
