package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// messageWidth is the width of dialog text: wide enough for a provider's
// message on a few lines, narrow enough to read.
const messageWidth = 460

// widthLayout gives its content a fixed width and the height it needs at
// that width, so that wrapped text in a dialog neither squeezes into a
// column nor runs off as one line.
type widthLayout struct {
	width float32
}

func (l widthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l widthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

// wrappedText is text for a dialog, wrapped at messageWidth.
func wrappedText(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.New(widthLayout{width: messageWidth}, l)
}

// showMessage shows a titled message with a 关闭 button.
func showMessage(win fyne.Window, title, text string) dialog.Dialog {
	d := dialog.NewCustom(title, lang.X("dialog.close", "关闭"), wrappedText(text), win)
	d.Show()
	return d
}

// showProgress shows a modal progress dialog for work the clerk must wait
// for; the returned function closes it.
func showProgress(win fyne.Window, title, text string) (done func()) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(wrappedText(text), bar), win)
	d.Show()
	return func() {
		bar.Stop()
		d.Hide()
	}
}
