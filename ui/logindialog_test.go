package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"go.uber.org/goleak"

	"fapiao/app"
	"fapiao/ui/qrimage"
)

func openLogin(t *testing.T) (*sessionRig, *mainWindow, *loginDialog) {
	fx := newFixture(t)
	r := withSession(fx)
	w := r.open()
	tapButton(w.status.login)
	if w.loginBox == nil {
		t.Fatal("clicking the login indicator should open the login dialog")
	}
	return r, w, w.loginBox
}

func TestSMSLoginSendWrongCodeThenRightCode(t *testing.T) {
	r, w, d := openLogin(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s := d.sms
	if !strings.Contains(overlayTexts(w.win), "沙箱验证码:"+fakeSMSCode) {
		t.Errorf("sandbox mode shows the code: %q", overlayTexts(w.win))
	}

	tapButton(s.send)
	r.drain()
	if r.login.smsSent() != 1 || s.sent.Text != "验证码已发送,请查收短信" {
		t.Fatalf("send: %d sent, %q", r.login.smsSent(), s.sent.Text)
	}
	if !s.send.Disabled() || s.send.Text != "60秒后可重新发送" {
		t.Errorf("cool-down: %q disabled %v", s.send.Text, s.send.Disabled())
	}
	tapButton(s.send) // disabled: no second code
	r.second(15 * time.Second)
	if s.send.Text != "45秒后可重新发送" || r.login.smsSent() != 1 {
		t.Errorf("cool-down after 15 s: %q, %d sent", s.send.Text, r.login.smsSent())
	}

	// Not six digits: refused here, beside the field.
	test.Type(s.code, "12a")
	s.code.TypedKey(keyReturn)
	if !s.codeErrors.Visible() || s.codeErrors.Text != "短信验证码:应为6位数字" {
		t.Errorf("malformed code: %q", s.codeErrors.Text)
	}
	// Wrong: the bureau's message, beside the field.
	s.code.SetText("000000")
	s.code.TypedKey(keyReturn)
	r.drain()
	if s.codeErrors.Text != "短信验证码错误或已过期" || w.loginBox == nil {
		t.Errorf("wrong code: %q", s.codeErrors.Text)
	}
	if s.sendErrors.Visible() {
		t.Error("a wrong code is not the send button's fault")
	}

	s.code.SetText(fakeSMSCode)
	s.code.TypedKey(keyReturn)
	r.drain()
	if w.loginBox != nil || w.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog should close on success: %q", overlayTexts(w.win))
	}
	if got := w.status.login.Text; got != "电子税务局:已登录(短信,09:30)" {
		t.Errorf("status bar: %q", got)
	}
	if !stopped(r.ticks, time.Second) {
		t.Error("the cool-down ticker outlived the dialog")
	}
}

func TestSMSCooldownEndsAndOffersResend(t *testing.T) {
	r, _, d := openLogin(t)
	tapButton(d.sms.send)
	r.drain()
	r.second(60 * time.Second)
	if d.sms.send.Disabled() || d.sms.send.Text != "重新发送验证码" {
		t.Errorf("after the cool-down: %q disabled %v", d.sms.send.Text, d.sms.send.Disabled())
	}
	if !stopped(r.ticks, time.Second) {
		t.Error("the cool-down ticker should stop when it ends")
	}
	d.dialog.Hide()
}

func TestQRLoginStartsOnItsTabAndStopsOnClose(t *testing.T) {
	r, w, d := openLogin(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	if len(r.login.qrs) != 0 {
		t.Fatal("no QR login before its tab is chosen")
	}
	d.tabs.SelectIndex(loginTabQR)
	r.drain()
	q := d.qr
	if q.current == nil || q.current.Kind != app.QRLoginTaxApp {
		t.Fatalf("the tab should show a 税务App code: %+v", q.current)
	}
	if size := imageOnScreen(w.win, q.view.image); size.Width < qrimage.MinScreenSize {
		t.Errorf("login QR on screen: %v", size)
	}
	if got := decodeQR(t, q.view.image.Image); got != q.current.Content {
		t.Errorf("decodes to %q", got)
	}
	// Another kind: a new code, the old wait ends.
	q.kinds.SetSelected("人脸二维码")
	r.drain()
	if q.current == nil || q.current.Kind != app.QRLoginFace || len(r.login.qrs) != 2 {
		t.Fatalf("face kind: %+v", q.current)
	}
	r.poll()
	r.await("a poll", func() bool { return strings.Contains(q.state.Text, "上次查询") })

	d.dialog.Hide()
	if !stopped(r.polls, app.DefaultFacePollInterval) {
		t.Error("the QR login poller outlived the dialog")
	}
}

func TestQRLoginConfirmedOnThePhone(t *testing.T) {
	r, w, d := openLogin(t)
	d.tabs.SelectIndex(loginTabQR)
	r.drain()
	tapButton(d.qr.simulate)
	r.drain()
	r.poll()
	r.await("the dialog to close", func() bool { return w.loginBox == nil })
	if got := w.status.login.Text; got != "电子税务局:已登录(扫码,09:30)" {
		t.Errorf("status bar: %q", got)
	}
}

func TestCertificateLogin(t *testing.T) {
	r, w, d := openLogin(t)
	d.tabs.SelectIndex(loginTabCert)
	c := d.cert
	if c.pinField.Visible() {
		t.Error("the hardware certificate has no password field")
	}
	c.kinds.SetSelected("软证书")
	if !c.pinField.Visible() {
		t.Fatal("the soft certificate needs its password")
	}
	tapButton(c.loginBtn)
	if !strings.Contains(c.problems.Text, "证书密码") || len(r.login.certs) != 0 {
		t.Errorf("empty password: %q", c.problems.Text)
	}
	test.Type(c.pin, "s3cret")
	c.pin.TypedKey(keyReturn)
	r.drain()
	if len(r.login.certs) != 1 || r.login.certs[0] != app.CertSoft || r.login.pins[0] != "s3cret" {
		t.Fatalf("provider got %v %v", r.login.certs, r.login.pins)
	}
	if w.loginBox != nil || w.status.login.Text != "电子税务局:已登录(证书,09:30)" {
		t.Errorf("after login: %q", w.status.login.Text)
	}
	if strings.Contains(overlayTexts(w.win)+w.status.login.Text, "s3cret") {
		t.Error("the password must not be shown anywhere")
	}
}

func TestALoginRefusedIssuanceResumesAfterLogin(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	r.login.loggedIn = false
	w := r.open()
	fx.fillValidInvoice()
	w.form.issue()
	r.drain()
	d := w.loginBox
	if d == nil {
		t.Fatalf("a 419 should open the login dialog: %q", overlayTexts(w.win))
	}
	held := fx.issuer.received[0].RequestSerial
	if !strings.Contains(overlayTexts(w.win), held) {
		t.Errorf("the dialog should name the held serial: %q", overlayTexts(w.win))
	}
	tapButton(d.sms.send)
	r.drain()
	test.Type(d.sms.code, fakeSMSCode)
	tapButton(d.sms.loginBtn)
	r.drain()
	if !strings.Contains(overlayTexts(w.win), "开具成功") {
		t.Fatalf("after login: %q", overlayTexts(w.win))
	}
	if n := fx.issuer.receivedCount(); n != 2 || fx.issuer.received[1].RequestSerial != held {
		t.Errorf("issuer received %d; the second must reuse %s", n, held)
	}
}
