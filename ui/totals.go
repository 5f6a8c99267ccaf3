package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// totalsBar shows the invoice's sums as the clerk types: 合计金额, 合计税额,
// and 价税合计 in figures and in capital numerals.
type totalsBar struct {
	amount, tax, total, words *widget.Label
	content                   fyne.CanvasObject
}

func newTotalsBar() *totalsBar {
	t := &totalsBar{
		amount: widget.NewLabel(""),
		tax:    widget.NewLabel(""),
		total:  widget.NewLabel(""),
		words:  widget.NewLabel(""),
	}
	for _, value := range []*widget.Label{t.amount, t.tax, t.total, t.words} {
		value.TextStyle.Bold = true
	}
	t.total.Importance = widget.HighImportance
	t.content = container.NewVBox(
		container.NewHBox(
			widget.NewLabel(lang.X("totals.amount", "合计金额")), t.amount,
			widget.NewLabel(lang.X("totals.tax", "合计税额")), t.tax,
			widget.NewLabel(lang.X("totals.total", "价税合计(小写)")), t.total,
		),
		container.NewHBox(widget.NewLabel(lang.X("totals.words", "价税合计(大写)")), t.words),
	)
	return t
}

// show displays the totals of what could be computed so far.
func (t *totalsBar) show(inv app.Invoice) {
	t.amount.SetText(yuan(inv.TotalAmount))
	t.tax.SetText(yuan(inv.TotalTax))
	t.total.SetText(yuan(inv.Total))
	t.words.SetText(inv.TotalInWords())
}
