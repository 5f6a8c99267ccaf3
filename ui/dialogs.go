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
	answerFromKeyboard(win, d, nil)
	d.Show()
	return d
}

// showConfirm asks a yes/no question; Enter answers yes, Escape no.
func showConfirm(win fyne.Window, title, text string, answer func(bool)) {
	d := dialog.NewConfirm(title, text, answer, win)
	answerFromKeyboard(win, d, d.Confirm)
	d.Show()
}

// answerFromKeyboard lets the clerk answer a dialog without the mouse:
// Escape dismisses it and Enter takes onEnter (or dismisses it when nil).
// Fyne's dialogs only react to clicks, and a clerk's hands are on the
// keyboard. The window's own key handler is restored when the dialog closes.
func answerFromKeyboard(win fyne.Window, d dialog.Dialog, onEnter func()) {
	if onEnter == nil {
		onEnter = d.Hide
	}
	keysForDialog(win, d, d.Hide, onEnter)
}

// keysForDialog routes Escape to onEscape and Enter to onEnter while d is
// open, for dialogs whose keys mean more than "close" (the red wizard's
// steps). Keys typed into a focused field go to that field, not here.
func keysForDialog(win fyne.Window, d dialog.Dialog, onEscape, onEnter func()) {
	c := win.Canvas()
	previous := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch {
		case ev.Name == fyne.KeyEscape:
			onEscape()
		case isEnter(ev):
			onEnter()
		case previous != nil:
			previous(ev)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(previous) })
}

func isEnter(ev *fyne.KeyEvent) bool {
	return ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter
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

// fixedWidth gives o (usually a wrapping label) a fixed width and the
// height it needs at that width.
func fixedWidth(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(widthLayout{width: width}, o)
}

// centredLabel is a centred label of the given text size that wraps words.
func centredLabel(bold bool, size fyne.ThemeSizeName) *widget.Label {
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignCenter
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Bold = bold
	l.SizeName = size
	return l
}
