package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// takeOverHeld handles an invoice the bureau held until the clerk scans
// (420) or logs in (419): it opens the QR panel or the login dialog, and
// when that succeeds sends the invoice again under the same serial, so the
// clerk never types it twice. It reports whether it took over; when it
// does not (another cause, or no face auth or login to offer), the caller
// says what happened as before.
func (w *mainWindow) takeOverHeld(inv app.Invoice, err error) bool {
	if inv.Status != app.StatusHeld || inv.RequestSerial == "" {
		return false
	}
	serial := inv.RequestSerial
	resume := func() { w.resubmitHeld(serial) }
	gaveUp := func() {
		title, text := heldText(err)
		showMessage(w.win, title, text)
	}
	switch app.ErrorKindOf(err) {
	case app.KindFaceAuth:
		if w.svc.Face == nil || w.facePanel != nil {
			return false
		}
		w.openFacePanel(lang.X("face.reason_held", "税局要求先完成人脸认证,这张发票暂未开具。认证完成后将以原流水号 {{.Serial}} 自动继续开具,无需重新录入。",
			map[string]any{"Serial": serial}), resume, gaveUp)
		return true
	case app.KindLogin:
		if w.svc.Login == nil || w.loginBox != nil {
			return false
		}
		w.openLoginDialog(lang.X("login.reason_held", "电子税务局登录已失效,这张发票暂未开具。登录后将以原流水号 {{.Serial}} 自动继续开具,无需重新录入。",
			map[string]any{"Serial": serial}), resume, gaveUp)
		return true
	}
	return false
}

// resubmitHeld sends a held invoice again under its own serial and shows
// the outcome: the usual success dialog, or what to do next.
func (w *mainWindow) resubmitHeld(serial string) {
	done := showProgress(w.win, lang.X("detail.resubmit.progress.title", "正在重新提交"),
		lang.X("detail.resubmit.progress", "正在以原流水号 {{.Serial}} 重新提交……", map[string]any{"Serial": serial}))
	w.tasks.run(func() {
		// Not tied to the window: once sent, the outcome must be recorded.
		inv, err := w.svc.Issuing.Resubmit(context.Background(), serial)
		w.tasks.toUI(func() {
			done()
			w.refreshList()
			if err == nil {
				w.form.showIssuedDialog(inv)
				return
			}
			w.showResubmitFailure(inv, err)
		})
	})
}

// showResubmitFailure says why a resubmission did not issue the invoice,
// or takes over again when the bureau wants a scan or a login.
func (w *mainWindow) showResubmitFailure(inv app.Invoice, err error) {
	if w.takeOverHeld(inv, err) {
		return
	}
	switch inv.Status {
	case app.StatusRejected:
		showMessage(w.win, lang.X("issue.rejected.title", "开具被拒绝"), rejectedText(inv, err))
	case app.StatusHeld:
		title, text := heldText(err)
		showMessage(w.win, title, text)
	case app.StatusUnknown:
		showMessage(w.win, lang.X("issue.unknown.title", "开具结果待确认"), unknownText(inv, err))
	default:
		showMessage(w.win, lang.X("issue.failed.title", "开具失败"), err.Error())
	}
}
