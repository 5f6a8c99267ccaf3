package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// redResultStep is ③ 申请确认单 and ④ 开具红字发票: the form's number and
// state, what happens next, and once issued the red invoice with its
// exports.
type redResultStep struct {
	wiz      *redWizard
	req      app.RedRequest // what was sent, for a retry
	out      redOutcome
	has      bool // out holds an outcome
	bar      *widget.ProgressBarInfinite
	waitText *widget.Label
	waiting  fyne.CanvasObject
	form     *fyne.Container
	notice   *widget.Label
	hint     *widget.Label // what the app does meanwhile
	problem  *widget.Label
	invoice  *fyne.Container // the red invoice's section
	exports  []*widget.Button
	content  fyne.CanvasObject
}

func newRedResultStep(wiz *redWizard) *redResultStep {
	s := &redResultStep{wiz: wiz, form: container.New(newTwoColumns()), invoice: container.NewVBox()}
	s.bar = widget.NewProgressBarInfinite()
	s.bar.Stop()
	s.waitText = widget.NewLabel("")
	s.waitText.Wrapping = fyne.TextWrapWord
	s.waiting = container.NewVBox(s.waitText, s.bar)
	s.notice = widget.NewLabel("")
	s.notice.Wrapping = fyne.TextWrapWord
	s.notice.TextStyle.Bold = true
	s.notice.SizeName = theme.SizeNameSubHeadingText
	s.hint = widget.NewLabel("")
	s.hint.Wrapping = fyne.TextWrapWord
	s.problem = widget.NewLabel("")
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Importance = widget.DangerImportance
	for _, f := range []app.DocFormat{app.FormatPDF, app.FormatOFD, app.FormatXML} {
		s.exports = append(s.exports, widget.NewButtonWithIcon(
			lang.X("red.export", "导出 {{.Format}}", map[string]any{"Format": formatName(f)}), theme.DocumentSaveIcon(),
			func() { wiz.w.exporter.export(s.out.inv, f) }))
	}
	// The red invoice, once issued, is what the clerk came for: it goes first.
	title := lang.X("red.form_title", "红字发票信息确认单")
	if wiz.w.directRed() {
		title = lang.X("red.direct.case_title", "红冲记录")
	}
	body := container.NewVBox(s.waiting, s.problem, s.invoice, sectionTitle(title), s.form, s.notice, s.hint)
	s.content = container.NewVScroll(body)
	s.clear()
	return s
}

// clear empties the step before a new call.
func (s *redResultStep) clear() {
	s.has, s.out = false, redOutcome{}
	s.form.Objects = nil
	s.form.Refresh()
	s.invoice.Objects = nil
	s.invoice.Refresh()
	showIf(s.notice, false)
	showIf(s.hint, false)
	showIf(s.problem, false)
}

// begin shows the wait while the bureau is asked.
func (s *redResultStep) begin(req app.RedRequest, text string) {
	s.req = req
	s.clear()
	s.waitText.SetText(text)
	s.waiting.Show()
	s.bar.Start()
}

// paused says the case waits for a face scan or a login in the panel above.
func (s *redResultStep) paused() {
	s.bar.Stop()
	s.waitText.SetText(lang.X("red.paused", "等待人脸认证或登录完成后自动继续……"))
}

// canGoBack: nothing reached the bureau, so the clerk may change the choice.
func (s *redResultStep) canGoBack() bool {
	return s.has && s.out.c.ID == 0 && s.out.err != nil
}

// canRetry: the same choice may be sent again (nothing was stored).
func (s *redResultStep) canRetry() bool { return s.canGoBack() }

// show lays out an outcome.
func (s *redResultStep) show(out redOutcome) {
	s.has, s.out = true, out
	s.bar.Stop()
	s.waiting.Hide()
	c := out.c
	if c.ID != 0 {
		s.form.Objects = formFields(c, false, s.wiz.w.directRed())
		s.form.Refresh()
	}
	s.showNotice(c)
	problem := ""
	switch {
	case out.err != nil && c.ID != 0:
		problem = redErrorText(out.err) + "\n\n" + lang.X("red.saved_hint", "红冲已保存(编号 {{.ID}}),可稍后在「红冲」中选中它继续,不会重复申请或重复开具。",
			map[string]any{"ID": strconv.FormatInt(c.ID, 10)})
	case out.err != nil:
		problem = redErrorText(out.err)
	case out.invErr != nil:
		problem = lang.X("red.invoice_unreadable", "红字发票已开具,但读取本机记录失败:{{.Error}}", map[string]any{"Error": out.invErr.Error()})
	}
	s.problem.SetText(problem)
	showIf(s.problem, problem != "")
	s.showInvoice(out)
}

