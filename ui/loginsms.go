package ui

import (
	"context"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// smsCooldown is how long 发送验证码 stays disabled after a code was sent:
// the bureau sends at most one a minute, and a second press would only
// earn a refusal.
const smsCooldown = time.Minute

// smsCodePattern is what a bureau SMS code looks like.
var smsCodePattern = regexp.MustCompile(`^[0-9]{6}$`)

// smsLogin is the login dialog's SMS tab: send a code, type it, log in.
type smsLogin struct {
	d          *loginDialog
	send       *widget.Button
	sent       *widget.Label
	sendErrors *errorLabel // next to 发送验证码: the code could not be sent
	code       *widget.Entry
	codeErrors *errorLabel // under the code: wrong, expired, malformed
	loginBtn   *widget.Button
	coolUntil  time.Time
	coolStop   context.CancelFunc
	busy       bool
	content    fyne.CanvasObject
}

func newSMSLogin(d *loginDialog) *smsLogin {
	s := &smsLogin{d: d, sendErrors: newErrorLabel(), codeErrors: newErrorLabel()}
	s.send = widget.NewButtonWithIcon(lang.X("login.sms.send", "发送验证码"), theme.MailSendIcon(), s.sendCode)
	s.sent = widget.NewLabel("")
	s.sent.Importance = widget.SuccessImportance
	s.code = widget.NewEntry()
	s.code.SetPlaceHolder(lang.X("login.sms.placeholder", "6位数字"))
	s.code.OnSubmitted = func(string) { s.submit() }
	s.code.OnChanged = func(string) { s.codeErrors.set(nil) }
	s.loginBtn = widget.NewButtonWithIcon(lang.X("login.submit", "登录"), theme.LoginIcon(), s.submit)
	s.loginBtn.Importance = widget.HighImportance

	intro := widget.NewLabel(lang.X("login.sms.intro", "验证码将发送到电子税务局账号绑定的办税人员手机。"))
	intro.Wrapping = fyne.TextWrapWord
	rows := []fyne.CanvasObject{fixedWidth(intro, panelWidth)}
	if tools := d.w.svc.SandboxTools; tools != nil && tools.SMSCode != "" {
		hint := widget.NewLabel(lang.X("login.sms.sandbox", "沙箱验证码:{{.Code}}", map[string]any{"Code": tools.SMSCode}))
		hint.Importance = widget.WarningImportance
		hint.TextStyle.Bold = true
		rows = append(rows, hint)
	}
	codeField := container.NewBorder(nil, nil, widget.NewLabel(lang.X("login.sms.code", "短信验证码")), nil, s.code)
	rows = append(rows,
		container.NewHBox(s.send, s.sent), s.sendErrors,
		codeField, s.codeErrors,
		container.NewHBox(s.loginBtn),
	)
	s.content = container.NewPadded(container.NewVBox(rows...))
	return s
}

// sendCode asks the bureau to send a code, then holds the button for the
// cool-down.
func (s *smsLogin) sendCode() {
	if s.send.Disabled() {
		return
	}
	s.send.Disable()
	s.sendErrors.set(nil)
	d := s.d
	d.w.tasks.run(func() {
		err := d.login.RequestSMSCode(d.ctx)
		d.w.tasks.toUI(func() {
			if d.closed {
				return
			}
			if err != nil {
				s.sendErrors.set([]string{lang.X("login.sms.send_failed", "发送验证码失败:{{.Error}}",
					map[string]any{"Error": loginErrorText(err)})})
				s.send.Enable()
				return
			}
			s.sent.SetText(lang.X("login.sms.sent", "验证码已发送,请查收短信"))
			s.startCooldown()
			d.w.win.Canvas().Focus(s.code)
		})
	})
}

// startCooldown disables 发送验证码 for smsCooldown, counting down on it.
func (s *smsLogin) startCooldown() {
	s.coolUntil = s.d.login.Now().Add(smsCooldown)
	ctx, stop := context.WithCancel(s.d.ctx)
	s.coolStop = stop
	s.renderCooldown()
	s.d.w.tasks.every(ctx, time.Second, s.renderCooldown)
}

func (s *smsLogin) renderCooldown() {
	if s.d.closed || s.coolStop == nil {
		return
	}
	left := s.coolUntil.Sub(s.d.login.Now())
	if left <= 0 {
		s.coolStop()
		s.coolStop = nil
		s.send.SetText(lang.X("login.sms.resend", "重新发送验证码"))
		s.send.Enable()
		return
	}
	secs := int((left + time.Second - 1) / time.Second)
	s.send.SetText(lang.X("login.sms.cooldown", "{{.Seconds}}秒后可重新发送", map[string]any{"Seconds": secs}))
	s.send.Disable()
}

// submit logs in with the typed code; a malformed code is refused here,
// without asking the bureau.
func (s *smsLogin) submit() {
	if s.busy {
		return
	}
	code := strings.TrimSpace(s.code.Text)
	if !smsCodePattern.MatchString(code) {
		s.codeErrors.set([]string{lang.X("login.sms.invalid", "短信验证码:应为6位数字")})
		s.d.w.win.Canvas().Focus(s.code)
		return
	}
	s.busy = true
	s.loginBtn.Disable()
	d := s.d
	d.w.tasks.run(func() {
		err := d.login.LoginWithSMS(d.ctx, code)
		d.w.tasks.toUI(func() {
			if d.closed {
				return
			}
			s.busy = false
			s.loginBtn.Enable()
			if err != nil {
				s.codeErrors.set([]string{loginErrorText(err)})
				d.w.win.Canvas().Focus(s.code)
				return
			}
			d.succeeded()
		})
	})
}
