package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// creditLowPercent is the share of the credit line below which what is
// left is a warning: a few large invoices could use it up.
const creditLowPercent = 10

// creditCard is the 授信额度 card: what is left, as a figure and as a bar
// of used against remaining, how old the bureau's figure is, and 刷新.
type creditCard struct {
	remaining *widget.Label
	bar       *shareBar
	total     *widget.Label
	used      *widget.Label
	figures   fyne.CanvasObject
	age       *widget.Label
	problem   *widget.Label
	refresh   *widget.Button
	card      *widget.Card
}

func newCreditCard(w *mainWindow) *creditCard {
	c := &creditCard{remaining: widget.NewLabel(""), bar: newShareBar(), total: widget.NewLabel(""), used: widget.NewLabel(""),
		age: widget.NewLabel(""), problem: widget.NewLabel("")}
	c.remaining.TextStyle.Bold = true
	c.remaining.SizeName = theme.SizeNameSubHeadingText
	c.age.Wrapping = fyne.TextWrapWord
	c.problem.Importance = widget.DangerImportance
	c.problem.Wrapping = fyne.TextWrapWord
	c.problem.Hide()
	c.refresh = widget.NewButtonWithIcon(lang.X("dash.credit.refresh", "刷新"), theme.ViewRefreshIcon(), w.refreshCreditNow)
	c.figures = container.New(newTwoColumns(),
		captionLabel(lang.X("dash.credit.total", "总额度")), c.total,
		captionLabel(lang.X("dash.credit.used", "已使用")), c.used)
	head := container.NewBorder(nil, nil, nil, c.refresh, c.remaining)
	c.card = widget.NewCard(lang.X("dash.credit.title", "授信额度"), "",
		container.NewVBox(head, c.bar, c.figures, c.age, c.problem))
	return c
}

// show fills the card from the credit status (nil: never known) and the
// state of the clerk's refreshes, at now (the credit service's clock).
func (c *creditCard) show(st *app.CreditStatus, state dashState, now time.Time) {
	c.showButton(st, state, now)
	c.showProblem(state)
	if st == nil || !st.Known {
		c.remaining.SetText(lang.X("dash.credit.unknown", "尚未查询"))
		c.remaining.Importance = widget.MediumImportance
		c.remaining.Refresh()
		c.bar.Hide()
		c.figures.Hide()
		c.age.SetText(lang.X("dash.credit.unknown_hint", "点“刷新”向税局查询;税局限制每30秒查询一次"))
		return
	}
	c.remaining.SetText(lang.X("dash.credit.remaining", "剩余 {{.Amount}}", map[string]any{"Amount": groupedYuan(st.Remaining)}))
	c.remaining.Importance = widget.MediumImportance
	if creditLow(*st) {
		c.remaining.Importance = widget.WarningImportance
	}
	c.remaining.Refresh()
	c.bar.set(usedShare(*st), creditLow(*st))
	c.bar.Show()
	c.total.SetText(groupedYuan(st.Total))
	c.used.SetText(groupedYuan(st.Used))
	c.figures.Show()
	c.age.SetText(creditAgeText(*st, now))
}

// showButton is 刷新, or why it cannot be pressed now: a question is on
// its way, or the bureau's 30 s limit has seconds to run.
func (c *creditCard) showButton(st *app.CreditStatus, state dashState, now time.Time) {
	text, enabled := lang.X("dash.credit.refresh", "刷新"), true
	switch {
	case state.creditBusy:
		text, enabled = lang.X("dash.credit.refreshing", "正在查询……"), false
	case st != nil && now.Before(st.NextAt):
		text, enabled = lang.X("dash.credit.refresh_wait", "刷新({{.Seconds}}秒)",
			map[string]any{"Seconds": secondsLeft(st.NextAt, now)}), false
	}
	c.refresh.SetText(text)
	if enabled {
		c.refresh.Enable()
	} else {
		c.refresh.Disable()
	}
}

func (c *creditCard) showProblem(state dashState) {
	if state.creditErr == nil {
		c.problem.Hide()
		return
	}
	c.problem.SetText(lang.X("dash.credit.failed", "{{.At}} 查询授信额度失败:{{.Error}}",
		map[string]any{"At": clock(state.creditErrAt), "Error": state.creditErr.Error()}))
	c.problem.Show()
}

// creditAgeText says how old the bureau's figure is, and whether what was
// issued since has been reckoned against it.
func creditAgeText(st app.CreditStatus, now time.Time) string {
	age := ageText(st.At, now)
	if st.Adjusted {
		return lang.X("dash.credit.age_adjusted", "{{.Age}}的税局数据,已计入此后开具", map[string]any{"Age": age})
	}
	return lang.X("dash.credit.age", "{{.Age}},税局数据", map[string]any{"Age": age})
}

// creditLow reports whether less than creditLowPercent of the line is left.
func creditLow(st app.CreditStatus) bool {
	return st.Known && st.Total.IsPositive() &&
		st.Remaining.Mul(decimal.NewFromInt(100)).LessThan(st.Total.Mul(decimal.NewFromInt(creditLowPercent)))
}

// usedShare is the used part of the line, from 0 to 1, for drawing only.
func usedShare(st app.CreditStatus) float32 {
	if !st.Total.IsPositive() {
		return 0
	}
	share := st.Used.Div(st.Total).InexactFloat64()
	return float32(min(max(share, 0), 1))
}
