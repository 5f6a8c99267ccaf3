package ui

import (
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// chartCard is the 近30天开票 card: the chart, and above it the figures of
// the day picked or under the mouse (today's until then).
type chartCard struct {
	w     *mainWindow
	day   *widget.Label
	chart *dailyChart
	days  []app.DayIssued
	today time.Time
	card  *widget.Card
}

func newChartCard(w *mainWindow) *chartCard {
	c := &chartCard{w: w, day: widget.NewLabel("")}
	c.day.TextStyle.Bold = true
	c.chart = newDailyChart(c.changed)
	c.card = widget.NewCard(lang.X("dash.chart.title", "近30天开票"), lang.X("dash.chart.subtitle", "每日开具张数,浅色为周末;点击柱子查看当天"),
		container.NewBorder(c.day, nil, nil, nil, c.chart))
	return c
}

// show draws the last 30 days of daily (which may lack days: they count
// as none) up to at's day, with selected picked (zero: today).
func (c *chartCard) show(daily []app.DayIssued, at, selected time.Time) {
	c.days, c.today = lastDays(daily, at), at
	pick := len(c.days) - 1
	for i, d := range c.days {
		if !selected.IsZero() && sameDay(d.Day, selected) {
			pick = i
		}
	}
	c.chart.set(c.days, at, pick)
	c.showDay()
}

// changed follows a tap or the mouse: the picked day survives a refresh.
func (c *chartCard) changed() {
	if c.chart.selected >= 0 && c.chart.selected < len(c.days) {
		c.w.dashState.selectedDay = c.days[c.chart.selected].Day
	}
	c.showDay()
}

// showDay shows the current day's count and amount.
func (c *chartCard) showDay() {
	i := c.chart.current()
	if i < 0 || i >= len(c.days) {
		c.day.SetText("")
		return
	}
	d := c.days[i]
	c.day.SetText(lang.X("dash.chart.day", "{{.Day}}:{{.Figures}}",
		map[string]any{"Day": dayName(d.Day, c.today), "Figures": countAndAmount(d)}))
}

// lastDays is one entry per China day, the chartDays up to at's day,
// filled from daily by date.
func lastDays(daily []app.DayIssued, at time.Time) []app.DayIssued {
	at = at.In(app.ChinaTime)
	today := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, app.ChinaTime)
	byDate := make(map[string]app.DayIssued, len(daily))
	for _, d := range daily {
		byDate[d.Day.In(app.ChinaTime).Format(time.DateOnly)] = d
	}
	days := make([]app.DayIssued, chartDays)
	for i := range days {
		day := today.AddDate(0, 0, i-(chartDays-1))
		days[i] = app.DayIssued{Day: day}
		if d, ok := byDate[day.Format(time.DateOnly)]; ok {
			days[i].Count, days[i].Amount = d.Count, d.Amount
		}
	}
	return days
}

// sameDay reports whether a and b fall on the same China day.
func sameDay(a, b time.Time) bool {
	return a.In(app.ChinaTime).Format(time.DateOnly) == b.In(app.ChinaTime).Format(time.DateOnly)
}
