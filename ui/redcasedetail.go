package ui

import (
	"context"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// redCaseDetail shows one case — its figures, form, red invoice and every
// stored move — and the actions that apply to where it stands.
type redCaseDetail struct {
	w    *mainWindow
	list *redCaseList
	c    app.RedCase
	inv  app.Invoice // the red invoice, once issued
	has  bool

	fields  *fyne.Container
	lines   *fyne.Container
	moves   *fyne.Container
	hint    *widget.Label
	body    fyne.CanvasObject
	refresh *widget.Button
	issue   *widget.Button
	exports map[app.DocFormat]*widget.Button
	content fyne.CanvasObject
}

func newRedCaseDetail(w *mainWindow, l *redCaseList) *redCaseDetail {
	d := &redCaseDetail{w: w, list: l, fields: container.New(newTwoColumns()), lines: container.NewVBox(),
		moves: container.NewVBox(), exports: map[app.DocFormat]*widget.Button{}}
	d.hint = widget.NewLabel(lang.X("red.detail.hint", "选择一笔红冲查看确认单、进度和操作"))
	d.hint.Alignment = fyne.TextAlignCenter
	d.refresh = widget.NewButtonWithIcon(lang.X("red.detail.refresh", "刷新状态"), theme.ViewRefreshIcon(), d.refreshCase)
	d.issue = widget.NewButtonWithIcon(lang.X("red.detail.issue", "开具红字发票"), theme.ConfirmIcon(), d.issueCase)
	d.issue.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{d.refresh, d.issue}
	for _, f := range []app.DocFormat{app.FormatPDF, app.FormatOFD, app.FormatXML} {
		b := widget.NewButtonWithIcon(lang.X("red.export", "导出 {{.Format}}", map[string]any{"Format": formatName(f)}),
			theme.DocumentSaveIcon(), func() { d.w.exporter.export(d.inv, f) })
		d.exports[f] = b
		buttons = append(buttons, b)
	}
	info := container.NewVBox(d.fields, d.lines)
	history := container.NewVBox(sectionTitle(lang.X("red.detail.moves", "进度记录")), d.moves)
	d.body = container.NewGridWithColumns(2, container.NewVScroll(container.NewPadded(info)),
		container.NewVScroll(container.NewPadded(history)))
	d.content = container.NewBorder(nil, container.NewPadded(container.NewGridWithColumns(len(buttons), buttons...)), nil, nil,
		container.NewStack(d.body, container.NewCenter(d.hint)))
	d.clear()
	return d
}

// clear shows no case: every action is disabled.
func (d *redCaseDetail) clear() {
	d.has, d.c, d.inv = false, app.RedCase{}, app.Invoice{}
	d.body.Hide()
	d.hint.Show()
	d.enableActions()
}

// load reads a case with its moves (locally) and shows it.
func (d *redCaseDetail) load(id int64) {
	w := d.w
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), redListTimeout)
		defer cancel()
		c, moves, err := w.svc.Red.Case(ctx, id)
		var inv app.Invoice
		if err == nil && c.RedNumber != "" {
			inv, _ = w.svc.Issuing.Invoice(ctx, c.RedNumber) // without it only the exports are off
		}
		w.tasks.toUI(func() {
			if d.list.selected != id {
				return // another case was selected meanwhile
			}
			if err != nil {
				d.clear()
				d.hint.SetText(lang.X("red.cases.failed", "读取红冲记录失败:{{.Error}}", map[string]any{"Error": err.Error()}))
				return
			}
			d.show(c, moves, inv)
		})
	})
}

