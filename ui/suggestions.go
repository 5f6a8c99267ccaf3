package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// suggestionList is the content of a completion entry's popup. It holds the
// keyboard while the popup shows: Up/Down move the highlight, Enter takes
// it, Escape and Tab close the popup; everything else goes to the entry.
type suggestionList struct {
	widget.BaseWidget

	entry     *completionEntry
	list      *widget.List
	labels    []string
	choose    func(int)
	highlight int
}

func newSuggestionList(e *completionEntry) *suggestionList {
	s := &suggestionList{entry: e}
	s.list = widget.NewList(
		func() int { return len(s.labels) },
		func() fyne.CanvasObject {
			bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
			return container.NewStack(bg, widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			stack := o.(*fyne.Container)
			stack.Objects[0].(*canvas.Rectangle).Hidden = id != s.highlight
			stack.Objects[1].(*widget.Label).SetText(s.labels[id])
			stack.Objects[0].Refresh()
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.UnselectAll()
		e.choose(id)
	}
	s.ExtendBaseWidget(s)
	return s
}

func (s *suggestionList) set(labels []string, choose func(int)) {
	s.labels, s.choose, s.highlight = labels, choose, 0
	s.list.Refresh()
	s.list.ScrollToTop()
}

func (s *suggestionList) heightFor(n int) float32 {
	row := widget.NewLabel("名").MinSize().Height + theme.Padding()
	return float32(n) * row
}

func (s *suggestionList) move(delta int) {
	if len(s.labels) == 0 {
		return
	}
	s.highlight = (s.highlight + delta + len(s.labels)) % len(s.labels)
	s.list.Refresh()
	s.list.ScrollTo(s.highlight)
}

// CreateRenderer shows the list.
func (s *suggestionList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.list)
}

// FocusGained is needed to take the keyboard; nothing to draw.
func (s *suggestionList) FocusGained() {}

// FocusLost needs no action: the popup closes itself.
func (s *suggestionList) FocusLost() {}

// AcceptsTab keeps Tab from cycling inside the popup: Tab closes it and
// moves on from the entry, as it would without suggestions.
func (s *suggestionList) AcceptsTab() bool { return true }

// TypedKey handles the popup's keys and passes the rest to the entry.
func (s *suggestionList) TypedKey(key *fyne.KeyEvent) {
	switch key.Name {
	case fyne.KeyDown:
		s.move(1)
	case fyne.KeyUp:
		s.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		s.entry.choose(s.highlight)
	case fyne.KeyEscape:
		s.entry.hideSuggestions()
	case fyne.KeyTab:
		s.entry.hideSuggestions()
		s.entry.canvas.FocusNext()
	default:
		s.entry.TypedKey(key)
	}
}

// TypedRune goes to the entry: the clerk keeps typing.
func (s *suggestionList) TypedRune(r rune) { s.entry.TypedRune(r) }

// TypedShortcut goes to the entry (paste, select all…).
func (s *suggestionList) TypedShortcut(sc fyne.Shortcut) { s.entry.TypedShortcut(sc) }
