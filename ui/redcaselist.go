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

// redListTimeout bounds a read of the local cases.
const redListTimeout = 10 * time.Second

// redCaseList lists the red cases, newest first, over the selected case's
// details and actions.
type redCaseList struct {
	w        *mainWindow
	list     *widget.List
	empty    *widget.Label
	problem  *widget.Label
	detail   *redCaseDetail
	cases    []app.RedCase
	selected int64 // ID of the selected case, 0 for none
	content  fyne.CanvasObject
}

func newRedCaseList(w *mainWindow) *redCaseList {
	l := &redCaseList{w: w}
	l.detail = newRedCaseDetail(w, l)
	l.empty = widget.NewLabel(lang.X("red.cases.empty", "还没有红冲。在上方输入蓝字发票号码,或在「已开发票」中选中发票点击「红冲」。"))
	l.empty.Alignment = fyne.TextAlignCenter
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Hide()
	l.problem = widget.NewLabel("")
	l.problem.Importance = widget.DangerImportance
	l.problem.Hide()
	l.list = widget.NewList(func() int { return len(l.cases) }, l.newRow, l.updateRow)
	l.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(l.cases) {
			l.selected = l.cases[id].ID
			l.detail.load(l.selected)
		}
	}
	top := container.NewBorder(container.NewVBox(l.problem, l.header()), nil, nil, nil,
		container.NewStack(l.list, container.NewCenter(l.empty)))
	split := container.NewVSplit(container.NewPadded(top), l.detail.content)
	split.Offset = 0.45
	l.content = split
	return l
}

// newCaseColumns is the layout shared by the header and the rows:
// 编号, 蓝字发票号码, 原因, 红冲价税合计, 确认单编号, 确认单状态, 进度, 红字发票号码.
func newCaseColumns() *columnsLayout {
	return &columnsLayout{
		widths:  []float32{44, 184, 72, 92, 150, 120, 116, 184},
		weights: []float32{0, 0, 0, 0, 1, 0, 0, 0},
		gap:     theme.Padding(),
	}
}

func (l *redCaseList) header() fyne.CanvasObject {
	captions := []string{lang.X("red.cases.id", "编号"), lang.X("red.blue_number", "被红冲蓝字发票"),
		lang.X("red.reason", "红冲原因"), lang.X("issued.total", "价税合计"), lang.X("red.form_number", "确认单编号"),
		lang.X("red.form_state", "确认单状态"), lang.X("red.cases.step", "进度"), lang.X("red.red_number", "红字发票号码")}
	objects := make([]fyne.CanvasObject, len(captions))
	for i, c := range captions {
		label := widget.NewLabel(c)
		label.TextStyle.Bold = true
		label.Truncation = fyne.TextTruncateEllipsis
		if i == 3 {
			label.Alignment = fyne.TextAlignTrailing
		}
		objects[i] = label
	}
	return container.NewVBox(container.New(newCaseColumns(), objects...), widget.NewSeparator())
}

func (l *redCaseList) newRow() fyne.CanvasObject {
	objects := make([]fyne.CanvasObject, 8)
	for i := range objects {
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		objects[i] = label
	}
	objects[3].(*widget.Label).Alignment = fyne.TextAlignTrailing
	return container.New(newCaseColumns(), objects...)
}

func (l *redCaseList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(l.cases) {
		return
	}
	c := l.cases[id]
	cells := o.(*fyne.Container).Objects
	texts := []string{strconv.FormatInt(c.ID, 10), c.BlueNumber, reasonName(c.Reason), yuan(c.Total),
		dash(c.Form.Number), formStateLabel(c.Form.State), stepLabel(c.Step), dash(c.RedNumber)}
	for i, t := range texts {
		cells[i].(*widget.Label).SetText(t)
	}
	step := cells[6].(*widget.Label)
	step.Importance = stepImportance(c.Step)
	step.Refresh()
}

// stepImportance colours a step: what needs the clerk stands out.
func stepImportance(s app.RedStep) widget.Importance {
	switch s {
	case app.RedStepIssued:
		return widget.SuccessImportance
	case app.RedStepVoid:
		return widget.DangerImportance
	case app.RedStepReady:
		return widget.HighImportance
	}
	return widget.WarningImportance
}

// refresh reads the cases again (locally), keeping the selection.
func (l *redCaseList) refresh() {
	w := l.w
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), redListTimeout)
		defer cancel()
		cases, err := w.svc.Red.Cases(ctx, "", false)
		w.tasks.toUI(func() { l.show(cases, err) })
	})
}

func (l *redCaseList) show(cases []app.RedCase, err error) {
	if err != nil {
		l.problem.SetText(lang.X("red.cases.failed", "读取红冲记录失败:{{.Error}}", map[string]any{"Error": err.Error()}))
		l.problem.Show()
		return
	}
	l.problem.Hide()
	l.cases = cases
	showIf(l.empty, len(cases) == 0)
	l.list.UnselectAll()
	l.list.Refresh()
	if i := l.row(l.selected); l.selected != 0 && i >= 0 {
		l.list.Select(i)
		return
	}
	l.selected = 0
	l.detail.clear()
}

// row is the list position of case id, or -1.
func (l *redCaseList) row(id int64) int {
	for i, c := range l.cases {
		if c.ID == id {
			return i
		}
	}
	return -1
}
