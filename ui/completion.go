package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// maxSuggestions bounds the popup: more than a screenful helps nobody.
const maxSuggestions = 8

// suggestionSource looks suggestions up for what the clerk typed, off the UI
// goroutine if it likes, and hands them to deliver on the UI goroutine:
// the labels to show and what choosing the i-th one does.
type suggestionSource func(text string, deliver func(labels []string, choose func(i int)))

// completionEntry is an entry with a list of suggestions under it, offered
// as the clerk types (Up/Down to move, Enter to take one, Escape to close,
// or the mouse). The popup is a Fyne overlay, and an overlay takes the
// keyboard: so the list takes focus while it shows and passes every key it
// does not handle on to the entry, which keeps its cursor meanwhile.
type completionEntry struct {
	widget.Entry

	canvas  fyne.Canvas
	source  suggestionSource
	focused bool
	onLeave func() // the clerk left the field

	popup      *widget.PopUp
	list       *suggestionList
	popupWidth float32 // at least this wide, even under a narrow column
}

func newCompletionEntry(canvas fyne.Canvas, source suggestionSource) *completionEntry {
	e := &completionEntry{canvas: canvas, source: source}
	e.ExtendBaseWidget(e)
	return e
}

// TypedRune is typing: the text changed, look suggestions up.
func (e *completionEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	e.textEdited()
}

// TypedKey passes the key on, and looks suggestions up when it edited the text.
func (e *completionEntry) TypedKey(key *fyne.KeyEvent) {
	before := e.Text
	e.Entry.TypedKey(key)
	if e.Text != before {
		e.textEdited()
	}
}

// TypedShortcut passes the shortcut on; a paste or cut edits the text.
func (e *completionEntry) TypedShortcut(s fyne.Shortcut) {
	before := e.Text
	e.Entry.TypedShortcut(s)
	if e.Text != before {
		e.textEdited()
	}
}

// FocusGained remembers the focus: suggestions only show while typing here.
func (e *completionEntry) FocusGained() {
	e.focused = true
	e.Entry.FocusGained()
}

// FocusLost closes the suggestions.
func (e *completionEntry) FocusLost() {
	e.focused = false
	e.hideSuggestions()
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

func (e *completionEntry) textEdited() {
	text := e.Text
	if strings.TrimSpace(text) == "" || e.source == nil {
		e.hideSuggestions()
		return
	}
	e.source(text, func(labels []string, choose func(int)) {
		// A late answer for text the clerk has since changed is dropped.
		if e.Text != text || !e.focused {
			return
		}
		e.showSuggestions(labels, choose)
	})
}

func (e *completionEntry) showSuggestions(labels []string, choose func(int)) {
	if len(labels) == 0 {
		e.hideSuggestions()
		return
	}
	if len(labels) > maxSuggestions {
		labels = labels[:maxSuggestions]
	}
	if e.list == nil {
		e.list = newSuggestionList(e)
		e.popup = widget.NewPopUp(e.list, e.canvas)
	}
	e.list.set(labels, choose)
	width := max(e.Size().Width, e.popupWidth)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.popup.Resize(fyne.NewSize(width, e.list.heightFor(len(labels))))
	e.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
	e.canvas.Focus(e.list)
}

func (e *completionEntry) hideSuggestions() {
	if e.popup != nil && e.popup.Visible() {
		e.popup.Hide()
	}
}

// suggestionsShown reports whether the popup is open (for tests).
func (e *completionEntry) suggestionsShown() bool {
	return e.popup != nil && e.popup.Visible()
}

// choose takes the i-th suggestion and closes the popup.
func (e *completionEntry) choose(i int) {
	choose := e.list.choose
	e.hideSuggestions()
	if choose != nil && i >= 0 && i < len(e.list.labels) {
		choose(i)
	}
}
