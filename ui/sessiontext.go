package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// loginStatusText is the status bar's e-tax login indicator. A lapsed
// login is a warning: the next invoice would be refused.
func loginStatusText(st app.LoginStatus, now time.Time) (string, widget.Importance) {
	switch {
	case !st.Known:
		return lang.X("session.login.unknown", "电子税务局:状态未知"), widget.MediumImportance
	case !st.LoggedIn:
		return lang.X("session.login.out", "电子税务局:未登录"), widget.WarningImportance
	case st.At.IsZero():
		return lang.X("session.login.in", "电子税务局:已登录"), widget.LowImportance
	case st.Method == "":
		// Seen working (an invoice was issued), not opened by this app.
		return lang.X("session.login.in_at", "电子税务局:已登录({{.At}})", map[string]any{
			"At": shortTime(st.At, now),
		}), widget.LowImportance
	}
	return lang.X("session.login.in_since", "电子税务局:已登录({{.Method}},{{.At}})", map[string]any{
		"Method": loginMethodLabel(st.Method), "At": shortTime(st.At, now),
	}), widget.LowImportance
}

// loginMethodLabel is a login method in a word, for the status bar.
func loginMethodLabel(m app.LoginMethod) string {
	switch m {
	case app.LoginSMS:
		return lang.X("session.method.sms", "短信")
	case app.LoginQR:
		return lang.X("session.method.qr", "扫码")
	}
	return lang.X("session.method.cert", "证书")
}

// faceStatusText is the status bar's face-authentication indicator: until
// when the last scan counts, or that a scan is needed (a warning: the next
// invoice would be refused), or that none is needed though the app does
// not know since when.
func faceStatusText(st app.FaceStatus) (string, widget.Importance) {
	switch {
	case st.Needed:
		return lang.X("session.face.needed", "需要人脸认证"), widget.WarningImportance
	case !st.ValidUntil.IsZero():
		return lang.X("session.face.valid_until", "人脸认证有效至 {{.Until}}", map[string]any{
			"Until": st.ValidUntil.In(app.ChinaTime).Format("01-02 15:04"),
		}), widget.LowImportance
	}
	return lang.X("session.face.not_needed", "人脸认证:当前无需扫码"), widget.LowImportance
}

// shortTime is a time of day, with the date when it is not today (China
// time, where the clerk works).
func shortTime(t, now time.Time) string {
	t, now = t.In(app.ChinaTime), now.In(app.ChinaTime)
	if t.Format("2006-01-02") == now.Format("2006-01-02") {
		return t.Format("15:04")
	}
	return t.Format("01-02 15:04")
}

// clock is a time of day to the second, for "last checked" lines.
func clock(t time.Time) string { return t.In(app.ChinaTime).Format("15:04:05") }