// formFields are the form's number and state (none when red invoices go
// straight against the blue one), the case, and — withMessage — the
// case's last word (the wizard says it in its own words).
func formFields(c app.RedCase, withMessage, direct bool) []fyne.CanvasObject {
	pair := func(caption, value string) []fyne.CanvasObject {
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{captionLabel(caption), v}
	}
	var objects []fyne.CanvasObject
	if !direct {
		objects = append(objects, pair(lang.X("red.form_number", "确认单编号"), dash(c.Form.Number))...)
		objects = append(objects, pair(lang.X("red.form_state", "确认单状态"), formStateLabel(c.Form.State))...)
	}
	objects = append(objects, pair(lang.X("red.case", "红冲编号"), strconv.FormatInt(c.ID, 10)+"  "+stepLabel(c.Step))...)
	objects = append(objects, pair(lang.X("red.reason", "红冲原因"), reasonLabel(c.Reason)+"  "+modeLabel(c.Partial))...)
	if withMessage && c.Message != "" {
		objects = append(objects, pair(lang.X("red.message", "说明"), c.Message)...)
	}
	return objects
}

// showNotice says what happens next to a form that is not issued.
func (s *redResultStep) showNotice(c app.RedCase) {
	text, hint, importance := "", "", widget.MediumImportance
	switch c.Step {
	case app.RedStepAwaiting:
		text, importance = lang.X("red.awaiting", "已提交,等待购买方确认;72小时内未确认将自动作废;确认后可一键开具。"), widget.WarningImportance
		hint = lang.X("red.awaiting_hint", "本程序每5分钟查询一次确认单状态,购买方确认后会提醒您;也可在「红冲」中随时刷新。")
	case app.RedStepVoid:
		text, importance = lang.X("red.void_notice", "确认单已作废,未红冲任何金额。"), widget.DangerImportance
		hint = c.Message
	}
	s.notice.SetText(text)
	s.notice.Importance = importance
	s.notice.Refresh()
	showIf(s.notice, text != "")
	s.hint.SetText(hint)
	showIf(s.hint, hint != "")
}

// showInvoice shows the issued red invoice and its exports.
func (s *redResultStep) showInvoice(out redOutcome) {
	if out.c.Step != app.RedStepIssued {
		s.invoice.Objects = nil
		s.invoice.Refresh()
		return
	}
	inv := out.inv
	number := widget.NewLabelWithStyle(out.c.RedNumber, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	number.SizeName = theme.SizeNameSubHeadingText
	total := widget.NewLabelWithStyle(yuan(out.c.Total)+"  "+app.CapitalAmount(out.c.Total), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	total.Importance = widget.DangerImportance
	grid := container.New(newTwoColumns(),
		captionLabel(lang.X("red.red_number", "红字发票号码")), number,
		captionLabel(lang.X("issued.date", "开票日期")), widget.NewLabel(formatTime(inv.IssuedAt)),
		captionLabel(lang.X("red.blue_number", "被红冲蓝字发票")), widget.NewLabel(out.c.BlueNumber),
		captionLabel(lang.X("totals.amount", "合计金额")), widget.NewLabel(yuan(out.c.TotalAmount)),
		captionLabel(lang.X("totals.tax", "合计税额")), widget.NewLabel(yuan(out.c.TotalTax)),
		captionLabel(lang.X("issued.total", "价税合计")), total,
	)
	buttons := make([]fyne.CanvasObject, len(s.exports))
	for i, b := range s.exports {
		setEnabled(b, inv.Number != "")
		buttons[i] = b
	}
	s.invoice.Objects = []fyne.CanvasObject{sectionTitle(lang.X("red.invoice_title", "红字发票已开具")), grid,
		container.NewGridWithColumns(3, buttons...)}
	s.invoice.Refresh()
}
