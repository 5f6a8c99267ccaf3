package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// languageNames are shown in their own language, so a clerk who cannot read
// the current one still finds theirs.
var languageNames = map[string]string{langChinese: "中文", langEnglish: "English"}

// statusBar runs along the bottom of the window: who issues, whether this is
// the sandbox, for which seller, how start-up reconciliation went, and the
// language choice.
type statusBar struct {
	provider  *widget.Label
	sandbox   fyne.CanvasObject
	seller    *widget.Label
	reconcile *widget.Label
	notice    *widget.Label // transient problems, e.g. a draft that could not be saved
	language  *widget.Select
	content   fyne.CanvasObject
}

func newStatusBar(w *mainWindow) *statusBar {
	b := &statusBar{
		provider:  widget.NewLabel(lang.X("statusbar.provider", "开票服务:{{.Name}}", map[string]any{"Name": w.svc.Issuing.ProviderName()})),
		seller:    widget.NewLabel(lang.X("statusbar.seller", "销售方:{{.Name}}", map[string]any{"Name": w.svc.Issuing.Seller().Name})),
		reconcile: widget.NewLabel(w.reconcileStatus()),
		notice:    widget.NewLabel(""),
	}
	b.reconcile.Truncation = fyne.TextTruncateEllipsis
	b.notice.Importance = widget.DangerImportance
	b.notice.Hide()
	b.sandbox = sandboxBadge(w.svc.Sandbox)
	b.language = widget.NewSelect([]string{languageNames[langChinese], languageNames[langEnglish]}, func(name string) {
		for code, n := range languageNames {
			if n == name && code != savedLanguage(w.app) {
				w.setLanguage(code)
			}
		}
	})
	b.language.Selected = languageNames[savedLanguage(w.app)]
	left := container.NewHBox(b.sandbox, b.provider, b.seller, b.notice)
	right := container.NewHBox(widget.NewLabel("语言 Language"), b.language)
	b.content = container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, left, right, b.reconcile))
	return b
}

// sandboxBadge says plainly that invoices are not real; nothing when they are.
func sandboxBadge(on bool) fyne.CanvasObject {
	if !on {
		return container.NewHBox()
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	bg.CornerRadius = theme.InputRadiusSize()
	text := canvas.NewText(" "+lang.X("statusbar.sandbox", "沙箱模式:发票仅用于演示,不报送税局")+" ", theme.Color(theme.ColorNameForegroundOnWarning))
	text.TextStyle.Bold = true
	return container.NewCenter(container.NewStack(bg, container.NewPadded(text)))
}

func (b *statusBar) setReconcile(text string) { b.reconcile.SetText(text) }

func (b *statusBar) setNotice(text string) {
	b.notice.SetText(text)
	if text == "" {
		b.notice.Hide()
	} else {
		b.notice.Show()
	}
}
