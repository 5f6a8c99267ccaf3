package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"fapiao/app"
)

// lookupTimeout bounds a suggestion look-up: a stuck database must not leave
// goroutines piling up behind a clerk's typing.
const lookupTimeout = 3 * time.Second

// buyerSuggestions offers buyers invoiced before whose name starts with
// what the clerk typed; choosing one fills every buyer field.
func (f *issueForm) buyerSuggestions(b *buyerSection) suggestionSource {
	return func(text string, deliver func([]string, func(int))) {
		if f.svc.Catalog == nil {
			return
		}
		prefix := strings.TrimSpace(text)
		f.tasks.run(func() {
			ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
			defer cancel()
			parties, err := f.svc.Catalog.SuggestBuyers(ctx, prefix, maxSuggestions)
			if err != nil {
				fyne.LogError("suggesting buyers", err)
				return
			}
			labels := make([]string, len(parties))
			for i, p := range parties {
				labels[i] = joinLabel(p.Name, p.TaxID)
			}
			fyne.Do(func() {
				deliver(labels, func(i int) { f.chooseBuyer(b, parties[i]) })
			})
		})
	}
}

// itemSuggestions offers items issued before; choosing one fills the line.
func (f *issueForm) itemSuggestions(r *lineRow) suggestionSource {
	return func(text string, deliver func([]string, func(int))) {
		if f.svc.Catalog == nil {
			return
		}
		prefix := strings.TrimSpace(text)
		f.tasks.run(func() {
			ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
			defer cancel()
			items, err := f.svc.Catalog.SuggestItems(ctx, prefix, maxSuggestions)
			if err != nil {
				fyne.LogError("suggesting items", err)
				return
			}
			labels := make([]string, len(items))
			for i, it := range items {
				rate := labelFromRate(app.NumText(it.TaxRate))
				labels[i] = joinLabel(it.Name, it.Spec, it.Unit, rate)
			}
			fyne.Do(func() {
				deliver(labels, func(i int) { r.fillFromCatalog(items[i]) })
			})
		})
	}
}

func joinLabel(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "   ")
}

// chooseBuyer fills the buyer from a suggestion and moves on to the lines.
func (f *issueForm) chooseBuyer(b *buyerSection, p app.Party) {
	f.silently(func() { b.load(p) })
	for _, path := range b.filled() {
		f.fields[path] = settled
	}
	f.changed()
	if first := f.lines.rows[0]; first.blank() {
		f.win.Canvas().Focus(first.name)
	}
}
