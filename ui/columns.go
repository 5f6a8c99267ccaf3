package ui

import "fyne.io/fyne/v2"

// columnsLayout lays objects out in one row with fixed minimum widths, and
// shares any extra width by weight. The line table's header and rows use
// the same layout, so their columns line up.
type columnsLayout struct {
	widths  []float32
	weights []float32
	gap     float32
}

func (c *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	widths := c.columnWidths(size.Width)
	x := float32(0)
	for i, o := range objects {
		if i >= len(widths) {
			break
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(widths[i], size.Height))
		x += widths[i] + c.gap
	}
}

func (c *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	h := float32(0)
	for i, o := range objects {
		if i >= len(c.widths) {
			break
		}
		w += c.widths[i]
		if !o.Visible() {
			continue
		}
		if mh := o.MinSize().Height; mh > h {
			h = mh
		}
	}
	if n := len(objects); n > 1 {
		w += c.gap * float32(min(n, len(c.widths))-1)
	}
	return fyne.NewSize(w, h)
}

func (c *columnsLayout) columnWidths(total float32) []float32 {
	widths := append([]float32(nil), c.widths...)
	fixed, weights := float32(0), float32(0)
	for i, w := range c.widths {
		fixed += w
		weights += c.weights[i]
	}
	extra := total - fixed - c.gap*float32(len(widths)-1)
	if extra <= 0 || weights == 0 {
		return widths
	}
	for i := range widths {
		widths[i] += extra * c.weights[i] / weights
	}
	return widths
}
