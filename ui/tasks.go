package ui

import "sync"

// tasks runs work off the UI goroutine and keeps count of it, so that tests
// can wait for everything started from the UI to finish. Work that changes
// widgets must do so through fyne.Do.
type tasks struct {
	wg sync.WaitGroup
	// inline runs tasks on the caller's goroutine. Tests set it: Fyne's test
	// driver runs fyne.Do at once on the calling goroutine, so a background
	// task would touch widgets concurrently with the test typing into them.
	inline bool
}

// run starts f in a goroutine (or runs it at once when inline).
func (t *tasks) run(f func()) {
	if t.inline {
		f()
		return
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		f()
	}()
}

// wait blocks until every task started so far has finished.
func (t *tasks) wait() { t.wg.Wait() }
