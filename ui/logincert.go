package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// certLogin is the login dialog's certificate tab: the hardware
// certificate (a USB key), or the soft one with its passphrase. The
// passphrase goes to the provider and nowhere else: never to a log, a
// message or the preferences.
type certLogin struct {
	d        *loginDialog
	kinds    *widget.RadioGroup
	pin      *widget.Entry
	pinField fyne.CanvasObject
	problems *errorLabel
	loginBtn *widget.Button
	busy     bool
	content  fyne.CanvasObject
}

func newCertLogin(d *loginDialog) *certLogin {
	c := &certLogin{d: d, problems: newErrorLabel()}
	c.pin = widget.NewPasswordEntry()
	c.pin.SetPlaceHolder(lang.X("login.cert.pin_placeholder", "软证书密码"))
	c.pin.OnSubmitted = func(string) { c.submit() }
	c.pinField = container.NewBorder(nil, nil, widget.NewLabel(lang.X("login.cert.pin", "证书密码")), nil, c.pin)
	c.kinds = widget.NewRadioGroup([]string{certKindLabel(app.CertHardware), certKindLabel(app.CertSoft)}, func(string) {
		c.problems.set(nil)
		if c.kind() == app.CertSoft {
			c.pinField.Show()
		} else {
			c.pinField.Hide()
		}
	})
	c.kinds.Horizontal = true
	c.kinds.Required = true
	c.kinds.SetSelected(certKindLabel(app.CertHardware))
	c.loginBtn = widget.NewButtonWithIcon(lang.X("login.submit", "登录"), theme.LoginIcon(), c.submit)
	c.loginBtn.Importance = widget.HighImportance
	intro := widget.NewLabel(lang.X("login.cert.intro", "证书登录需插入税务UKey;软证书登录需输入证书密码。"))
	intro.Wrapping = fyne.TextWrapWord
	c.content = container.NewPadded(container.NewVBox(
		fixedWidth(intro, panelWidth), c.kinds, c.pinField, c.problems, container.NewHBox(c.loginBtn),
	))
	return c
}

func (c *certLogin) kind() app.CertKind {
	if c.kinds.Selected == certKindLabel(app.CertSoft) {
		return app.CertSoft
	}
	return app.CertHardware
}

// submit logs in with the chosen certificate.
func (c *certLogin) submit() {
	if c.busy {
		return
	}
	kind, pin := c.kind(), ""
	if kind == app.CertSoft {
		pin = c.pin.Text
		if pin == "" {
			c.problems.set([]string{lang.X("login.cert.pin_required", "证书密码:软证书登录需输入证书密码")})
			c.d.w.win.Canvas().Focus(c.pin)
			return
		}
	}
	c.busy = true
	c.loginBtn.Disable()
	c.problems.set(nil)
	d := c.d
	d.w.tasks.run(func() {
		err := d.login.LoginWithCertificate(d.ctx, kind, pin)
		d.w.tasks.toUI(func() {
			if d.closed {
				return
			}
			c.busy = false
			c.loginBtn.Enable()
			if err != nil {
				c.problems.set([]string{loginErrorText(err)})
				return
			}
			d.succeeded()
		})
	})
}

// certKindLabel names a certificate kind in the UI's language.
func certKindLabel(k app.CertKind) string {
	if k == app.CertSoft {
		return lang.X("login.cert.soft", "软证书")
	}
	return lang.X("login.cert.hardware", "证书")
}
