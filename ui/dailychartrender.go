package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// dailyChartRenderer draws a dailyChart: a highlight behind the shown
// day, a bar per day on a baseline, the peak's count above its bar, dates
// below, and a word across an empty chart.
type dailyChartRenderer struct {
	chart     *dailyChart
	highlight *canvas.Rectangle
	bars      []*canvas.Rectangle
	baseline  *canvas.Line
	peak      *canvas.Text
	dates     []*canvas.Text // one per day; only every seventh has text
	empty     *canvas.Text
}

func (r *dailyChartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(chartDays*10, 150)
}

// textHeight is the room a line of caption text needs.
func (r *dailyChartRenderer) textHeight() float32 {
	return fyne.MeasureText("0", theme.CaptionTextSize(), fyne.TextStyle{}).Height + theme.Padding()
}

func (r *dailyChartRenderer) Layout(size fyne.Size) {
	n := len(r.bars)
	if n == 0 {
		return
	}
	textH := r.textHeight()
	plotTop, plotH := textH, size.Height-2*textH
	baseY := plotTop + plotH
	slot := size.Width / float32(n)
	peakAt, most := r.chart.peak()
	for i, bar := range r.bars {
		h := float32(0)
		if most > 0 {
			h = plotH * float32(r.chart.days[i].Count) / float32(most)
		}
		barW := slot * barShare
		bar.Move(fyne.NewPos(float32(i)*slot+(slot-barW)/2, baseY-h))
		bar.Resize(fyne.NewSize(barW, h))
		r.placeDate(r.dates[i], i, slot, baseY, size.Width)
		if i == peakAt {
			w := r.peak.MinSize().Width
			r.peak.Move(fyne.NewPos(clampX(float32(i)*slot+slot/2-w/2, w, size.Width), baseY-h-textH))
		}
	}
	cur := r.chart.current()
	r.highlight.Move(fyne.NewPos(float32(cur)*slot, plotTop))
	r.highlight.Resize(fyne.NewSize(slot, plotH))
	r.baseline.Position1 = fyne.NewPos(0, baseY)
	r.baseline.Position2 = fyne.NewPos(size.Width, baseY)
	r.empty.Move(fyne.NewPos(0, plotTop+plotH/2-textH/2))
	r.empty.Resize(fyne.NewSize(size.Width, textH))
}

// placeDate centres a date under its bar, inside the chart.
func (r *dailyChartRenderer) placeDate(t *canvas.Text, i int, slot, baseY, width float32) {
	w := t.MinSize().Width
	t.Move(fyne.NewPos(clampX(float32(i)*slot+slot/2-w/2, w, width), baseY+theme.Padding()/2))
}

// clampX keeps a text of width w that starts at x inside [0, width].
func clampX(x, w, width float32) float32 {
	return max(0, min(x, width-w))
}

// Refresh rebuilds the objects for the days and colours them from the
// theme, so a theme change repaints them.
func (r *dailyChartRenderer) Refresh() {
	c := r.chart
	for len(r.bars) < len(c.days) {
		r.bars = append(r.bars, canvas.NewRectangle(color.Transparent))
		r.dates = append(r.dates, canvas.NewText("", color.Transparent))
	}
	r.bars, r.dates = r.bars[:len(c.days)], r.dates[:len(c.days)]
	primary := theme.Color(theme.ColorNamePrimary)
	foreground := theme.Color(theme.ColorNameForeground)
	for i, bar := range r.bars {
		bar.FillColor = primary
		if isWeekend(c.days[i].Day) {
			bar.FillColor = withAlpha(primary, weekendAlpha)
		}
		r.dates[i].Text = ""
		if (len(c.days)-1-i)%chartLabelEvery == 0 {
			r.dates[i].Text = dayName(c.days[i].Day, c.today)
		}
		r.dates[i].Color, r.dates[i].TextSize = foreground, theme.CaptionTextSize()
	}
	r.highlight.FillColor = theme.Color(theme.ColorNameHover)
	r.baseline.StrokeColor, r.baseline.StrokeWidth = theme.Color(theme.ColorNameDisabled), 1
	peakAt, most := c.peak()
	r.peak.Text, r.peak.Color, r.peak.TextSize, r.peak.TextStyle.Bold = "", foreground, theme.CaptionTextSize(), true
	if peakAt >= 0 {
		r.peak.Text = invoiceCount(most)
	}
	r.empty.Text, r.empty.Color, r.empty.TextSize = "", foreground, theme.TextSize()
	if peakAt < 0 && len(c.days) > 0 {
		r.empty.Text = lang.X("dash.chart.empty", "近30天没有开具发票")
	}
	r.Layout(c.Size())
	canvas.Refresh(c)
}

func (r *dailyChartRenderer) Objects() []fyne.CanvasObject {
	objects := []fyne.CanvasObject{r.highlight, r.baseline}
	for _, b := range r.bars {
		objects = append(objects, b)
	}
	for _, d := range r.dates {
		objects = append(objects, d)
	}
	return append(objects, r.peak, r.empty)
}

func (r *dailyChartRenderer) Destroy() {}

// withAlpha is c with its opacity set to a (0–255), for lighter bars.
func withAlpha(c color.Color, a uint8) color.Color {
	nrgba := color.NRGBAModel.Convert(c).(color.NRGBA)
	nrgba.A = a
	return nrgba
}
