package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shareBarHeight is the bar's thickness: visible at a glance, slimmer than
// a button.
const shareBarHeight = 14

// shareBar draws a whole as two rectangles: the used part from the left,
// the remaining part after it, each as wide as its share. The remaining
// part is green, or orange when it runs low (low).
type shareBar struct {
	widget.BaseWidget
	share float32 // the used part, 0 to 1
	low   bool
}

func newShareBar() *shareBar {
	b := &shareBar{}
	b.ExtendBaseWidget(b)
	return b
}

// set changes the used share and whether what remains is low.
func (b *shareBar) set(share float32, low bool) {
	b.share, b.low = min(max(share, 0), 1), low
	b.Refresh()
}

// CreateRenderer draws the two parts.
func (b *shareBar) CreateRenderer() fyne.WidgetRenderer {
	r := &shareBarRenderer{bar: b, used: canvas.NewRectangle(color.Transparent), remaining: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type shareBarRenderer struct {
	bar       *shareBar
	used      *canvas.Rectangle
	remaining *canvas.Rectangle
}

func (r *shareBarRenderer) Layout(size fyne.Size) {
	usedWidth := size.Width * r.bar.share
	r.used.Move(fyne.NewPos(0, 0))
	r.used.Resize(fyne.NewSize(usedWidth, size.Height))
	r.remaining.Move(fyne.NewPos(usedWidth, 0))
	r.remaining.Resize(fyne.NewSize(size.Width-usedWidth, size.Height))
}

func (r *shareBarRenderer) MinSize() fyne.Size { return fyne.NewSize(120, shareBarHeight) }

func (r *shareBarRenderer) Refresh() {
	r.used.FillColor = theme.Color(theme.ColorNameDisabled)
	r.remaining.FillColor = theme.Color(theme.ColorNameSuccess)
	if r.bar.low {
		r.remaining.FillColor = theme.Color(theme.ColorNameWarning)
	}
	r.Layout(r.bar.Size())
	r.used.Refresh()
	r.remaining.Refresh()
}

func (r *shareBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.used, r.remaining}
}

func (r *shareBarRenderer) Destroy() {}
