package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// errorLabel shows a field's messages in red under it, and takes no space
// when there are none.
type errorLabel struct {
	*widget.Label
}

func newErrorLabel() *errorLabel {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return &errorLabel{Label: l}
}

// set shows the messages, one a line; none hides the label.
func (e *errorLabel) set(messages []string) {
	text := strings.Join(messages, "\n")
	if text == e.Text && e.Visible() == (text != "") {
		return
	}
	e.SetText(text)
	if text == "" {
		e.Hide()
	} else {
		e.Show()
	}
}

// messages are the messages shown now.
func (e *errorLabel) messages() []string {
	if e.Text == "" {
		return nil
	}
	return strings.Split(e.Text, "\n")
}

// outlined draws a red frame around a cell of the line table when the
// cell's field has an error; the messages themselves go under the row.
type outlined struct {
	frame *canvas.Rectangle
	box   *fyne.Container
}

func newOutlined(input fyne.CanvasObject) *outlined {
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeColor = theme.Color(theme.ColorNameError)
	frame.StrokeWidth = 2
	frame.CornerRadius = theme.InputRadiusSize()
	frame.Hide()
	return &outlined{frame: frame, box: container.NewStack(input, frame)}
}

func (o *outlined) mark(bad bool) {
	if bad == o.frame.Visible() {
		return
	}
	if bad {
		o.frame.StrokeColor = theme.Color(theme.ColorNameError) // the theme may have changed variant
		o.frame.Show()
	} else {
		o.frame.Hide()
	}
}

// labelled is an input with its caption and its error label, as the buyer
// section and the remark row lay them out.
type labelled struct {
	caption *widget.Label
	input   fyne.CanvasObject
	errors  *errorLabel
	cell    *fyne.Container // input over its errors
}

func newLabelled(caption string, input fyne.CanvasObject) *labelled {
	errs := newErrorLabel()
	return &labelled{
		caption: widget.NewLabel(caption),
		input:   input,
		errors:  errs,
		cell:    container.NewVBox(input, errs),
	}
}
