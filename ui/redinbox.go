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

// redInboxTimeout bounds a question about the forms raised against us.
const redInboxTimeout = time.Minute

// redInboxView is the buyer side (待我方确认): red-letter forms other
// sellers raised against invoices they issued to us, each to confirm or
// refuse.
type redInboxView struct {
	w       *mainWindow
	rows    *fyne.Container
	status  *widget.Label
	forms   []app.IncomingRedForm
	loaded  bool
	content fyne.CanvasObject
}

func newRedInboxView(w *mainWindow) *redInboxView {
	v := &redInboxView{w: w, rows: container.NewVBox(), status: widget.NewLabel("")}
	v.status.Wrapping = fyne.TextWrapWord
	explain := widget.NewLabel(lang.X("red.inbox.explain", "以下是销售方对开给我方的发票申请的红字发票信息确认单。确认后对方即可开具红字发票,冲减相应进项;72小时内未处理将自动作废。"))
	explain.Wrapping = fyne.TextWrapWord
	refresh := widget.NewButtonWithIcon(lang.X("list.refresh", "刷新"), theme.ViewRefreshIcon(), v.refresh)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, refresh, explain), v.header())
	v.content = container.NewBorder(container.NewPadded(top), container.NewPadded(v.status), nil, nil,
		container.NewVScroll(container.NewPadded(v.rows)))
	return v
}

// title is the tab's caption, with the count once known.
func (v *redInboxView) title() string {
	if !v.loaded {
		return lang.X("red.tab.inbox", "待我方确认")
	}
	return lang.X("red.tab.inbox_count", "待我方确认({{.N}})", map[string]any{"N": strconv.Itoa(len(v.forms))})
}

// newInboxColumns: 确认单编号, 销售方, 蓝字发票号码, 原因, 价税合计, 申请时间, 确认, 拒绝.
func newInboxColumns() *columnsLayout {
	return &columnsLayout{
		widths:  []float32{184, 150, 184, 72, 96, 144, 72, 72},
		weights: []float32{0, 1, 0, 0, 0, 0, 0, 0},
		gap:     theme.Padding(),
	}
}

func (v *redInboxView) header() fyne.CanvasObject {
	captions := []string{lang.X("red.form_number", "确认单编号"), lang.X("red.inbox.seller", "销售方"),
		lang.X("red.inbox.blue", "蓝字发票号码"), lang.X("red.reason", "红冲原因"), lang.X("issued.total", "价税合计"),
		lang.X("red.inbox.applied", "申请时间"), "", ""}
	objects := make([]fyne.CanvasObject, len(captions))
	for i, c := range captions {
		l := widget.NewLabel(c)
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		if i == 4 {
			l.Alignment = fyne.TextAlignTrailing
		}
		objects[i] = l
	}
	return container.NewVBox(container.New(newInboxColumns(), objects...), widget.NewSeparator())
}

// refresh asks for the forms waiting for us.
func (v *redInboxView) refresh() {
	w := v.w
	v.status.SetText(lang.X("red.inbox.loading", "正在查询待我方确认的确认单……"))
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(w.ctx, redInboxTimeout)
		defer cancel()
		forms, err := w.svc.Red.Inbox.IncomingRedForms(ctx)
		w.tasks.toUI(func() { v.show(forms, err) })
	})
}

func (v *redInboxView) show(forms []app.IncomingRedForm, err error) {
	if err != nil {
		v.status.SetText(lang.X("red.inbox.failed", "查询失败:{{.Error}}", map[string]any{"Error": redErrorText(err)}))
		v.status.Importance = widget.DangerImportance
		v.status.Refresh()
		return
	}
	v.forms, v.loaded = forms, true
	v.status.Importance = widget.MediumImportance
	if len(forms) == 0 {
		v.status.SetText(lang.X("red.inbox.empty", "没有待我方确认的确认单"))
	} else {
		v.status.SetText("")
	}
	objects := make([]fyne.CanvasObject, 0, len(forms))
	for _, f := range forms {
		objects = append(objects, v.row(f))
	}
	v.rows.Objects = objects
	v.rows.Refresh()
	v.retitle()
}

// retitle puts the count on the tab.
func (v *redInboxView) retitle() {
	s := v.w.red
	if s == nil || len(s.tabs.Items) <= redTabInbox {
		return
	}
	s.tabs.Items[redTabInbox].Text = v.title()
	s.tabs.Refresh()
}

func (v *redInboxView) row(f app.IncomingRedForm) fyne.CanvasObject {
	cell := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	total := cell(yuan(f.TotalAmount.Add(f.TotalTax)))
	total.Alignment = fyne.TextAlignTrailing
	confirm := widget.NewButton(lang.X("red.inbox.confirm", "确认"), func() { v.ask(f, true) })
	confirm.Importance = widget.HighImportance
	refuse := widget.NewButton(lang.X("red.inbox.refuse", "拒绝"), func() { v.ask(f, false) })
	return container.NewVBox(container.New(newInboxColumns(),
		cell(f.Number), cell(f.Seller.Name), cell(f.BlueNumber), cell(reasonName(f.Reason)), total,
		cell(formatTime(f.AppliedAt)), confirm, refuse), widget.NewSeparator())
}

// ask makes sure before answering: neither answer can be taken back.
func (v *redInboxView) ask(f app.IncomingRedForm, confirm bool) {
	args := map[string]any{"Form": f.Number, "Seller": f.Seller.Name, "Blue": f.BlueNumber,
		"Amount": yuan(f.TotalAmount), "Tax": yuan(f.TotalTax), "Total": yuan(f.TotalAmount.Add(f.TotalTax))}
	title := lang.X("red.inbox.confirm.title", "确认红字信息确认单")
	text := lang.X("red.inbox.confirm.text", "确认 {{.Seller}} 的红字信息确认单 {{.Form}}?\n\n蓝字发票 {{.Blue}}:金额 {{.Amount}},税额 {{.Tax}},价税合计 {{.Total}}。\n确认后对方即可开具红字发票,不能撤回。", args)
	if !confirm {
		title = lang.X("red.inbox.refuse.title", "拒绝红字信息确认单")
		text = lang.X("red.inbox.refuse.text", "拒绝 {{.Seller}} 的红字信息确认单 {{.Form}}?\n\n蓝字发票 {{.Blue}},价税合计 {{.Total}}。\n拒绝后该确认单作废,不能撤回。", args)
	}
	showConfirm(v.w.win, title, text, func(ok bool) {
		if ok {
			v.answer(f.Number, confirm)
		}
	})
}

// answer sends the answer, then lists the forms again.
func (v *redInboxView) answer(number string, confirm bool) {
	w := v.w
	done := showProgress(w.win, lang.X("red.inbox.answering.title", "正在提交"),
		lang.X("red.inbox.answering", "正在向税局提交对确认单 {{.Form}} 的答复……", map[string]any{"Form": number}))
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), redInboxTimeout)
		defer cancel()
		err := w.svc.Red.Inbox.AnswerRedForm(ctx, number, confirm)
		w.tasks.toUI(func() {
			done()
			if err != nil {
				showMessage(w.win, lang.X("red.inbox.answer_failed", "提交失败"), redErrorText(err))
			}
			v.refresh()
		})
	})
}
