package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

func TestSessionIndicatorTexts(t *testing.T) {
	newFixture(t) // loads the translations
	now := time.Date(2025, 11, 21, 15, 0, 0, 0, app.ChinaTime)
	logins := []struct {
		st   app.LoginStatus
		want string
		imp  widget.Importance
	}{
		{app.LoginStatus{}, "电子税务局:状态未知", widget.MediumImportance},
		{app.LoginStatus{Known: true}, "电子税务局:未登录", widget.WarningImportance},
		{app.LoginStatus{Known: true, LoggedIn: true, Method: app.LoginSMS, At: now.Add(-5*time.Hour - 30*time.Minute)}, "电子税务局:已登录(短信,09:30)", widget.LowImportance},
		{app.LoginStatus{Known: true, LoggedIn: true, Method: app.LoginQR, At: now.Add(-24 * time.Hour)}, "电子税务局:已登录(扫码,11-20 15:00)", widget.LowImportance},
		{app.LoginStatus{Known: true, LoggedIn: true, Method: app.LoginCert, At: now}, "电子税务局:已登录(证书,15:00)", widget.LowImportance},
		{app.LoginStatus{Known: true, LoggedIn: true, At: now}, "电子税务局:已登录(15:00)", widget.LowImportance},
		{app.LoginStatus{Known: true, LoggedIn: true}, "电子税务局:已登录", widget.LowImportance},
	}
	for _, c := range logins {
		if got, imp := loginStatusText(c.st, now); got != c.want || imp != c.imp {
			t.Errorf("login %+v: %q (%v), want %q (%v)", c.st, got, imp, c.want, c.imp)
		}
	}
	faces := []struct {
		st   app.FaceStatus
		want string
		imp  widget.Importance
	}{
		{app.FaceStatus{Needed: true, ValidUntil: now.Add(-time.Hour)}, "需要人脸认证", widget.WarningImportance},
		{app.FaceStatus{ValidUntil: time.Date(2025, 11, 23, 9, 30, 0, 0, app.ChinaTime)}, "人脸认证有效至 11-23 09:30", widget.LowImportance},
		{app.FaceStatus{}, "人脸认证:当前无需扫码", widget.LowImportance},
	}
	for _, c := range faces {
		if got, imp := faceStatusText(c.st); got != c.want || imp != c.imp {
			t.Errorf("face %+v: %q (%v), want %q (%v)", c.st, got, imp, c.want, c.imp)
		}
	}
}

func TestStatusBarTurnsValidIntoNeededWithoutAskingTheBureau(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	verified := r.clock.now().Add(-47 * time.Hour)
	if err := r.state.SaveState(context.Background(), "face_auth", map[string]any{
		"verified_at": verified, "needed": false, "checked_at": verified,
	}); err != nil {
		t.Fatal(err)
	}
	r.face.set(false)
	w := r.open()
	if got := w.status.face.Text; got != "人脸认证有效至 11-21 10:30" || w.status.face.Importance == widget.WarningImportance {
		t.Fatalf("status bar: %q", got)
	}
	asked, _ := r.face.counts()
	if asked != 1 {
		t.Errorf("start-up asked the bureau %d times, want once", asked)
	}

	// An hour and a minute on, the once-a-minute re-render sees the window pass.
	r.clock.advance(61 * time.Minute)
	r.ticks.fire(t, rerenderInterval, r.clock.now())
	r.await("the re-render", func() bool { return w.status.face.Text == "需要人脸认证" })
	if w.status.face.Importance != widget.WarningImportance {
		t.Error("需要人脸认证 is a warning")
	}
	if again, _ := r.face.counts(); again != asked {
		t.Error("the minute re-render must not ask the bureau")
	}
}

func TestStartUpCheckFailureIsShownNotSwallowed(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	r.face.failing = []error{&app.ProviderError{Kind: app.KindTransient, Provider: "测试服务", Op: "queryFaceAuthState", Message: "连接被拒绝"}}
	w := r.open()
	if !w.status.faceError.Visible() || w.status.faceError.Text != "未能向税局查询人脸认证状态:测试服务 queryFaceAuthState: 连接被拒绝" {
		t.Fatalf("status bar error: %q (visible %v)", w.status.faceError.Text, w.status.faceError.Visible())
	}
	// Heard from the bureau since (a poll, a scan): the error goes.
	r.clock.advance(time.Minute)
	if _, err := fx.svc.Face.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.await("the error to go", func() bool { return !w.status.faceError.Visible() })
}

func TestLoginIndicatorFollowsTheService(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	w := r.open()
	if got := w.status.login.Text; got != "电子税务局:状态未知" {
		t.Errorf("fresh: %q", got)
	}
	// A 419 from issuing: the service marks the session lapsed.
	r.login.loggedIn = false
	fx.fillValidInvoice()
	w.form.issue()
	r.drain()
	if got := w.status.login.Text; got != "电子税务局:未登录" || w.status.login.Importance != widget.WarningImportance {
		t.Errorf("after a 419: %q", got)
	}
	if w.loginBox == nil {
		t.Fatal("a 419 should open the login dialog")
	}
	w.loginBox.dialog.Hide()
	r.drain()

	// Switching language keeps the indicators, in the new language.
	w.setLanguage(langEnglish)
	if got := w.status.login.Text; got != "e-Tax: not logged in" {
		t.Errorf("in English: %q", got)
	}
	w.setLanguage(langChinese)
}
