package ui

import (
	"errors"

	"fapiao/app"
)

// fieldMessages hands out a validation error's messages to the widgets of
// the fields they are about. Whatever no widget claims is shown in one
// place, so no message is ever silently dropped.
type fieldMessages struct {
	order   []string // fields in the order the domain reported them
	byField map[string][]string
	claimed map[string]bool
}

func newFieldMessages(err error) *fieldMessages {
	m := &fieldMessages{byField: map[string][]string{}, claimed: map[string]bool{}}
	var verr *app.ValidationError
	if !errors.As(err, &verr) {
		return m
	}
	for _, fe := range verr.Errors {
		if _, seen := m.byField[fe.Field]; !seen {
			m.order = append(m.order, fe.Field)
		}
		m.byField[fe.Field] = append(m.byField[fe.Field], fe.Message)
	}
	return m
}

// take claims a field's messages; they are returned only when visible (the
// clerk has edited the field, or tried to issue).
func (m *fieldMessages) take(field string, visible bool) []string {
	m.claimed[field] = true
	if !visible {
		return nil
	}
	return m.byField[field]
}

// unclaimed returns the messages of fields no widget claimed.
func (m *fieldMessages) unclaimed() []string {
	var out []string
	for _, f := range m.order {
		if !m.claimed[f] {
			out = append(out, m.byField[f]...)
		}
	}
	return out
}

// fields lists the fields with errors, in the domain's order.
func (m *fieldMessages) fields() []string { return m.order }
