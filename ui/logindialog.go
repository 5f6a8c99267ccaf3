package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// The login dialog's tabs, in order.
const (
	loginTabSMS = iota
	loginTabQR
	loginTabCert
)

// loginDialog logs the clerk in to the e-tax bureau (电子税务局): by SMS
// code (the default), by QR code or by certificate. It closes itself on
// success and then calls onLoggedIn. Its goroutines (the SMS cool-down,
// the QR login's poller) run under ctx, which ends when it closes.
type loginDialog struct {
	w           *mainWindow
	login       *app.LoginService
	ctx         context.Context
	cancel      context.CancelFunc
	onLoggedIn  func()
	onCancelled func()
	loggedIn    bool
	closed      bool

	sms    *smsLogin
	qr     *qrLogin
	cert   *certLogin
	tabs   *container.AppTabs
	dialog *dialog.CustomDialog
}

// openLoginDialog shows the login dialog. reason, when not empty, says why
// it opened; onLoggedIn runs after a successful login, onCancelled when the
// clerk closes the dialog without one. Either may be nil. One at a time.
func (w *mainWindow) openLoginDialog(reason string, onLoggedIn, onCancelled func()) {
	if w.svc.Login == nil || w.loginBox != nil {
		return
	}
	d := &loginDialog{w: w, login: w.svc.Login, onLoggedIn: onLoggedIn, onCancelled: onCancelled}
	d.ctx, d.cancel = context.WithCancel(w.ctx)
	w.loginBox = d
	d.sms = newSMSLogin(d)
	d.qr = newQRLogin(d)
	d.cert = newCertLogin(d)
	d.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("login.tab.sms", "短信验证码"), theme.MailComposeIcon(), d.sms.content),
		container.NewTabItemWithIcon(lang.X("login.tab.qr", "扫码登录"), theme.ViewFullScreenIcon(), d.qr.content),
		container.NewTabItemWithIcon(lang.X("login.tab.cert", "证书登录"), theme.StorageIcon(), d.cert.content),
	)
	// A QR login costs the bureau a code: start one only when asked for.
	d.tabs.OnSelected = func(*container.TabItem) {
		if d.tabs.SelectedIndex() == loginTabQR {
			d.qr.startOnce()
		}
	}
	body := fyne.CanvasObject(d.tabs)
	if reason != "" {
		why := widget.NewLabel(reason)
		why.Wrapping = fyne.TextWrapWord
		body = container.NewBorder(container.NewVBox(fixedWidth(why, panelWidth), widget.NewSeparator()), nil, nil, nil, d.tabs)
	}
	d.dialog = dialog.NewCustomWithoutButtons(lang.X("login.title", "登录电子税务局"), body, w.win)
	d.dialog.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon(lang.X("dialog.cancel", "取消"), theme.CancelIcon(), func() { d.dialog.Hide() }),
	})
	// Escape closes; Enter submits the tab in front when no field has it.
	answerFromKeyboard(w.win, d.dialog, d.submitCurrent)
	d.dialog.SetOnClosed(d.dismissed)
	d.dialog.Show()
	w.win.Canvas().Focus(d.sms.code)
}

func (d *loginDialog) submitCurrent() {
	switch d.tabs.SelectedIndex() {
	case loginTabSMS:
		d.sms.submit()
	case loginTabCert:
		d.cert.submit()
	}
}

// succeeded closes the dialog, then runs the continuation.
func (d *loginDialog) succeeded() {
	if d.closed {
		return
	}
	d.loggedIn = true
	d.dialog.Hide()
	if d.onLoggedIn != nil {
		d.onLoggedIn()
	}
}

// dismissed runs however the dialog closes: it stops its goroutines and
// tells the opener when nobody logged in.
func (d *loginDialog) dismissed() {
	if d.closed {
		return
	}
	d.closed = true
	d.cancel()
	d.w.loginBox = nil
	if !d.loggedIn && d.onCancelled != nil {
		d.onCancelled()
	}
}

// loginErrorText is what a refused or failed login step says, without the
// provider's name and operation, which mean nothing to a clerk.
func loginErrorText(err error) string {
	var pe *app.ProviderError
	var ve *app.ValidationError
	switch {
	case errors.As(err, &ve) && len(ve.Errors) > 0:
		return ve.Errors[0].Message
	case errors.As(err, &pe) && pe.Kind == app.KindTransient:
		return lang.X("login.failed_transient", "连接税局失败,请重试:{{.Error}}", map[string]any{"Error": pe.Message})
	case errors.As(err, &pe):
		return pe.Message
	}
	return err.Error()
}
