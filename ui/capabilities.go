package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// missingWhy is why the running providers lack f, for the places a clerk
// would look for it; "" when they have it, or when nobody said what they
// can do (Services built by hand leave Capabilities unset).
func (w *mainWindow) missingWhy(f app.Feature) string {
	caps := w.svc.Capabilities
	if caps.Provider == "" || caps.Has(f) {
		return ""
	}
	return caps.Why(f)
}

// directRed reports whether red invoices go straight against the blue one
// (迅联云): no red-letter form, nobody to wait for.
func (w *mainWindow) directRed() bool {
	return w.svc.Red != nil && w.svc.Red.Direct()
}

// providerLabel names who issues, for sentences about it.
func (w *mainWindow) providerLabel() string {
	if p := w.svc.Capabilities.Provider; p != "" {
		return providerName(p)
	}
	return w.svc.Issuing.ProviderName()
}

// whyNote explains, with an info icon, why something the clerk might look
// for is absent; hidden when there is nothing to explain.
func whyNote(why string) fyne.CanvasObject {
	note := container.NewHBox(widget.NewIcon(theme.InfoIcon()), widget.NewLabel(why))
	if why == "" {
		note.Hide()
	}
	return note
}

// unavailableCard stands where a card would be for what the provider
// lacks, and says why.
func unavailableCard(title, why string) *widget.Card {
	l := widget.NewLabel(why)
	l.Wrapping = fyne.TextWrapWord
	icon := container.NewVBox(widget.NewIcon(theme.InfoIcon())) // beside the first line, not the middle
	return widget.NewCard(title, "", container.NewBorder(nil, nil, icon, nil, l))
}
