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

// listLimit is how many invoices the list shows: the newest, which is what a
// clerk looks for; older ones are found with the search.
const listLimit = 500

// invoiceList is the 已开发票 tab: a searchable table of invoices, newest
// first, and the selected invoice's details and actions.
type invoiceList struct {
	win   fyne.Window
	svc   *app.Services
	tasks *tasks

	search   *widget.Entry
	count    *widget.Label
	table    *widget.List
	empty    *widget.Label
	detail   *invoiceDetail
	invoices []app.Invoice
	marks    map[string]redMark // what red cases did to each blue invoice, by number
	selected string             // request serial of the selected invoice
	content  fyne.CanvasObject
}

func newInvoiceList(w *mainWindow) *invoiceList {
	l := &invoiceList{win: w.win, svc: w.svc, tasks: w.tasks}
	l.detail = newInvoiceDetail(w, l)
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(lang.X("list.search", "搜索发票号码、购买方名称或纳税人识别号"))
	l.search.OnChanged = func(string) { l.refresh() }
	l.count = widget.NewLabel("")
	refresh := widget.NewButtonWithIcon(lang.X("list.refresh", "刷新"), theme.ViewRefreshIcon(), l.refresh)
	l.empty = widget.NewLabel(lang.X("list.empty", "没有发票"))
	l.empty.Alignment = fyne.TextAlignCenter
	l.empty.Importance = widget.LowImportance
	l.empty.Hide()
	l.table = widget.NewList(func() int { return len(l.invoices) }, l.newRow, l.updateRow)
	l.table.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(l.invoices) {
			l.selected = l.invoices[id].RequestSerial
			l.detail.show(l.invoices[id])
		}
	}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(l.count, refresh), l.search)
	left := container.NewBorder(container.NewVBox(top, l.header()), nil, nil, nil,
		container.NewStack(l.table, container.NewCenter(l.empty)))
	split := container.NewHSplit(container.NewPadded(left), l.detail.content)
	split.Offset = 0.6
	l.content = split
	return l
}

// newListColumns is the layout shared by the header and the rows.
func newListColumns() *columnsLayout {
	return &columnsLayout{
		//                 number date buyer total status
		widths:  []float32{196, 92, 110, 100, 84},
		weights: []float32{0, 0, 1, 0, 0},
		gap:     theme.Padding(),
	}
}

func (l *invoiceList) header() fyne.CanvasObject {
	captions := []string{
		lang.X("list.number", "发票号码"), lang.X("list.date", "开票日期"),
		lang.X("list.buyer", "购买方"), lang.X("list.total", "价税合计"), lang.X("list.status", "状态"),
	}
	objects := make([]fyne.CanvasObject, len(captions))
	for i, c := range captions {
		label := widget.NewLabel(c)
		label.TextStyle.Bold = true
		if i == 3 {
			label.Alignment = fyne.TextAlignTrailing
		}
		objects[i] = label
	}
	return container.NewVBox(container.New(newListColumns(), objects...), widget.NewSeparator())
}

func (l *invoiceList) newRow() fyne.CanvasObject {
	objects := make([]fyne.CanvasObject, 5)
	for i := range objects {
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		objects[i] = label
	}
	objects[3].(*widget.Label).Alignment = fyne.TextAlignTrailing
	return container.New(newListColumns(), objects...)
}

func (l *invoiceList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(l.invoices) {
		return
	}
	inv := l.invoices[id]
	cells := o.(*fyne.Container).Objects
	number := inv.Number
	if number == "" {
		number = "—"
	}
	cells[0].(*widget.Label).SetText(number)
	cells[1].(*widget.Label).SetText(formatDate(inv.IssuedAt))
	cells[2].(*widget.Label).SetText(inv.Buyer.Name)
	cells[3].(*widget.Label).SetText(yuan(inv.Total))
	status := cells[4].(*widget.Label)
	text, importance := listStatus(inv, l.marks[inv.Number])
	status.Importance = importance
	status.SetText(text)
}

// statusImportance colours a status: what needs the clerk stands out.
func statusImportance(s app.Status) widget.Importance {
	switch s {
	case app.StatusIssued:
		return widget.SuccessImportance
	case app.StatusRejected:
		return widget.DangerImportance
	case app.StatusHeld, app.StatusUnknown, app.StatusPending:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// refresh queries the invoices again, keeping the selection.
func (l *invoiceList) refresh() {
	search := l.search.Text
	l.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		invoices, err := l.svc.Issuing.List(ctx, app.ListQuery{Limit: listLimit, Search: search})
		marks, markErr := l.redMarks(ctx)
		l.tasks.toUI(func() {
			if l.search.Text != search {
				return // a newer search is on its way
			}
			if err != nil {
				l.count.SetText(lang.X("list.failed", "读取失败:{{.Error}}", map[string]any{"Error": err.Error()}))
				return
			}
			l.marks = marks
			l.show(invoices)
			if markErr != nil {
				l.count.SetText(lang.X("list.red_failed", "红冲状态读取失败:{{.Error}}", map[string]any{"Error": markErr.Error()}))
			}
		})
	})
}

// redMarks reads what the red cases did to each blue invoice, from the
// local store: one read for the whole list.
func (l *invoiceList) redMarks(ctx context.Context) (map[string]redMark, error) {
	if l.svc.Red == nil {
		return nil, nil
	}
	cases, err := l.svc.Red.Cases(ctx, "", false)
	if err != nil {
		return nil, err
	}
	return redMarksOf(cases), nil
}

func (l *invoiceList) show(invoices []app.Invoice) {
	l.invoices = invoices
	l.count.SetText(lang.X("list.count", "共 {{.N}} 张", map[string]any{"N": strconv.Itoa(len(invoices))}))
	if len(invoices) == 0 {
		l.empty.Show()
	} else {
		l.empty.Hide()
	}
	l.table.UnselectAll()
	l.table.Refresh()
	for i, inv := range invoices {
		if inv.RequestSerial == l.selected && l.selected != "" {
			l.table.Select(i)
			return
		}
	}
	l.selected = ""
	l.detail.clear()
}
