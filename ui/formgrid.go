package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// formGridLayout lays caption/field pairs out in rows of `pairs` pairs:
// captions take their widest width, fields share the rest. The objects are
// in reading order, so Tab moves along a row, then to the next row.
type formGridLayout struct {
	pairs int
}

// minCaptionWidth lines up the captions of the form's separate grids.
const minCaptionWidth = 96

// newFormGrid builds a grid of the fields, `pairs` of them a row.
func newFormGrid(pairs int, fields ...*labelled) *fyne.Container {
	objects := make([]fyne.CanvasObject, 0, 2*len(fields))
	for _, f := range fields {
		objects = append(objects, f.caption, f.cell)
	}
	return container.New(&formGridLayout{pairs: pairs}, objects...)
}

func (g *formGridLayout) captionWidth(objects []fyne.CanvasObject) float32 {
	w := float32(minCaptionWidth)
	for i := 0; i < len(objects); i += 2 {
		w = max(w, objects[i].MinSize().Width)
	}
	return w
}

func (g *formGridLayout) rowHeights(objects []fyne.CanvasObject) []float32 {
	per := 2 * g.pairs
	var heights []float32
	for start := 0; start < len(objects); start += per {
		h := float32(0)
		for _, o := range objects[start:min(start+per, len(objects))] {
			h = max(h, o.MinSize().Height)
		}
		heights = append(heights, h)
	}
	return heights
}

func (g *formGridLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	captionW := g.captionWidth(objects)
	fieldW := (size.Width - float32(g.pairs)*captionW - float32(2*g.pairs-1)*pad) / float32(g.pairs)
	y := float32(0)
	for row, h := range g.rowHeights(objects) {
		x := float32(0)
		for col := 0; col < g.pairs; col++ {
			i := 2 * (row*g.pairs + col)
			if i >= len(objects) {
				break
			}
			caption, field := objects[i], objects[i+1]
			// Captions line up with the input's first line, not the middle
			// of a cell that grew an error message.
			caption.Move(fyne.NewPos(x, y))
			caption.Resize(fyne.NewSize(captionW, caption.MinSize().Height))
			x += captionW + pad
			field.Move(fyne.NewPos(x, y))
			field.Resize(fyne.NewSize(fieldW, h))
			x += fieldW + pad
		}
		y += h + pad
	}
}

func (g *formGridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	captionW := g.captionWidth(objects)
	fieldW := float32(0)
	for i := 1; i < len(objects); i += 2 {
		fieldW = max(fieldW, objects[i].MinSize().Width)
	}
	h := float32(0)
	heights := g.rowHeights(objects)
	for _, rh := range heights {
		h += rh
	}
	if len(heights) > 1 {
		h += pad * float32(len(heights)-1)
	}
	w := float32(g.pairs)*(captionW+fieldW) + float32(2*g.pairs-1)*pad
	return fyne.NewSize(w, h)
}
