package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// formatTime shows a time in China's zone, where invoices are dated; the
// zero time (not issued yet) shows as a dash.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(app.ChinaTime).Format("2006-01-02 15:04")
}

// formatDate is the date alone, for the list.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(app.ChinaTime).Format("2006-01-02")
}

// statusLabel is a status in the UI's language.
func statusLabel(s app.Status) string {
	return lang.X("status."+string(s), s.Label())
}

// typeLabel is an invoice type in the UI's language.
func typeLabel(t app.InvoiceType) string {
	switch t {
	case app.TypeOrdinary:
		return lang.X("type.82", "普通发票")
	case app.TypeSpecial:
		return lang.X("type.81", "增值税专用发票")
	}
	return t.Label()
}

// captionLabel is the caption of a value in a details grid. It is not
// dimmed: Fyne's low importance is unreadable on the light theme.
func captionLabel(text string) *widget.Label {
	return widget.NewLabel(text)
}

// newTwoColumns lays out caption/value pairs.
func newTwoColumns() fyne.Layout { return layout.NewFormLayout() }
