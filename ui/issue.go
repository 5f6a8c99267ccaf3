package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// issue validates the form and, when it is valid, issues it in the
// background behind a modal progress dialog. The button stays disabled
// meanwhile, so an invoice can never be sent twice by a double click.
func (f *issueForm) issue() {
	if f.issuing {
		return
	}
	f.showAll = true
	f.settleAll()
	d := f.draft()
	if _, err := f.svc.Issuing.Check(d); err != nil {
		f.showErrors(err)
		f.focusFirstError(err)
		return
	}
	f.showErrors(nil)
	f.setIssuing(true)
	done := showProgress(f.win, lang.X("issue.progress.title", "正在开具"),
		lang.X("issue.progress", "正在通过{{.Provider}}开具发票,请稍候……", map[string]any{"Provider": f.svc.Issuing.ProviderName()}))
	f.tasks.run(func() {
		// Not tied to the window: once sent, the outcome must be recorded.
		inv, err := f.svc.Issuing.Issue(context.Background(), d)
		f.tasks.toUI(func() {
			done()
			f.setIssuing(false)
			f.issued(inv, err)
		})
	})
}

func (f *issueForm) setIssuing(on bool) {
	f.issuing = on
	if on {
		f.issueButton.Disable()
	} else {
		f.issueButton.Enable()
	}
}

// issued shows the outcome of an issuance. The form is kept only when the
// clerk has something to correct (a validation error, a business refusal,
// or a failure before anything was stored); once the invoice is stored —
// issued, held or unknown — it lives in the issued list, and the form is
// cleared so that it cannot be issued a second time by mistake.
func (f *issueForm) issued(inv app.Invoice, err error) {
	defer f.onIssued()
	var verr *app.ValidationError
	switch {
	case err == nil:
		f.prefs.SetString(prefDrawer, inv.Drawer)
		f.clearAfterIssue()
		f.showIssuedDialog(inv)
	case errors.As(err, &verr):
		f.showErrors(err)
		f.focusFirstError(err)
	case inv.Status == app.StatusRejected:
		showMessage(f.win, lang.X("issue.rejected.title", "开具被拒绝"), rejectedText(inv, err))
	case inv.Status == app.StatusHeld:
		f.clearAfterIssue()
		if f.takeOverHeld(inv, err) {
			return
		}
		title, text := heldText(err)
		showMessage(f.win, title, text)
	case inv.Status == app.StatusUnknown:
		f.clearAfterIssue()
		showMessage(f.win, lang.X("issue.unknown.title", "开具结果待确认"), unknownText(inv, err))
	default:
		if inv.ID != 0 {
			f.clearAfterIssue()
		}
		showMessage(f.win, lang.X("issue.failed.title", "开具失败"), err.Error())
	}
}

func (f *issueForm) clearAfterIssue() {
	f.saver.discard()
	f.reset()
	f.focusStart()
}

func (f *issueForm) showIssuedDialog(inv app.Invoice) {
	rows := container.New(newTwoColumns(),
		captionLabel(lang.X("issued.number", "发票号码")), widget.NewLabelWithStyle(inv.Number, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		captionLabel(lang.X("issued.date", "开票日期")), widget.NewLabel(formatTime(inv.IssuedAt)),
		captionLabel(lang.X("issued.buyer", "购买方")), widget.NewLabel(inv.Buyer.Name),
		captionLabel(lang.X("issued.total", "价税合计")), widget.NewLabel(yuan(inv.Total)+"  "+inv.TotalInWords()),
	)
	d := dialog.NewCustomConfirm(lang.X("issued.title", "开具成功"),
		lang.X("issued.export_pdf", "导出PDF"), lang.X("dialog.close", "关闭"), rows,
		func(export bool) {
			if export {
				f.exporter.export(inv, app.FormatPDF)
			}
		}, f.win)
	// Enter closes: the clerk's next move is usually the next invoice.
	answerFromKeyboard(f.win, d, nil)
	d.Show()
}

func providerError(err error) *app.ProviderError {
	var pe *app.ProviderError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

func rejectedText(inv app.Invoice, err error) string {
	provider, message := inv.Provider, err.Error()
	if pe := providerError(err); pe != nil {
		provider, message = pe.Provider, pe.Message
		if pe.Code != "" {
			message = "[" + pe.Code + "] " + message
		}
	}
	return lang.X("issue.rejected", "{{.Provider}}拒绝开具:{{.Message}}\n\n表单内容已保留,请修改后重新开具。",
		map[string]any{"Provider": provider, "Message": message})
}

// heldText says what the provider needs before a held invoice can go.
func heldText(err error) (title, text string) {
	resubmit := lang.X("issue.held.resubmit", "发票未开具,已保存在「已开发票」中(状态:待处理)。处理后在那里选中它并点击「重新提交」:沿用同一流水号,不会重复开具。")
	message := err.Error()
	if pe := providerError(err); pe != nil {
		message = pe.Message
	}
	switch app.ErrorKindOf(err) {
	case app.KindFaceAuth:
		return lang.X("issue.faceauth.title", "需要人脸认证"),
			lang.X("issue.faceauth", "税局要求先完成人脸认证:请用电子税务局App扫码完成认证。") + "\n\n" + resubmit
	case app.KindLogin:
		return lang.X("issue.login.title", "需要登录电子税务局"),
			lang.X("issue.login", "电子税务局登录已失效,税局要求重新登录后才能开具。") + "\n\n" + resubmit
	case app.KindCredentials:
		return lang.X("issue.credentials.title", "需要登录"),
			lang.X("issue.credentials", "开票服务需要重新登录或核对账号:{{.Message}}", map[string]any{"Message": message}) + "\n\n" + resubmit
	}
	return lang.X("issue.held.title", "暂未开具"), message + "\n\n" + resubmit
}

func unknownText(inv app.Invoice, err error) string {
	var cause error = err
	var ue *app.OutcomeUnknownError
	if errors.As(err, &ue) && ue.Cause != nil {
		cause = ue.Cause
	}
	return lang.X("issue.unknown", "发票已发送,但没有收到开具结果({{.Cause}})。\n\n发票已保存(流水号 {{.Serial}}),系统会用同一流水号向税局查询结果。请勿重复开具;可在「已开发票」中选中它并点击「查询结果」。",
		map[string]any{"Cause": cause.Error(), "Serial": inv.RequestSerial})
}
