package ui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"
)

// showErrors puts each message beside the field it names — config.toml's
// name, or a secret's — and focuses the first; a message no field claims
// goes in the summary, so none is ever dropped. nil clears them all.
func (s *settingsScreen) showErrors(err error) {
	m := newFieldMessages(err)
	s.providerErr.set(m.take("provider", true))
	for _, f := range s.fields {
		f.box.errors.set(m.take(f.key, true))
	}
	for _, r := range s.secrets {
		r.field.errors.set(m.take(r.secret.Name, true))
	}
	s.unclaimed = m.unclaimed()
	s.showSummary()
	at := map[string]bool{}
	for _, field := range m.fields() {
		at[field] = true
	}
	for _, t := range s.targets {
		if at[t.name] {
			s.win.Canvas().Focus(t.entry)
			return
		}
	}
}

// edited clears a field's messages as the clerk starts to put it right.
func (s *settingsScreen) edited(errs *errorLabel) {
	if s.loading {
		return
	}
	errs.set(nil)
	s.changed()
}

// showSummary says how many fields still show a problem, and the
// problems of no field.
func (s *settingsScreen) showSummary() {
	n := 0
	count := func(e *errorLabel) {
		if e.Visible() {
			n++
		}
	}
	count(s.providerErr)
	for _, f := range s.fields {
		count(f.box.errors)
	}
	for _, r := range s.secrets {
		count(r.field.errors)
	}
	var lines []string
	if n > 0 {
		lines = append(lines, lang.X("settings.summary", "有 {{.N}} 处需要修改,见标红的字段", map[string]any{"N": strconv.Itoa(n)}))
	}
	s.summary.set(append(lines, s.unclaimed...))
}
