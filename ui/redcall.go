package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// redCheckTimeout bounds the question about a blue invoice.
const redCheckTimeout = time.Minute

// redOutcome is what a call on a red case left: the case (ID 0 when none
// was stored), its red invoice once issued, and what went wrong.
type redOutcome struct {
	c      app.RedCase
	inv    app.Invoice // the red invoice, when the case is issued
	err    error
	invErr error // the red invoice is issued but its local record could not be read
}

// callRed runs a call on the red service in the background and hands its
// outcome to done on the UI goroutine. The call is not tied to the window:
// once a form is applied for or a red invoice sent, the outcome must be
// recorded even if the clerk closes the window meanwhile.
func (w *mainWindow) callRed(call func(context.Context) (app.RedCase, error), done func(redOutcome)) {
	w.tasks.run(func() {
		ctx := context.Background()
		c, err := call(ctx)
		out := redOutcome{c: c, err: err}
		if c.Step == app.RedStepIssued && c.RedNumber != "" {
			out.inv, out.invErr = w.svc.Issuing.Invoice(ctx, c.RedNumber)
		}
		w.tasks.toUI(func() { done(out) })
	})
}

// takeOverSession opens the QR panel when the bureau wants a face scan
// (420), or the login dialog when it wants a login (419), and calls resume
// once that is done, gaveUp when the clerk closes it without. It reports
// whether it took over; it does not when err is neither, or when the
// provider offers no such thing, or when one is open already.
func (w *mainWindow) takeOverSession(err error, resume, gaveUp func()) bool {
	switch app.ErrorKindOf(err) {
	case app.KindFaceAuth:
		if w.svc.Face == nil || w.facePanel != nil {
			return false
		}
		w.openFacePanel(lang.X("red.face_reason", "税局要求先完成人脸认证,红冲暂停。认证完成后将自动继续,不会重复申请确认单或重复开具。"), resume, gaveUp)
		return true
	case app.KindLogin:
		if w.svc.Login == nil || w.loginBox != nil {
			return false
		}
		w.openLoginDialog(lang.X("red.login_reason", "电子税务局登录已失效,红冲暂停。登录后将自动继续,不会重复申请确认单或重复开具。"), resume, gaveUp)
		return true
	}
	return false
}

// redErrorText is what a refused or failed red call says to a clerk:
// the rule broken, or the bureau's own words without the provider's
// operation name.
func redErrorText(err error) string {
	var ve *app.ValidationError
	var pe *app.ProviderError
	switch {
	case errors.As(err, &ve) && len(ve.Errors) > 0:
		text := ve.Errors[0].Message
		for _, fe := range ve.Errors[1:] {
			text += "\n" + fe.Message
		}
		return text
	case errors.As(err, &pe) && pe.Kind == app.KindTransient:
		return lang.X("red.failed_transient", "连接税局失败,请稍后重试:{{.Error}}", map[string]any{"Error": pe.Message})
	case errors.As(err, &pe) && pe.Kind == app.KindFaceAuth:
		return lang.X("red.needs_face", "税局要求先完成人脸认证(点击状态栏的人脸认证)。")
	case errors.As(err, &pe) && pe.Kind == app.KindLogin:
		return lang.X("red.needs_login", "电子税务局登录已失效,请先登录(点击状态栏的电子税务局)。")
	case errors.As(err, &pe):
		return pe.Message
	}
	return err.Error()
}
