package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// statsCard is the 开票统计 card: today's and this month's invoices and
// their amount including tax (red invoices subtract).
type statsCard struct {
	todayCount  *widget.Label
	todayAmount *widget.Label
	monthCount  *widget.Label
	monthAmount *widget.Label
	card        *widget.Card
}

func newStatsCard() *statsCard {
	c := &statsCard{todayCount: bigLabel(), todayAmount: widget.NewLabel(""), monthCount: bigLabel(), monthAmount: widget.NewLabel("")}
	today := container.NewVBox(captionLabel(lang.X("dash.stats.today", "今日")), c.todayCount, c.todayAmount)
	month := container.NewVBox(captionLabel(lang.X("dash.stats.month", "本月")), c.monthCount, c.monthAmount)
	c.card = widget.NewCard(lang.X("dash.stats.title", "开票统计"), lang.X("dash.stats.subtitle", "价税合计,红字发票冲减"),
		container.NewGridWithColumns(2, today, month))
	return c
}

// bigLabel is a card's headline figure.
func bigLabel() *widget.Label {
	l := widget.NewLabel("")
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// show fills the card.
func (c *statsCard) show(today, month app.DayIssued) {
	c.todayCount.SetText(invoiceCount(today.Count))
	c.todayAmount.SetText(groupedYuan(today.Amount))
	c.monthCount.SetText(invoiceCount(month.Count))
	c.monthAmount.SetText(groupedYuan(month.Amount))
}

// invoiceCount is a number of invoices: 3 张.
func invoiceCount(n int64) string {
	return lang.X("dash.stats.count", "{{.N}} 张", map[string]any{"N": groupedCount(n)})
}
