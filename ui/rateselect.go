package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"
)

// rateSelect is the tax-rate select, with keyboard selection: typing a
// digit picks the next rate starting with it (1 → 13%, 1.5%, 1%), so a clerk
// tabbing through a line never needs the mouse.
type rateSelect struct {
	widget.Select
}

func newRateSelect(changed func(string)) *rateSelect {
	s := &rateSelect{}
	s.Options = rateLabels()
	s.PlaceHolder = "—"
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedRune selects the next option that starts with the typed character.
func (s *rateSelect) TypedRune(r rune) {
	prefix := string(r)
	start := s.SelectedIndex() + 1
	for i := range s.Options {
		option := s.Options[(start+i)%len(s.Options)]
		if strings.HasPrefix(option, prefix) {
			s.SetSelected(option)
			return
		}
	}
}
