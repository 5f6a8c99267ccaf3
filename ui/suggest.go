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

// buyerSuggestions offers buyers invoiced before whose name contains what
// the clerk typed; choosing one fills every buyer field.
func (f *issueForm) buyerSuggestions(b *buyerSection) suggestionSource {
	return suggestFromCatalog(f, "buyers",
		func(c app.CatalogStore) lookup[app.Party] { return c.SuggestBuyers },
		func(p app.Party) string { return joinLabel(p.Name, p.TaxID) },
		func(p app.Party) { f.chooseBuyer(b, p) })
}

// itemSuggestions offers items issued before; choosing one fills the line.
func (f *issueForm) itemSuggestions(r *lineRow) suggestionSource {
	return suggestFromCatalog(f, "items",
		func(c app.CatalogStore) lookup[app.CatalogItem] { return c.SuggestItems },
		func(it app.CatalogItem) string {
			return joinLabel(it.Name, it.Spec, it.Unit, labelFromRate(app.NumText(it.TaxRate)))
		},
		r.fillFromCatalog)
}

// lookup is a catalog query: what matches text, at most limit of them.
type lookup[T any] func(ctx context.Context, text string, limit int) ([]T, error)

// suggestFromCatalog runs a catalog query off the UI goroutine as the clerk
// types, and offers what it finds as labels; choosing one calls choose.
func suggestFromCatalog[T any](f *issueForm, what string, query func(app.CatalogStore) lookup[T],
	label func(T) string, choose func(T)) suggestionSource {
	return func(text string, deliver func([]string, func(int))) {
		if f.svc.Catalog == nil {
			return
		}
		find := query(f.svc.Catalog)
		text = strings.TrimSpace(text)
		f.tasks.run(func() {
			ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
			defer cancel()
			found, err := find(ctx, text, maxSuggestions)
			if err != nil {
				fyne.LogError("suggesting "+what, err)
				return
			}
			labels := make([]string, len(found))
			for i, x := range found {
				labels[i] = label(x)
			}
			f.tasks.toUI(func() {
				deliver(labels, func(i int) { choose(found[i]) })
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
