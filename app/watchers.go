package app

import "sync"

// watchers is a set of change callbacks, for screens that show a service's
// state (the status bar, the QR panel).
type watchers struct {
	mu   sync.Mutex
	next int
	fns  map[int]func()
}

// add registers fn and returns the function that removes it.
func (w *watchers) add(fn func()) (cancel func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fns == nil {
		w.fns = map[int]func(){}
	}
	id := w.next
	w.next++
	w.fns[id] = fn
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		delete(w.fns, id)
	}
}

// notify calls every callback, outside the lock so that one may cancel.
func (w *watchers) notify() {
	w.mu.Lock()
	fns := make([]func(), 0, len(w.fns))
	for _, fn := range w.fns {
		fns = append(fns, fn)
	}
	w.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}
