package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// The red wizard's steps, in order.
const (
	redStepCheck  = iota // 核对蓝字发票
	redStepChoice        // 红冲方式
	redStepForm          // 申请确认单
	redStepIssue         // 开具红字发票
)

// redWizardSize fits the partial table's nine columns without squeezing.
var redWizardSize = fyne.NewSize(1000, 720)

// redWizard reverses a blue invoice step by step: check it with the
// bureau, choose why and how much, apply for the red-letter form, and —
// when the form allows it at once — issue the red invoice. It is a modal
// dialog; Escape cancels (not while the bureau is being asked), Enter
// takes the step's main button.
type redWizard struct {
	w      *mainWindow
	dialog *dialog.CustomDialog
	bar    []*widget.Label // the step bar
	body   *fyne.Container

	back, next, cancel *widget.Button

	step    int
	running bool // the bureau is being asked; nothing may be pressed
	closed  bool

	check  *redCheckStep
	choice *redChoiceStep // built from the check's answer
	result *redResultStep
}

// openRedWizard opens the wizard on a blue invoice, checking it at once
// when number is given. One wizard at a time.
func (w *mainWindow) openRedWizard(number string) {
	if w.svc.Red == nil || w.redWizard != nil {
		return
	}
	wiz := &redWizard{w: w}
	w.redWizard = wiz
	wiz.check = newRedCheckStep(wiz, number)
	wiz.result = newRedResultStep(wiz)
	wiz.back = widget.NewButtonWithIcon(lang.X("red.back", "上一步"), theme.NavigateBackIcon(), wiz.goBack)
	wiz.next = widget.NewButtonWithIcon(lang.X("red.next", "下一步"), theme.NavigateNextIcon(), wiz.goNext)
	wiz.next.Importance = widget.HighImportance
	wiz.next.IconPlacement = widget.ButtonIconTrailingText
	wiz.cancel = widget.NewButtonWithIcon(lang.X("dialog.cancel", "取消"), theme.CancelIcon(), wiz.close)
	wiz.body = container.NewStack()
	top := container.NewVBox(container.NewCenter(wiz.stepBar()), widget.NewSeparator())
	wiz.dialog = dialog.NewCustomWithoutButtons(lang.X("red.title", "红冲 · 开具红字发票"),
		container.NewBorder(top, nil, nil, nil, wiz.body), w.win)
	wiz.dialog.SetButtons([]fyne.CanvasObject{wiz.cancel, wiz.back, wiz.next})
	keysForDialog(w.win, wiz.dialog, wiz.close, wiz.goNext)
	wiz.dialog.SetOnClosed(wiz.dismissed)
	wiz.show(redStepCheck)
	wiz.dialog.Show()
	wiz.dialog.Resize(redWizardSize)
	if number != "" {
		wiz.check.run()
	} else {
		w.win.Canvas().Focus(wiz.check.number)
	}
}

// stepBar is ① 核对蓝字发票 › ② 红冲方式 › ③ 申请确认单 › ④ 开具红字发票.
func (wiz *redWizard) stepBar() fyne.CanvasObject {
	names := []string{
		lang.X("red.step_bar.check", "① 核对蓝字发票"), lang.X("red.step_bar.choice", "② 红冲方式"),
		lang.X("red.step_bar.form", "③ 申请确认单"), lang.X("red.step_bar.issue", "④ 开具红字发票"),
	}
	if wiz.w.directRed() {
		names[redStepForm] = lang.X("red.direct.step_bar", "③ 提交红冲")
	}
	var objects []fyne.CanvasObject
	for i, n := range names {
		if i > 0 {
			objects = append(objects, widget.NewIcon(theme.NavigateNextIcon()))
		}
		l := widget.NewLabel(n)
		wiz.bar = append(wiz.bar, l)
		objects = append(objects, l)
	}
	return container.NewHBox(objects...)
}

// show brings step to the front and sets the buttons for it.
func (wiz *redWizard) show(step int) {
	wiz.step = step
	var content fyne.CanvasObject
	switch step {
	case redStepCheck:
		content = wiz.check.content
	case redStepChoice:
		content = wiz.choice.content
	default:
		content = wiz.result.content
	}
	wiz.body.Objects = []fyne.CanvasObject{content}
	wiz.body.Refresh()
	wiz.render()
}

