package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// languageNames are shown in their own language, so a clerk who cannot read
// the current one still finds theirs.
var languageNames = map[string]string{langChinese: "中文", langEnglish: "English"}

// statusBar runs along the bottom of the window: who issues, whether this is
// the sandbox, for which seller, how start-up reconciliation went, whether
// the clerk is logged in to the e-tax bureau and how long face
// authentication lasts, and the language choice.
type statusBar struct {
	provider  *widget.Label
	sandbox   fyne.CanvasObject
	seller    *widget.Label
	reconcile *widget.Label
	notice    *widget.Label // transient problems, e.g. a draft that could not be saved
	// login and face are hidden when the provider has no e-tax login or
	// face authentication; a click opens the login dialog or the QR panel.
	login     *widget.Button
	face      *widget.Button
	faceError *widget.Label // the bureau could not be asked about face authentication
	// faceNote says, where the face button would be, why the provider
	// needs no face authentication (迅联云, 乐企).
	faceNote  fyne.CanvasObject
	settings  *widget.Button // opens 设置; hidden without a settings service
	redError  *widget.Label  // the last round of questions about pending red forms failed
	credit    *widget.Label  // 剩余授信额度; hidden when the provider cannot report it
	poolError *widget.Label  // the number pool's scheduler failed
	newYear   *widget.Label  // December: next year's numbers are needed on 1 January
	session   fyne.CanvasObject
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
	b.login = widget.NewButtonWithIcon("", theme.LoginIcon(), w.loginOnDemand)
	b.face = widget.NewButtonWithIcon("", theme.AccountIcon(), w.faceOnDemand)
	b.faceError = widget.NewLabel("")
	b.faceError.Importance = widget.DangerImportance
	b.faceError.Truncation = fyne.TextTruncateEllipsis
	b.faceError.Hide()
	if w.svc.Login == nil {
		b.login.Hide()
	}
	if w.svc.Face == nil {
		b.face.Hide()
	}
	b.faceNote = whyNote(w.missingWhy(app.FeatureFaceAuth))
	if w.svc.Face != nil {
		b.faceNote.Hide()
	}
	b.redError = widget.NewLabel("")
	b.redError.Importance = widget.DangerImportance
	b.redError.Truncation = fyne.TextTruncateEllipsis
	b.redError.Hide()
	b.credit = widget.NewLabel("")
	if w.svc.Credit == nil {
		b.credit.Hide()
	}
	b.poolError = widget.NewLabel("")
	b.poolError.Importance = widget.DangerImportance
	b.poolError.Truncation = fyne.TextTruncateEllipsis
	b.poolError.Hide()
	b.newYear = widget.NewLabel("")
	b.newYear.Importance = widget.WarningImportance
	b.newYear.Wrapping = fyne.TextWrapWord // its last words are the instruction: never cut off
	b.newYear.Hide()
	// Two lines: one line cannot hold everything at the window's width,
	// and the session line is what the clerk most needs to see.
	session := container.NewBorder(nil, nil, container.NewHBox(b.login, b.face, b.faceNote), b.credit,
		container.NewVBox(b.faceError, b.redError, b.poolError, b.newYear))
	if w.svc.Login == nil && w.svc.Face == nil && w.svc.Credit == nil && !b.faceNote.Visible() {
		session.Hide()
	}
	b.session = session
	left := container.NewHBox(b.sandbox, b.provider, b.seller, b.notice)
	b.settings = widget.NewButtonWithIcon(lang.X("statusbar.settings", "设置"), theme.SettingsIcon(), w.openSettings)
	if w.svc.Settings == nil {
		b.settings.Hide()
	}
	right := container.NewHBox(b.settings, widget.NewLabel("语言 Language"), b.language)
	b.content = container.NewVBox(widget.NewSeparator(), session, container.NewBorder(nil, nil, left, right, b.reconcile))
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

// showLogin shows the e-tax login state; now decides whether the login
// time needs its date.
func (b *statusBar) showLogin(st app.LoginStatus, now time.Time) {
	text, importance := loginStatusText(st, now)
	setButton(b.login, text, importance)
}

// showFace shows how long face authentication lasts, and checkErr, the
// failure of the last question to the bureau, if it still stands.
func (b *statusBar) showFace(st app.FaceStatus, checkErr error) {
	text, importance := faceStatusText(st)
	setButton(b.face, text, importance)
	if checkErr == nil {
		b.faceError.Hide()
		return
	}
	b.faceError.SetText(lang.X("statusbar.face_check_failed", "未能向税局查询人脸认证状态:{{.Error}}",
		map[string]any{"Error": checkErr.Error()}))
	b.faceError.Show()
}

func setButton(b *widget.Button, text string, importance widget.Importance) {
	if b.Text == text && b.Importance == importance {
		return
	}
	b.Text, b.Importance = text, importance
	b.Refresh()
}
