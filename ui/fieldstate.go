package ui

import "fyne.io/fyne/v2/widget"

// fieldState is how far the clerk has got with a field, which decides when
// its problems show: not before they touch it, and not while they type in
// it either — a half-typed tax ID is not yet wrong, and a message flashing
// at every keystroke helps nobody.
type fieldState int

const (
	untouched fieldState = iota
	editing              // being typed in
	settled              // left after typing, chosen from a list, or loaded
)

// errorsVisible decides whether a field's messages show: once the clerk has
// finished with the field, or after a 开具 attempt — but not while they are
// typing in it (a stale message goes at the first keystroke, and comes
// back when they leave if the field is still wrong).
func errorsVisible(showAll bool, state fieldState) bool {
	return state != editing && (showAll || state == settled)
}

// formEntry is an entry that says when the clerk leaves it.
type formEntry struct {
	widget.Entry
	onLeave func()
}

func newFormEntry(multiLine bool) *formEntry {
	e := &formEntry{}
	e.MultiLine = multiLine
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost tells the form the field is done.
func (e *formEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}
