package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// invoiceDetail shows the selected invoice and the actions that apply to
// its status; the others are disabled, never dead.
type invoiceDetail struct {
	window  *mainWindow
	list    *invoiceList
	inv     app.Invoice
	mark    redMark // what red cases did to it
	has     bool
	fields  *fyne.Container
	lines   *fyne.Container
	totals  *fyne.Container
	message *widget.Label
	hint    *widget.Label
	body    fyne.CanvasObject // everything about the invoice, hidden when there is none

	exportPDF, exportOFD, exportXML *widget.Button
	resubmit, resolve, copyToForm   *widget.Button
	red                             *widget.Button // 红冲; hidden when the provider has no red invoices
	redWhy                          *widget.Label  // why 红冲 is disabled
	content                         fyne.CanvasObject
}

func newInvoiceDetail(w *mainWindow, l *invoiceList) *invoiceDetail {
	d := &invoiceDetail{window: w, list: l}
	d.fields = container.New(newTwoColumns())
	d.lines = container.NewVBox()
	d.totals = container.New(newTwoColumns())
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Importance = widget.WarningImportance
	d.hint = widget.NewLabel(lang.X("detail.hint", "在左侧选择一张发票查看详情"))
	d.hint.Importance = widget.LowImportance
	d.hint.Alignment = fyne.TextAlignCenter

	d.exportPDF = widget.NewButtonWithIcon(lang.X("detail.export_pdf", "导出 PDF"), theme.DocumentSaveIcon(), func() { d.export(app.FormatPDF) })
	d.exportOFD = widget.NewButtonWithIcon(lang.X("detail.export_ofd", "导出 OFD"), theme.DocumentSaveIcon(), func() { d.export(app.FormatOFD) })
	d.exportXML = widget.NewButtonWithIcon(lang.X("detail.export_xml", "导出 XML"), theme.DocumentSaveIcon(), func() { d.export(app.FormatXML) })
	d.resubmit = widget.NewButtonWithIcon(lang.X("detail.resubmit", "重新提交"), theme.MailSendIcon(), d.resubmitInvoice)
	d.resolve = widget.NewButtonWithIcon(lang.X("detail.resolve", "查询结果"), theme.SearchIcon(), d.resolveInvoice)
	d.copyToForm = widget.NewButtonWithIcon(lang.X("detail.copy", "复制到开票"), theme.ContentCopyIcon(), d.copyInvoice)

	d.red = widget.NewButtonWithIcon(lang.X("detail.red", "红冲…"), theme.ContentUndoIcon(), d.startRed)
	d.redWhy = widget.NewLabel("")
	d.redWhy.Wrapping = fyne.TextWrapWord
	redRow := container.NewBorder(nil, nil, d.red, nil, d.redWhy)
	if w.svc.Red == nil {
		redRow.Hide()
	}
	actions := container.NewVBox(
		container.NewGridWithColumns(3, d.exportPDF, d.exportOFD, d.exportXML),
		container.NewGridWithColumns(3, d.resubmit, d.resolve, d.copyToForm),
		redRow,
	)
	body := container.NewVBox(
		d.fields, d.message,
		sectionTitle(lang.X("detail.lines", "明细")), d.lines, d.totals,
	)
	d.body = container.NewVScroll(container.NewPadded(body))
	d.content = container.NewBorder(nil, container.NewPadded(actions), nil, nil,
		container.NewStack(d.body, container.NewCenter(d.hint)))
	d.clear()
	return d
}

// clear shows no invoice: every action is disabled.
func (d *invoiceDetail) clear() {
	d.has = false
	d.inv, d.mark = app.Invoice{}, redMark{}
	d.fields.Objects = nil
	d.fields.Refresh()
	d.lines.Objects = nil
	d.lines.Refresh()
	d.totals.Objects = nil
	d.totals.Refresh()
	d.message.Hide()
	d.body.Hide()
	d.hint.Show()
	d.enableActions()
}

