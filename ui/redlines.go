package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// newRedLineColumns lays out a table of red lines: 序号, 项目名称, 数量,
// 单价, 金额, 税率, 税额.
func newRedLineColumns() *columnsLayout {
	return &columnsLayout{
		widths:  []float32{52, 180, 72, 96, 100, 56, 90},
		weights: []float32{0, 1, 0, 0, 0, 0, 0},
		gap:     theme.Padding(),
	}
}

// redLinesView shows red lines as the bureau sees them — negative — with
// their totals under them.
func redLinesView(lines []app.RedLine) fyne.CanvasObject {
	row := func(bold bool, cells ...string) fyne.CanvasObject {
		objects := make([]fyne.CanvasObject, len(cells))
		for i, c := range cells {
			l := widget.NewLabel(c)
			l.Truncation = fyne.TextTruncateEllipsis
			l.TextStyle.Bold = bold
			if i >= 2 {
				l.Alignment = fyne.TextAlignTrailing
			}
			objects[i] = l
		}
		return container.New(newRedLineColumns(), objects...)
	}
	objects := []fyne.CanvasObject{row(true,
		lang.X("red.line.index", "序号"), lang.X("line.name", "项目名称"), lang.X("line.quantity", "数量"),
		lang.X("line.price", "单价"), lang.X("detail.amount_excl", "金额"), lang.X("line.tax_rate", "税率"),
		lang.X("detail.tax", "税额"))}
	for _, l := range lines {
		quantity, price := "", ""
		if l.Quantity.Valid {
			quantity = app.FormatQuantity(l.Quantity.Decimal)
		}
		if p := l.PriceExclTax(); p.Valid {
			price = app.FormatQuantity(p.Decimal.Abs())
		}
		name := l.Name
		if l.Nature == app.NatureDiscount {
			name = "    " + lang.X("detail.discount_line", "折扣")
		}
		objects = append(objects, row(false, strconv.Itoa(l.Index), name, quantity, price,
			app.FormatMoney(l.AmountExcl), rateLabel(l.TaxRate), app.FormatMoney(l.Tax)))
	}
	objects = append(objects, widget.NewSeparator(), redTotalsRow(app.SumLines(redLineBodies(lines))))
	return container.NewVBox(objects...)
}

// redTotalsRow is 合计金额, 合计税额 and 价税合计 in one line.
func redTotalsRow(t app.Totals) fyne.CanvasObject {
	bold := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	total := bold(yuan(t.Total))
	total.Importance = widget.DangerImportance
	return container.NewHBox(
		widget.NewLabel(lang.X("totals.amount", "合计金额")), bold(yuan(t.Amount)),
		widget.NewLabel(lang.X("totals.tax", "合计税额")), bold(yuan(t.Tax)),
		widget.NewLabel(lang.X("issued.total", "价税合计")), total,
	)
}

// redLineBodies drops the blue line indexes, for the tax engine's sums.
func redLineBodies(lines []app.RedLine) []app.Line {
	out := make([]app.Line, len(lines))
	for i, l := range lines {
		out[i] = l.Line
	}
	return out
}
