package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"fapiao/app"
)

// tasks runs work off the UI goroutine and keeps count of it, so that tests
// can wait for everything started from the UI to finish. Work that changes
// widgets must do so through toUI.
type tasks struct {
	wg sync.WaitGroup
	// inline runs tasks on the caller's goroutine. Tests set it: Fyne's test
	// driver runs fyne.Do at once on the calling goroutine, so a background
	// task would touch widgets concurrently with the test typing into them.
	inline bool
	// ui hands a function to the UI goroutine; nil means fyne.Do. Tests of
	// the pollers set a queue that they drain on the test goroutine, as the
	// real driver's event loop does, because a poller cannot run inline.
	ui func(func())
	// tick starts the tickers of countdowns and periodic re-renders; nil
	// means app.RealTicker. Tests tick by hand.
	tick app.TickFunc
}

// run starts f in a goroutine (or runs it at once when inline).
func (t *tasks) run(f func()) {
	if t.inline {
		f()
		return
	}
	t.loop(f)
}

// loop starts f in a goroutine even when inline: f runs until something
// stops it (a poller, a ticker), so it can never run on the caller's.
func (t *tasks) loop(f func()) {
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		f()
	}()
}

// toUI runs f on the UI goroutine. It may be called from any goroutine.
func (t *tasks) toUI(f func()) {
	if t.ui != nil {
		t.ui(f)
		return
	}
	fyne.Do(f)
}

// every runs f on the UI goroutine each interval until ctx ends, from one
// goroutine whose ticker stops with it.
func (t *tasks) every(ctx context.Context, interval time.Duration, f func()) {
	tick := t.tick
	if tick == nil {
		tick = app.RealTicker
	}
	ticks, stop := tick(interval)
	t.loop(func() {
		defer stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticks:
				t.toUI(f)
			}
		}
	})
}

// background runs f at once and then each interval until ctx ends, on one
// goroutine of its own (not the UI's): f does slow work, such as asking the
// bureau, and hands its results to the UI through toUI.
func (t *tasks) background(ctx context.Context, interval time.Duration, f func()) {
	tick := t.tick
	if tick == nil {
		tick = app.RealTicker
	}
	ticks, stop := tick(interval)
	t.loop(func() {
		defer stop()
		for {
			if ctx.Err() != nil {
				return
			}
			f()
			select {
			case <-ctx.Done():
				return
			case <-ticks:
			}
		}
	})
}

// wait blocks until every task started so far has finished.
func (t *tasks) wait() { t.wg.Wait() }