// render shows where the clerk is in the step bar, and what the buttons
// can do now.
func (wiz *redWizard) render() {
	for i, l := range wiz.bar {
		l.TextStyle.Bold = i == wiz.step
		switch {
		case i == wiz.step:
			l.Importance = widget.HighImportance
		case i < wiz.step:
			l.Importance = widget.SuccessImportance
		default:
			l.Importance = widget.MediumImportance
		}
		l.Refresh()
	}
	back, next, cancel := false, false, !wiz.running
	nextText, nextIcon := lang.X("red.next", "下一步"), theme.NavigateNextIcon()
	switch wiz.step {
	case redStepCheck:
		next = !wiz.running && wiz.check.number.Text != ""
		if !wiz.check.ready() {
			nextText, nextIcon = lang.X("red.check", "核对"), theme.SearchIcon()
		}
	case redStepChoice:
		back, next = !wiz.running, !wiz.running
		nextText, nextIcon = lang.X("red.apply", "申请确认单"), theme.MailSendIcon()
		if wiz.w.directRed() {
			nextText, nextIcon = lang.X("red.direct.apply", "开具红字发票"), theme.ConfirmIcon()
		}
	default:
		back = !wiz.running && wiz.result.canGoBack()
		next = !wiz.running
		cancel = cancel && wiz.result.canGoBack()
		if wiz.result.canRetry() {
			nextText, nextIcon = lang.X("red.retry", "重试"), theme.ViewRefreshIcon()
		} else {
			nextText, nextIcon = lang.X("red.done", "完成"), theme.ConfirmIcon()
		}
	}
	showIf(wiz.back, wiz.step != redStepCheck && (wiz.step == redStepChoice || wiz.result.canGoBack()))
	showIf(wiz.cancel, wiz.step < redStepForm || wiz.result.canGoBack())
	setEnabled(wiz.back, back)
	setEnabled(wiz.cancel, cancel)
	setEnabled(wiz.next, next)
	if wiz.next.Text != nextText {
		wiz.next.SetText(nextText)
		wiz.next.SetIcon(nextIcon)
	}
}

// goNext takes the step's main button: check, go on, apply, retry or
// finish.
func (wiz *redWizard) goNext() {
	if wiz.running || wiz.closed {
		return
	}
	switch wiz.step {
	case redStepCheck:
		if !wiz.check.ready() {
			wiz.check.run()
			return
		}
		if wiz.choice == nil {
			wiz.choice = newRedChoiceStep(wiz, wiz.check.chk)
		}
		wiz.show(redStepChoice)
	case redStepChoice:
		if req, ok := wiz.choice.submit(); ok {
			wiz.start(req)
		}
	default:
		if wiz.result.canRetry() {
			wiz.start(wiz.result.req)
			return
		}
		wiz.close()
	}
}

// goBack returns to the previous step, keeping what was chosen there.
func (wiz *redWizard) goBack() {
	if wiz.running {
		return
	}
	switch {
	case wiz.step == redStepChoice:
		wiz.show(redStepCheck)
	case wiz.step >= redStepForm && wiz.result.canGoBack():
		wiz.show(redStepChoice)
	}
}

// close cancels the wizard, unless the bureau is being asked.
func (wiz *redWizard) close() {
	if !wiz.running && !wiz.closed {
		wiz.dialog.Hide()
	}
}

// dismissed runs however the dialog closes: what it did shows in the
// lists behind it.
func (wiz *redWizard) dismissed() {
	wiz.closed = true
	wiz.w.redWizard = nil
	wiz.w.refreshRedViews()
}

// setRunning blocks the buttons while the bureau is being asked.
func (wiz *redWizard) setRunning(on bool) {
	wiz.running = on
	wiz.render()
}

// start applies for the form (and issues at once where the form allows),
// showing the outcome on the result step.
func (wiz *redWizard) start(req app.RedRequest) {
	text := lang.X("red.applying", "正在向税局申请红字发票信息确认单……")
	if wiz.w.directRed() {
		text = lang.X("red.direct.applying", "正在通过{{.Provider}}开具红字发票……", map[string]any{"Provider": wiz.w.providerLabel()})
	}
	wiz.result.begin(req, text)
	wiz.show(redStepForm)
	wiz.setRunning(true)
	wiz.w.callRed(func(ctx context.Context) (app.RedCase, error) { return wiz.w.svc.Red.Start(ctx, req) }, wiz.finished)
}

// advance carries a stored case on (after a face scan or a login).
func (wiz *redWizard) advance(id int64) {
	wiz.result.begin(wiz.result.req, lang.X("red.resuming", "正在继续红冲……"))
	wiz.show(redStepForm)
	wiz.setRunning(true)
	wiz.w.callRed(func(ctx context.Context) (app.RedCase, error) { return wiz.w.svc.Red.Advance(ctx, id) }, wiz.finished)
}

// finished shows what Start or Advance did: errors in the clerk's choice
// go back beside the choice at fault; a scan or a login the bureau wants
// opens the panel and carries on after it.
func (wiz *redWizard) finished(out redOutcome) {
	wiz.running = false
	if wiz.closed {
		return
	}
	if out.c.ID == 0 && wiz.choice != nil && wiz.choice.takeErrors(out.err) {
		wiz.show(redStepChoice)
		return
	}
	resume := func() {
		if out.c.ID != 0 {
			wiz.advance(out.c.ID)
		} else {
			wiz.start(wiz.result.req)
		}
	}
	gaveUp := func() {
		wiz.running = false
		wiz.showOutcome(out)
	}
	if out.err != nil && wiz.w.takeOverSession(out.err, resume, gaveUp) {
		// Still waiting: for the scan or the login, then for the bureau.
		wiz.running = true
		wiz.result.paused()
		wiz.render()
		return
	}
	wiz.showOutcome(out)
}

// showOutcome puts the outcome on the result step: ④ once the red invoice
// is issued or being issued, ③ otherwise.
func (wiz *redWizard) showOutcome(out redOutcome) {
	wiz.result.show(out)
	step := redStepForm
	if out.c.Step == app.RedStepIssued || out.c.Step == app.RedStepIssuing {
		step = redStepIssue
	}
	wiz.show(step)
}

// showIf shows or hides o.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}
