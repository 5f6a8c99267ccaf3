package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// runsTimeout bounds reading the sync runs, which are local.
const runsTimeout = 10 * time.Second

// inboundSyncBar runs along the top of the 进项发票 screen: 同步 with its
// choice of status, the progress of a sync under way with 取消, and
// otherwise how the last sync went, with 继续 when it did not finish.
type inboundSyncBar struct {
	w       *mainWindow
	start   *widget.Button
	choice  *codeSelect
	bar     *widget.ProgressBar
	cancel  *widget.Button
	resume  *widget.Button
	text    *widget.Label
	content fyne.CanvasObject
}

func newInboundSyncBar(w *mainWindow) *inboundSyncBar {
	b := &inboundSyncBar{w: w}
	b.start = widget.NewButtonWithIcon(lang.X("inbound.sync.start", "同步"), theme.DownloadIcon(), b.startChosen)
	b.start.Importance = widget.HighImportance
	b.choice = newCodeSelect(inboundStatusCodes(), func(c string) string { return inboundStatusLabel(app.InboundStatus(c)) },
		func() { w.inboundState.syncStatus = b.choice.code() })
	b.choice.setCode(w.inboundState.syncStatus)
	b.bar = widget.NewProgressBar()
	b.cancel = widget.NewButtonWithIcon(lang.X("inbound.sync.cancel", "取消"), theme.CancelIcon(), w.cancelInboundSync)
	b.resume = widget.NewButtonWithIcon(lang.X("inbound.sync.resume", "继续"), theme.MediaPlayIcon(), w.resumeInboundSync)
	b.resume.Importance = widget.HighImportance
	b.text = widget.NewLabel("")
	b.text.Wrapping = fyne.TextWrapWord // an error is shown whole: the clerk needs all of it
	left := container.NewHBox(b.start, widget.NewLabel(lang.X("inbound.sync.scope", "范围")), b.choice)
	b.content = container.NewBorder(nil, nil, left, container.NewHBox(b.resume, b.cancel), container.NewVBox(b.text, b.bar))
	b.show(&w.inboundState)
	return b
}

// show renders the state of the sync.
func (b *inboundSyncBar) show(st *inboundState) {
	text, importance := syncText(st)
	b.text.Text, b.text.Importance = text, importance
	b.text.Refresh()
	if st.syncing {
		b.start.Disable()
		b.choice.Disable()
		b.resume.Hide()
		b.cancel.Show()
		b.bar.Show()
	} else {
		b.start.Enable()
		b.choice.Enable()
		b.cancel.Hide()
		b.bar.Hide()
		b.resume.Hidden = !st.unfinished()
		b.resume.Refresh()
	}
	if st.cancelling {
		b.cancel.Disable()
	} else {
		b.cancel.Enable()
	}
	if st.progress != nil {
		b.bar.SetValue(progressFraction(*st.progress))
	} else {
		b.bar.SetValue(0)
	}
}

// startChosen syncs the status chosen, or every status.
func (b *inboundSyncBar) startChosen() {
	var req app.SyncRequest
	if c := b.choice.code(); c != "" {
		req.Statuses = []app.InboundStatus{app.InboundStatus(c)}
	}
	b.w.startInboundSync(req)
}

// readInboundRuns reads the latest sync run at start, so that an
// interrupted one is offered to resume.
func (w *mainWindow) readInboundRuns() {
	if w.svc.Inbound == nil {
		return
	}
	inbound := w.svc.Inbound
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(w.ctx, runsTimeout)
		defer cancel()
		runs, err := inbound.Runs(ctx, 1)
		w.tasks.toUI(func() {
			st := &w.inboundState
			if st.syncing || st.last != nil {
				return // a sync started meanwhile knows better
			}
			st.runsErr = err
			if len(runs) > 0 {
				st.last = &runs[0]
			}
			w.renderInboundSync()
		})
	})
}

// startInboundSync runs a sync in the background; its progress, its end
// and its failure show in the bar. The sync stops when the window closes.
func (w *mainWindow) startInboundSync(req app.SyncRequest) {
	st := &w.inboundState
	if st.syncing || w.svc.Inbound == nil {
		return
	}
	ctx, cancel := context.WithCancel(w.ctx)
	st.syncing, st.cancelling, st.cancel = true, false, cancel
	st.progress, st.err, st.runsErr, st.cancelled = nil, nil, nil, false
	w.renderInboundSync()
	inbound := w.svc.Inbound
	// A sync runs for minutes and may be cancelled, so it never runs on
	// the caller's goroutine (see tasks.loop).
	w.tasks.loop(func() {
		defer cancel()
		run, err := inbound.Sync(ctx, req, func(p app.SyncProgress) {
			w.tasks.toUI(func() {
				if st.syncing {
					st.progress = &p
					w.renderInboundSync()
				}
			})
		})
		w.tasks.toUI(func() { w.inboundSyncEnded(run, err) })
	})
}

// inboundSyncEnded shows how the sync ended and what it stored.
func (w *mainWindow) inboundSyncEnded(run app.SyncRun, err error) {
	st := &w.inboundState
	st.syncing, st.cancelling, st.cancel, st.progress = false, false, nil, nil
	if run.ID != 0 {
		st.last = &run
	}
	st.cancelled = err != nil && run.Cancelled && errors.Is(err, context.Canceled)
	if err != nil && !st.cancelled {
		st.err = err
	}
	if w.ctx.Err() != nil {
		return // the window closed: nothing to show
	}
	w.renderInboundSync()
	if w.inbound != nil {
		w.inbound.reload()
	}
}

// cancelInboundSync stops the sync under way; the run is recorded as
// interrupted, and 继续 resumes it.
func (w *mainWindow) cancelInboundSync() {
	st := &w.inboundState
	if !st.syncing || st.cancel == nil {
		return
	}
	st.cancelling = true
	st.cancel()
	w.renderInboundSync()
}

// resumeInboundSync syncs the unfinished run's request again: the service
// resumes it at its cursor.
func (w *mainWindow) resumeInboundSync() {
	if st := &w.inboundState; st.unfinished() {
		w.startInboundSync(st.resumeRequest())
	}
}

// renderInboundSync shows the sync's state on the screen, if there is one.
func (w *mainWindow) renderInboundSync() {
	if w.inbound != nil {
		w.inbound.sync.show(&w.inboundState)
	}
}
