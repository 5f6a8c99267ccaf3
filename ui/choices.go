package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is an entry that lets Escape through to its dialog: a focused
// entry takes every key, so without it Escape would not cancel a wizard
// while the cursor is in a field. Enter goes to OnSubmitted as usual.
type keyEntry struct {
	widget.Entry
	onEscape func()
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Escape to onEscape and everything else to the entry.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// choiceSet is a set of mutually exclusive choices, each its own
// one-option radio group: unlike one widget.RadioGroup, each choice can be
// disabled on its own and have its reason shown beside it.
type choiceSet struct {
	groups    map[string]*widget.RadioGroup
	labels    map[string]string
	selected  string
	setting   int // >0 while the set changes its own groups
	onChanged func(value string)
	// afterPick runs after the clerk picked a choice (not after set).
	afterPick func()
}

func newChoiceSet(onChanged func(string)) *choiceSet {
	return &choiceSet{groups: map[string]*widget.RadioGroup{}, labels: map[string]string{}, onChanged: onChanged}
}

// add makes the choice value, shown as label.
func (s *choiceSet) add(value, label string) *widget.RadioGroup {
	g := widget.NewRadioGroup([]string{label}, nil)
	g.Required = true // a second tap must not clear the choice
	g.OnChanged = func(picked string) {
		if s.setting > 0 || picked == "" {
			return
		}
		s.set(value)
		if s.afterPick != nil {
			s.afterPick()
		}
	}
	s.groups[value], s.labels[value] = g, label
	return g
}

// set selects value ("" for none) and tells onChanged when it changed.
func (s *choiceSet) set(value string) {
	s.setting++
	for v, g := range s.groups {
		if v == value {
			g.SetSelected(s.labels[v])
		} else {
			g.SetSelected("")
		}
	}
	s.setting--
	if value == s.selected {
		return
	}
	s.selected = value
	if s.onChanged != nil {
		s.onChanged(value)
	}
}

// enable enables or disables one choice; a disabled choice that was
// selected is unselected.
func (s *choiceSet) enable(value string, on bool) {
	g := s.groups[value]
	if on {
		g.Enable()
		return
	}
	g.Disable()
	if s.selected == value {
		s.set("")
	}
}
