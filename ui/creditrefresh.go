package ui

import (
	"context"
	"errors"
	"time"

	"fapiao/app"
)

// creditRefreshTimeout bounds one question to the bureau about the credit
// line.
const creditRefreshTimeout = 30 * time.Second

// refreshCreditNow is the 刷新 button: one question to the bureau in the
// background. Within the bureau's 30 s limit it asks nothing and shows the
// countdown instead, so clicks cannot become a storm of requests.
func (w *mainWindow) refreshCreditNow() {
	credit := w.svc.Credit
	if credit == nil || w.dashState.creditBusy {
		return
	}
	if st := credit.Status(context.Background()); credit.Now().Before(st.NextAt) {
		w.startCreditCountdown()
		return
	}
	w.dashState.creditBusy = true
	w.renderCreditCard()
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(w.ctx, creditRefreshTimeout)
		defer cancel()
		_, err := credit.Refresh(ctx)
		at := credit.Now()
		w.tasks.toUI(func() { w.creditRefreshed(err, at) })
	})
}

// creditRefreshed shows how a refresh went. "Too soon" is no failure:
// the countdown says when to ask again.
func (w *mainWindow) creditRefreshed(err error, at time.Time) {
	if w.ctx.Err() != nil {
		return
	}
	var tooSoon *app.CreditTooSoonError
	if errors.As(err, &tooSoon) {
		err = nil
	}
	w.dashState.creditBusy = false
	w.dashState.creditErr, w.dashState.creditErrAt = err, at
	w.renderCreditCard()
	w.startCreditCountdown()
	if w.dashboardShown() {
		w.dash.refresh()
	}
}

// creditShown follows a shown credit line up: an unknown one is asked for
// once (opening the screen is the clerk asking), and a countdown runs while
// the bureau's limit lasts.
func (w *mainWindow) creditShown(st *app.CreditStatus) {
	if (st == nil || !st.Known) && !w.dashState.creditAsked && w.dashboardShown() {
		w.dashState.creditAsked = true
		w.refreshCreditNow()
		return
	}
	w.startCreditCountdown()
}

// renderCreditCard shows the card's button and problem from the service's
// cached status, without reading the whole dashboard.
func (w *mainWindow) renderCreditCard() {
	credit := w.svc.Credit
	if credit == nil || w.dash == nil || w.dash.credit == nil {
		return
	}
	st := credit.Status(context.Background())
	w.dash.credit.showButton(&st, w.dashState, credit.Now())
	w.dash.credit.showProblem(w.dashState)
}

// startCreditCountdown runs the 刷新 button's one-second countdown until
// the bureau's limit is over; one at a time, stopped with the window.
func (w *mainWindow) startCreditCountdown() {
	credit := w.svc.Credit
	if credit == nil || w.dashState.countdown != nil {
		return
	}
	if st := credit.Status(context.Background()); !credit.Now().Before(st.NextAt) {
		return
	}
	ctx, cancel := context.WithCancel(w.ctx)
	w.dashState.countdown = cancel
	w.tasks.every(ctx, time.Second, w.creditCountdownTick)
}

// creditCountdownTick shows the seconds left, and ends the countdown when
// there are none.
func (w *mainWindow) creditCountdownTick() {
	if w.dashState.countdown == nil {
		return // ended already; a tick was on its way
	}
	w.renderCreditCard()
	credit := w.svc.Credit
	if st := credit.Status(context.Background()); !credit.Now().Before(st.NextAt) {
		w.dashState.countdown()
		w.dashState.countdown = nil
	}
}
