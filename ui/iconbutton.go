package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowButton is a small icon button for a line's ↑ ↓ 删除. Unlike
// widget.Button it takes no keyboard focus, so Tab goes from a line's last
// field straight to the next line instead of through three buttons.
type rowButton struct {
	widget.BaseWidget

	icon     fyne.Resource
	hint     string // what it does, for tests and accessibility
	onTapped func()
	disabled bool
	hovered  bool

	bg    *canvas.Rectangle
	image *canvas.Image
}

func newRowButton(icon fyne.Resource, hint string, tapped func()) *rowButton {
	b := &rowButton{icon: icon, hint: hint, onTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped runs the action unless disabled.
func (b *rowButton) Tapped(*fyne.PointEvent) {
	if !b.disabled && b.onTapped != nil {
		b.onTapped()
	}
}

// MouseIn highlights the button.
func (b *rowButton) MouseIn(*desktop.MouseEvent) { b.hovered = true; b.Refresh() }

// MouseMoved is needed for desktop.Hoverable.
func (b *rowButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the highlight.
func (b *rowButton) MouseOut() { b.hovered = false; b.Refresh() }

func (b *rowButton) setDisabled(disabled bool) {
	if b.disabled != disabled {
		b.disabled = disabled
		b.Refresh()
	}
}

// MinSize is a square a little larger than an icon.
func (b *rowButton) MinSize() fyne.Size {
	s := theme.IconInlineSize() + theme.InnerPadding()
	return fyne.NewSize(s, s)
}

// CreateRenderer draws the icon over a hover background.
func (b *rowButton) CreateRenderer() fyne.WidgetRenderer {
	b.bg = canvas.NewRectangle(color.Transparent)
	b.bg.CornerRadius = theme.InputRadiusSize()
	b.image = canvas.NewImageFromResource(b.icon)
	b.image.FillMode = canvas.ImageFillContain
	b.image.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
	b.refreshLook()
	return &rowButtonRenderer{button: b, WidgetRenderer: widget.NewSimpleRenderer(
		container.NewStack(b.bg, container.NewCenter(b.image)))}
}

func (b *rowButton) refreshLook() {
	b.bg.FillColor = color.Transparent
	if b.hovered && !b.disabled {
		b.bg.FillColor = theme.Color(theme.ColorNameHover)
	}
	b.image.Resource = b.icon
	if b.disabled {
		b.image.Resource = theme.NewDisabledResource(b.icon)
	}
}

type rowButtonRenderer struct {
	fyne.WidgetRenderer
	button *rowButton
}

func (r *rowButtonRenderer) Refresh() {
	r.button.refreshLook()
	r.button.bg.Refresh()
	r.button.image.Refresh()
}
