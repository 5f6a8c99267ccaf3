package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// issueRedCase is the one click: it carries case id on — the red invoice
// on a form that allows it, or one being issued under its serial — behind
// a progress dialog, and says how it went.
func (w *mainWindow) issueRedCase(id int64) {
	done := showProgress(w.win, lang.X("red.issue.progress.title", "正在开具红字发票"),
		lang.X("red.issue.progress", "正在开具{{.Case}}的红字发票……", map[string]any{"Case": caseRef(id)}))
	w.callRed(func(ctx context.Context) (app.RedCase, error) { return w.svc.Red.Advance(ctx, id) }, func(out redOutcome) {
		done()
		w.refreshRedViews()
		w.redIssued(id, out)
	})
}

// redIssued shows what the one click did.
func (w *mainWindow) redIssued(id int64, out redOutcome) {
	if out.err != nil {
		say := func() {
			showMessage(w.win, lang.X("red.issue.failed.title", "红字发票未开具"), redErrorText(out.err)+"\n\n"+
				lang.X("red.issue.failed.hint", "{{.Case}}已保存,可稍后在「红冲」中选中它再次点击「开具红字发票」,沿用原流水号,不会重复开具。",
					map[string]any{"Case": caseRef(id)}))
		}
		if !w.takeOverSession(out.err, func() { w.issueRedCase(id) }, say) {
			say()
		}
		return
	}
	switch out.c.Step {
	case app.RedStepIssued:
		w.showRedIssuedDialog(out)
	case app.RedStepVoid:
		showMessage(w.win, lang.X("red.void.title", "确认单已作废"), out.c.Message)
	default:
		showMessage(w.win, caseRef(id), stepLabel(out.c.Step)+":"+out.c.Message)
	}
}

// showRedIssuedDialog shows an issued red invoice, offering its PDF.
func (w *mainWindow) showRedIssuedDialog(out redOutcome) {
	total := widget.NewLabelWithStyle(yuan(out.c.Total)+"  "+app.CapitalAmount(out.c.Total), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	total.Importance = widget.DangerImportance
	rows := container.New(newTwoColumns(),
		captionLabel(lang.X("red.red_number", "红字发票号码")), widget.NewLabelWithStyle(out.c.RedNumber, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		captionLabel(lang.X("red.blue_number", "被红冲蓝字发票")), widget.NewLabel(out.c.BlueNumber),
		captionLabel(lang.X("red.form_number", "确认单编号")), widget.NewLabel(out.c.Form.Number),
		captionLabel(lang.X("issued.total", "价税合计")), total,
	)
	d := dialog.NewCustomConfirm(lang.X("red.invoice_title", "红字发票已开具"),
		lang.X("issued.export_pdf", "导出PDF"), lang.X("dialog.close", "关闭"), rows,
		func(export bool) {
			if export && out.inv.Number != "" {
				w.exporter.export(out.inv, app.FormatPDF)
			}
		}, w.win)
	answerFromKeyboard(w.win, d, nil)
	d.Show()
}

// notifyRedChanges tells the clerk what became of pending forms: a
// confirmed one with a button that issues its red invoice, a void one
// with why. The desktop is told too, for a clerk in another window.
func (w *mainWindow) notifyRedChanges(changed []app.RedCase) {
	title := lang.X("red.notify.title", "红字确认单状态更新")
	for _, c := range changed {
		w.app.SendNotification(fyne.NewNotification(title, redChangeText(c)))
	}
	if len(changed) == 1 && changed[0].Step == app.RedStepReady {
		// One form to issue: the dialog's own button does it; Enter too.
		id := changed[0].ID
		d := dialog.NewCustomConfirm(title, lang.X("red.detail.issue", "开具红字发票"), lang.X("red.later", "稍后"),
			wrappedText(redChangeText(changed[0])), func(issue bool) {
				if issue {
					w.issueRedCase(id)
				}
			}, w.win)
		answerFromKeyboard(w.win, d, func() {
			d.Hide()
			w.issueRedCase(id)
		})
		d.Show()
		return
	}
	var rows []fyne.CanvasObject
	var d dialog.Dialog
	for _, c := range changed {
		rows = append(rows, wrappedText(redChangeText(c)))
		if c.Step != app.RedStepReady {
			continue
		}
		id := c.ID
		issue := widget.NewButton(lang.X("red.detail.issue", "开具红字发票"), func() {
			d.Hide()
			w.issueRedCase(id)
		})
		issue.Importance = widget.HighImportance
		rows = append(rows, container.NewHBox(issue))
	}
	d = dialog.NewCustom(title, lang.X("dialog.close", "关闭"), container.NewVBox(rows...), w.win)
	answerFromKeyboard(w.win, d, nil)
	d.Show()
}

// redChangeText is one changed case in a sentence.
func redChangeText(c app.RedCase) string {
	switch c.Step {
	case app.RedStepReady:
		return lang.X("red.notify.confirmed", "购买方已确认红字信息确认单 {{.Form}},可开具红字发票(蓝字发票 {{.Blue}},{{.Total}})。",
			map[string]any{"Form": c.Form.Number, "Blue": c.BlueNumber, "Total": yuan(c.Total)})
	case app.RedStepVoid:
		return lang.X("red.notify.void", "确认单 {{.Form}} 已作废({{.Why}}),蓝字发票 {{.Blue}} 未红冲任何金额。",
			map[string]any{"Form": c.Form.Number, "Why": voidReason(c.Form.State), "Blue": c.BlueNumber})
	}
	return lang.X("red.notify.other", "确认单 {{.Form}}:{{.State}}", map[string]any{"Form": c.Form.Number, "State": formStateLabel(c.Form.State)})
}
