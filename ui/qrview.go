package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"fapiao/ui/qrimage"
)

// qrSize is the edge of a QR code on screen, comfortably above
// qrimage.MinScreenSize, so that a phone reads it at arm's length in one go.
const qrSize = 320

// The colours around and over a QR code. They are fixed, not the theme's:
// a phone camera needs dark modules on a light quiet zone, and a dark
// theme would make the quiet zone dark.
var (
	qrPaper = color.White
	qrInk   = color.Black
	// qrVeil covers an expired code, so that nobody scans it in vain.
	qrVeil = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xe8}
)

// qrView shows a QR code black on white in a square of qrSize, or a short
// message in its place while there is none.
type qrView struct {
	win     fyne.Window // whose scale decides the image's pixel size
	paper   *canvas.Rectangle
	image   *canvas.Image
	message *canvas.Text
	veil    *fyne.Container
	content *fyne.Container
}

func newQRView(win fyne.Window, expired string) *qrView {
	v := &qrView{win: win}
	v.paper = canvas.NewRectangle(qrPaper)
	v.paper.SetMinSize(fyne.NewSquareSize(qrSize + 2*theme.Padding()))
	v.image = canvas.NewImageFromImage(nil)
	v.image.FillMode = canvas.ImageFillContain
	// Nearest neighbour keeps the modules' edges sharp; a smooth filter
	// would blur them into grey.
	v.image.ScaleMode = canvas.ImageScalePixels
	v.image.Hide()
	v.message = canvas.NewText("", qrInk)
	v.message.TextSize = theme.TextSubHeadingSize()
	veilText := canvas.NewText(expired, qrInk)
	veilText.TextStyle.Bold = true
	veilText.TextSize = theme.TextHeadingSize()
	v.veil = container.NewStack(canvas.NewRectangle(qrVeil), container.NewCenter(veilText))
	v.veil.Hide()
	v.content = container.NewStack(v.paper, container.NewCenter(v.image), container.NewCenter(v.message), v.veil)
	return v
}

// showContent draws content as a QR code at the window's pixel density.
func (v *qrView) showContent(content string) error {
	img, err := qrimage.Image(content, int(math.Ceil(qrSize*float64(v.scale()))))
	if err != nil {
		return err
	}
	v.showImage(img)
	return nil
}

// showImage shows a QR code drawn elsewhere (a provider's PNG). It is
// scaled by a whole factor only, so that every module stays the same
// number of pixels wide, and as large as fits.
func (v *qrView) showImage(img image.Image) {
	scale := v.scale()
	px := float32(max(img.Bounds().Dx(), img.Bounds().Dy()))
	factor := max(1, float32(math.Floor(float64(qrSize*scale/px))))
	v.image.Image = img
	v.image.SetMinSize(fyne.NewSquareSize(px * factor / scale))
	v.image.Show()
	v.image.Refresh()
	v.message.Hide()
	v.veil.Hide()
}

// showMessage replaces the code by a message (fetching, failed).
func (v *qrView) showMessage(text string) {
	v.image.Hide()
	v.veil.Hide()
	v.message.Text = text
	v.message.Show()
	v.message.Refresh()
}

// setExpired covers the code, or uncovers it.
func (v *qrView) setExpired(expired bool) {
	if expired && v.image.Visible() {
		v.veil.Show()
	} else {
		v.veil.Hide()
	}
}

func (v *qrView) scale() float32 {
	if s := v.win.Canvas().Scale(); s > 0 {
		return s
	}
	return 1
}
