package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// chartDays is how many days the chart shows, today last.
const chartDays = 30

// weekendAlpha makes weekend bars lighter: few invoices are issued then,
// and a low bar on a Saturday is no news.
const weekendAlpha = 0x70

// dailyChart draws the invoices issued per day as bars — drawn with
// Fyne's canvas, no chart library —, today last, weekends lighter, the
// highest bar labelled with its count and a date under every seventh. A
// tap picks a day and hovering shows one; onChange hears of either, to
// show that day's figures.
type dailyChart struct {
	widget.BaseWidget
	days     []app.DayIssued // chartDays of them, oldest first
	today    time.Time
	selected int // the picked day
	hovered  int // the day under the mouse; -1 when none
	onChange func()
}

func newDailyChart(onChange func()) *dailyChart {
	c := &dailyChart{hovered: -1, onChange: onChange}
	c.ExtendBaseWidget(c)
	return c
}

// set shows days (exactly chartDays, oldest first) with selected picked.
func (c *dailyChart) set(days []app.DayIssued, today time.Time, selected int) {
	c.days, c.today, c.selected = days, today, selected
	c.Refresh()
}

// current is the day whose figures are shown: the hovered one, else the
// picked one.
func (c *dailyChart) current() int {
	if c.hovered >= 0 {
		return c.hovered
	}
	return c.selected
}

// dayAt is the day under x.
func (c *dailyChart) dayAt(x float32) int {
	if len(c.days) == 0 || c.Size().Width <= 0 {
		return -1
	}
	i := int(x / (c.Size().Width / float32(len(c.days))))
	return min(max(i, 0), len(c.days)-1)
}

// Tapped picks the day under the tap.
func (c *dailyChart) Tapped(ev *fyne.PointEvent) {
	if i := c.dayAt(ev.Position.X); i >= 0 {
		c.selected = i
		c.changed()
	}
}

// MouseIn shows the day under the mouse.
func (c *dailyChart) MouseIn(ev *desktop.MouseEvent) { c.MouseMoved(ev) }

// MouseMoved follows the mouse from day to day.
func (c *dailyChart) MouseMoved(ev *desktop.MouseEvent) {
	if i := c.dayAt(ev.Position.X); i != c.hovered {
		c.hovered = i
		c.changed()
	}
}

// MouseOut goes back to the picked day.
func (c *dailyChart) MouseOut() {
	c.hovered = -1
	c.changed()
}

func (c *dailyChart) changed() {
	c.Refresh()
	if c.onChange != nil {
		c.onChange()
	}
}

// peak is the index of the day with the most invoices (the latest of
// equals), and that count.
func (c *dailyChart) peak() (int, int64) {
	at, most := -1, int64(0)
	for i, d := range c.days {
		if d.Count > 0 && d.Count >= most {
			at, most = i, d.Count
		}
	}
	return at, most
}

// CreateRenderer makes one rectangle per day and the texts around them.
func (c *dailyChart) CreateRenderer() fyne.WidgetRenderer {
	r := &dailyChartRenderer{chart: c, highlight: canvas.NewRectangle(color.Transparent),
		baseline: canvas.NewLine(color.Transparent), peak: canvas.NewText("", color.Transparent),
		empty: canvas.NewText("", color.Transparent)}
	r.empty.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

// chartLabelEvery spaces the dates under the bars: a week apart, on
// today's weekday.
const chartLabelEvery = 7

// barShare is how much of its slot a bar fills, leaving a gap between bars.
const barShare = 0.66
