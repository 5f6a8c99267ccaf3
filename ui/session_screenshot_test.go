package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestSessionScreenshots renders the QR panel, the login dialog and the
// status bar to PNG files for a person to look at:
// FAPIAO_UI_SHOTS=/tmp/shots go test -run SessionScreenshots ./ui/
func TestSessionScreenshots(t *testing.T) {
	dir := os.Getenv("FAPIAO_UI_SHOTS")
	if dir == "" {
		t.Skip("set FAPIAO_UI_SHOTS to a directory to render screenshots")
	}
	for variant, name := range map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"} {
		renderSessionScreens(t, filepath.Join(dir, name), variant)
	}
}

func renderSessionScreens(t *testing.T, dir string, variant fyne.ThemeVariant) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fx := newFixture(t)
	fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: variant})
	r := withSession(fx)
	w := r.open()
	shot := func(name string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		relayout(w.win.Canvas())
		if err := png.Encode(f, w.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	shot("s1-statusbar-valid")

	r.face.set(true)
	r.login.loggedIn = false
	fx.fillValidInvoice()
	w.form.issue() // 419: the login dialog
	r.drain()
	shot("s2-login-sms")
	d := w.loginBox
	tapButton(d.sms.send)
	r.drain()
	test.Type(d.sms.code, "000000")
	tapButton(d.sms.loginBtn)
	r.drain()
	shot("s3-login-sms-wrong")
	d.sms.code.SetText(fakeSMSCode)
	tapButton(d.sms.loginBtn) // logged in: resubmitted, now 420: the QR panel
	r.drain()
	r.second(23 * time.Second)
	r.poll()
	r.await("a poll", func() bool { return w.facePanel.state.Text != "等待扫码……" })
	shot("s4-face-panel")

	r.clock.advance(5 * time.Minute)
	r.second(0)
	shot("s5-face-panel-expired")
	tapButton(w.facePanel.cancelBtn)
	r.drain()
	dismissOverlays(w.win)
	shot("s6-statusbar-needed")

	tapButton(w.status.login)
	w.loginBox.tabs.SelectIndex(loginTabQR)
	r.drain()
	shot("s7-login-qr")
	w.loginBox.tabs.SelectIndex(loginTabCert)
	w.loginBox.cert.kinds.SetSelected("软证书")
	shot("s8-login-cert")
	w.loginBox.dialog.Hide()
	r.drain()

	w.setLanguage(langEnglish)
	w.faceOnDemand()
	r.drain()
	shot("s9-face-panel-english")
	tapButton(w.facePanel.cancelBtn)
	w.setLanguage(langChinese)
}