// show displays an invoice and enables the actions its status allows.
func (d *invoiceDetail) show(inv app.Invoice) {
	d.inv, d.has, d.mark = inv, true, d.list.marks[inv.Number]
	d.hint.Hide()
	d.body.Show()
	pair := func(caption, value string) []fyne.CanvasObject {
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{captionLabel(caption), v}
	}
	number := inv.Number
	if number == "" {
		number = "—"
	}
	var objects []fyne.CanvasObject
	objects = append(objects, pair(lang.X("detail.number", "发票号码"), number)...)
	objects = append(objects, pair(lang.X("detail.status", "状态"), statusLabel(inv.Status))...)
	objects = append(objects, pair(lang.X("detail.type", "发票类型"), typeLabel(inv.Type))...)
	objects = append(objects, pair(lang.X("detail.date", "开票日期"), formatTime(inv.IssuedAt))...)
	objects = append(objects, pair(lang.X("detail.buyer", "购买方"), joinLabel(inv.Buyer.Name, inv.Buyer.TaxID))...)
	objects = append(objects, pair(lang.X("detail.serial", "流水号"), inv.RequestSerial)...)
	objects = append(objects, pair(lang.X("detail.provider", "开票服务"), inv.Provider)...)
	if inv.Remark != "" {
		objects = append(objects, pair(lang.X("detail.remark", "备注"), inv.Remark)...)
	}
	if red := d.redText(); red != "" {
		objects = append(objects, pair(lang.X("detail.red_status", "红冲"), red)...)
	}
	d.fields.Objects = objects
	d.fields.Refresh()
	if inv.StatusMessage != "" {
		d.message.SetText(inv.StatusMessage)
		d.message.Show()
	} else {
		d.message.Hide()
	}
	d.showLines(inv)
	bold := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	d.totals.Objects = []fyne.CanvasObject{
		captionLabel(lang.X("totals.amount", "合计金额")), bold(yuan(inv.TotalAmount)),
		captionLabel(lang.X("totals.tax", "合计税额")), bold(yuan(inv.TotalTax)),
		captionLabel(lang.X("issued.total", "价税合计")), bold(yuan(inv.Total) + "  " + inv.TotalInWords()),
	}
	d.totals.Refresh()
	d.enableActions()
}

func newDetailColumns() *columnsLayout {
	return &columnsLayout{
		//                 name qty price amount rate tax
		widths:  []float32{120, 44, 64, 76, 52, 64},
		weights: []float32{1, 0, 0, 0, 0, 0},
		gap:     theme.Padding(),
	}
}

func (d *invoiceDetail) showLines(inv app.Invoice) {
	row := func(bold bool, cells ...string) fyne.CanvasObject {
		objects := make([]fyne.CanvasObject, len(cells))
		for i, c := range cells {
			l := widget.NewLabel(c)
			l.Truncation = fyne.TextTruncateEllipsis
			l.TextStyle.Bold = bold
			if i > 0 {
				l.Alignment = fyne.TextAlignTrailing
			}
			objects[i] = l
		}
		return container.New(newDetailColumns(), objects...)
	}
	objects := []fyne.CanvasObject{row(true,
		lang.X("line.name", "项目名称"), lang.X("line.quantity", "数量"), lang.X("line.price", "单价"),
		lang.X("detail.amount_excl", "金额"), lang.X("line.tax_rate", "税率"), lang.X("detail.tax", "税额"))}
	for _, l := range inv.Lines {
		quantity, price := "", ""
		if l.Quantity.Valid {
			quantity = app.FormatQuantity(l.Quantity.Decimal)
		}
		if p := l.PriceExclTax(); p.Valid {
			price = app.FormatQuantity(p.Decimal) // excluding tax, like 金额 beside it
		}
		name := l.Name
		if l.Nature == app.NatureDiscount {
			name = "    " + lang.X("detail.discount_line", "折扣")
		}
		objects = append(objects, row(false, name, quantity, price,
			app.FormatMoney(l.AmountExcl), rateLabel(l.TaxRate), app.FormatMoney(l.Tax)))
	}
	d.lines.Objects = objects
	d.lines.Refresh()
}

// enableActions enables what applies: exports for an issued invoice,
// 重新提交 for a held one, 查询结果 while the outcome is open, and 复制到开票
// for a finished one (copying an open one could issue it twice).
func (d *invoiceDetail) enableActions() {
	s := d.inv.Status
	issued := d.has && s == app.StatusIssued && d.inv.Number != ""
	setEnabled(d.exportPDF, issued)
	setEnabled(d.exportOFD, issued)
	setEnabled(d.exportXML, issued)
	setEnabled(d.resubmit, d.has && s == app.StatusHeld)
	setEnabled(d.resolve, d.has && (s == app.StatusUnknown || s == app.StatusPending))
	setEnabled(d.copyToForm, d.has && (s == app.StatusIssued || s == app.StatusRejected))
	why := ""
	if d.has {
		why = redRefusal(d.inv, d.mark)
	}
	setEnabled(d.red, d.has && why == "")
	d.redWhy.SetText(why)
}

// redText is the details' 红冲 row: for a red invoice the blue one it
// reverses, for a blue one what was reversed and what is left.
func (d *invoiceDetail) redText() string {
	if d.window.svc.Red == nil && d.inv.BlueNumber == "" {
		return ""
	}
	if isRed(d.inv) {
		return lang.X("detail.red_of", "红字发票,冲销蓝字发票 {{.Blue}}", map[string]any{"Blue": dash(d.inv.BlueNumber)})
	}
	return redStatusText(d.inv, d.mark)
}

// startRed opens the red wizard on this invoice.
func (d *invoiceDetail) startRed() {
	if d.has && redRefusal(d.inv, d.mark) == "" {
		d.window.openRedWizard(d.inv.Number)
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