func (d *redCaseDetail) show(c app.RedCase, moves []app.RedTransition, inv app.Invoice) {
	d.has, d.c, d.inv = true, c, inv
	d.hint.Hide()
	d.body.Show()
	pair := func(caption, value string) []fyne.CanvasObject {
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{captionLabel(caption), v}
	}
	var objects []fyne.CanvasObject
	add := func(caption, value string) { objects = append(objects, pair(caption, value)...) }
	add(lang.X("red.case", "红冲编号"), strconv.FormatInt(c.ID, 10)+"  "+stepLabel(c.Step))
	add(lang.X("red.blue_number", "被红冲蓝字发票"), c.BlueNumber)
	add(lang.X("detail.buyer", "购买方"), joinLabel(c.Buyer.Name, c.Buyer.TaxID))
	add(lang.X("red.reason", "红冲原因"), reasonLabel(c.Reason)+"  "+modeLabel(c.Partial))
	add(lang.X("issued.total", "价税合计"), yuan(c.Total))
	if !d.w.directRed() { // no form where red invoices go straight against the blue one
		add(lang.X("red.form_number", "确认单编号"), dash(c.Form.Number))
		add(lang.X("red.form_state", "确认单状态"), formStateLabel(c.Form.State))
	}
	add(lang.X("red.red_number", "红字发票号码"), dash(c.RedNumber))
	if c.Serial != "" {
		add(lang.X("detail.serial", "流水号"), c.Serial)
	}
	if c.Message != "" {
		add(lang.X("red.message", "说明"), c.Message)
	}
	d.fields.Objects = objects
	d.fields.Refresh()
	d.lines.Objects = []fyne.CanvasObject{sectionTitle(lang.X("red.detail.lines", "红字明细")), redLinesView(c.Lines)}
	d.lines.Refresh()
	d.showMoves(moves)
	d.enableActions()
}

// showMoves lists the stored moves, oldest first, as they happened.
func (d *redCaseDetail) showMoves(moves []app.RedTransition) {
	objects := make([]fyne.CanvasObject, 0, len(moves))
	for _, m := range moves {
		line := widget.NewLabel(m.At.In(app.ChinaTime).Format(time.DateTime) + "  " + stepLabel(m.Step) + "\n" + m.Note)
		line.Wrapping = fyne.TextWrapWord
		objects = append(objects, line)
	}
	d.moves.Objects = objects
	d.moves.Refresh()
}

// enableActions enables what applies: 刷新状态 while the form waits,
// 开具红字发票 when it allows the red invoice (or one is being issued and
// must be carried on with its serial), exports once issued.
func (d *redCaseDetail) enableActions() {
	s := d.c.Step
	setEnabled(d.refresh, d.has && (s == app.RedStepAwaiting || s == app.RedStepApplying))
	setEnabled(d.issue, d.has && (s == app.RedStepReady || s == app.RedStepIssuing))
	for _, b := range d.exports {
		setEnabled(b, d.has && s == app.RedStepIssued && d.inv.Number != "")
	}
}

// refreshCase asks the bureau for the form's state, issuing nothing.
func (d *redCaseDetail) refreshCase() {
	if !d.has {
		return
	}
	id, w := d.c.ID, d.w
	d.refresh.Disable()
	done := showProgress(w.win, lang.X("red.detail.refresh.title", "正在刷新"),
		lang.X("red.detail.refresh.progress", "正在向税局查询确认单 {{.Form}} 的状态……", map[string]any{"Form": dash(d.c.Form.Number)}))
	w.callRed(func(ctx context.Context) (app.RedCase, error) { return w.svc.Red.Refresh(ctx, id) }, func(out redOutcome) {
		done()
		d.list.refresh()
		w.refreshList()
		if out.err != nil {
			say := func() { showMessage(w.win, lang.X("red.detail.refresh.failed", "刷新失败"), redErrorText(out.err)) }
			if !w.takeOverSession(out.err, d.refreshCase, say) {
				say()
			}
			return
		}
		if out.c.Step == app.RedStepReady {
			w.notifyRedChanges([]app.RedCase{out.c})
		}
	})
}

// issueCase is the one click: issue the red invoice on the form.
func (d *redCaseDetail) issueCase() {
	if d.has {
		d.issue.Disable()
		d.w.issueRedCase(d.c.ID)
	}
}

// caseRef is "红冲编号 N" for messages.
func caseRef(id int64) string {
	return lang.X("red.case_no", "红冲编号 {{.ID}}", map[string]any{"ID": strconv.FormatInt(id, 10)})
}
