package ui

import (
	"context"
	"sync"
	"time"

	"fapiao/app"
)

// draftName is the name the issue form's draft is stored under.
const draftName = "issue-form"

// draftDelay is how long typing must pause before the draft is saved: often
// enough that a crash loses at most a moment's work, rarely enough that the
// database is not written on every keystroke.
const draftDelay = 500 * time.Millisecond

// draftSaver saves the form's draft a moment after the last change, and at
// once when asked (the window closing). A blank form deletes the draft.
type draftSaver struct {
	store   app.DraftStore
	delay   time.Duration
	onError func(error) // called from the saving goroutine

	mu      sync.Mutex
	pending *app.Draft // the latest unsaved state; nil when saved
	timer   *time.Timer

	io sync.Mutex // one store call at a time, in order
}

func newDraftSaver(store app.DraftStore, onError func(error)) *draftSaver {
	return &draftSaver{store: store, delay: draftDelay, onError: onError}
}

// schedule notes the form's state and saves it after the delay, unless it
// changes again before.
func (s *draftSaver) schedule(d app.Draft) {
	if s.store == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = &d
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(s.delay, s.flush)
}

// flush saves the pending state now.
func (s *draftSaver) flush() {
	if s.store == nil {
		return
	}
	s.io.Lock()
	defer s.io.Unlock()
	s.mu.Lock()
	d := s.pending
	s.pending = nil
	s.mu.Unlock()
	if d == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var err error
	if blankDraft(*d) {
		err = s.store.DeleteDraft(ctx, draftName)
	} else {
		err = s.store.SaveDraft(ctx, draftName, *d)
	}
	if err != nil && s.onError != nil {
		s.onError(err)
	}
}

// discard drops any pending state and deletes the stored draft: the invoice
// it held has been issued.
func (s *draftSaver) discard() {
	if s.store == nil {
		return
	}
	s.io.Lock()
	defer s.io.Unlock()
	s.mu.Lock()
	s.pending = nil
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.store.DeleteDraft(ctx, draftName); err != nil && s.onError != nil {
		s.onError(err)
	}
}

// stop saves what is pending and stops the timer: the window is closing.
func (s *draftSaver) stop() {
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	s.flush()
}

// blankDraft reports whether there is nothing worth keeping: no buyer, no
// lines, no remark (the type and 开票人 are always set).
func blankDraft(d app.Draft) bool {
	return d.Buyer == (app.Party{}) && len(d.Lines) == 0 && d.Remark == ""
}
