package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// openDetail reads the invoice afresh with its history and shows them.
func (s *inboundScreen) openDetail(inv app.InboundInvoice) {
	w := s.w
	inbound := w.svc.Inbound
	w.tasks.run(func() {
		ctx, cancel := w.readTimeoutCtx()
		defer cancel()
		full, changes, err := inbound.Invoice(ctx, inv.Key)
		w.tasks.toUI(func() {
			if err != nil {
				showMessage(w.win, lang.X("inbound.detail.failed.title", "无法打开"),
					lang.X("inbound.read_failed", "读取进项发票失败:{{.Error}}", map[string]any{"Error": err.Error()}))
				return
			}
			showInboundDetail(w.win, full, changes)
		})
	})
}

// showInboundDetail shows every field of an inbound invoice in words, and
// the recorded changes of its check status and state.
func showInboundDetail(win fyne.Window, inv app.InboundInvoice, changes []app.InboundChange) dialog.Dialog {
	body := container.NewVBox(
		container.New(&formGridLayout{pairs: 2}, inboundDetailFields(inv)...),
		sectionTitle(lang.X("inbound.detail.history", "变更记录")),
		inboundHistory(changes),
	)
	title := lang.X("inbound.detail.title", "进项发票 {{.Number}}", map[string]any{"Number": inv.Number})
	d := dialog.NewCustom(title, lang.X("dialog.close", "关闭"), container.NewVScroll(container.NewPadded(body)), win)
	answerFromKeyboard(win, d, nil)
	d.Show()
	d.Resize(fyne.NewSize(960, 680))
	return d
}

// inboundDetailFields are caption/value pairs of every field.
func inboundDetailFields(inv app.InboundInvoice) []fyne.CanvasObject {
	var objects []fyne.CanvasObject
	add := func(caption, value string) {
		v := widget.NewLabel(dash(value))
		v.Wrapping = fyne.TextWrapBreak // a long number or name breaks rather than widening the dialog
		v.Selectable = true             // numbers and tax IDs are copied from here
		objects = append(objects, captionLabel(caption), v)
	}
	coded := func(code string, label func(string) string) string {
		if code == "" {
			return ""
		}
		if l := label(code); l != code {
			return l + " (" + code + ")"
		}
		return code
	}
	add(lang.X("inbound.col.status", "状态"), coded(string(inv.Status), func(c string) string { return inboundStatusLabel(app.InboundStatus(c)) }))
	add(lang.X("inbound.col.period", "所属期"), inv.Period)
	add(lang.X("inbound.detail.kind", "类别"), coded(inv.Kind, inboundKindLabel))
	add(lang.X("inbound.col.type", "发票类型"), coded(inv.Type, inboundTypeLabel))
	add(lang.X("inbound.col.code", "发票代码"), inv.Code)
	add(lang.X("inbound.col.number", "发票号码"), inv.Number)
	add(lang.X("inbound.col.date", "开票日期"), optionalDate(inv.BillingDate))
	add(lang.X("inbound.detail.buyer", "购方名称"), inv.BuyerName)
	add(lang.X("inbound.detail.buyer_tax_id", "购方税号"), inv.BuyerTaxID)
	add(lang.X("inbound.col.seller", "销方名称"), inv.SellerName)
	add(lang.X("inbound.col.seller_tax_id", "销方税号"), inv.SellerTaxID)
	add(lang.X("inbound.col.amount", "金额"), nullYuan(inv.Amount))
	add(lang.X("inbound.col.tax", "税额"), groupedYuan(inv.Tax))
	add(lang.X("inbound.col.valid_tax", "有效税额"), groupedYuan(inv.ValidTax))
	add(lang.X("inbound.col.state", "发票状态"), coded(inv.State, inboundStateLabel))
	add(lang.X("inbound.detail.check_code", "校验码"), inv.CheckCode)
	add(lang.X("inbound.detail.deductible", "是否认证"), coded(inv.Deductible, inboundDeductibleLabel))
	add(lang.X("inbound.detail.deductible_date", "认证日期"), optionalTime(inv.DeductibleDate))
	add(lang.X("inbound.detail.deductible_period", "认证属期"), inv.DeductiblePeriod)
	add(lang.X("inbound.detail.deductible_type", "认证方式"), coded(inv.DeductibleType, inboundDeductibleTypeLabel))
	add(lang.X("inbound.detail.deductible_mode", "认证模式"), coded(inv.DeductibleMode, inboundDeductibleModeLabel))
	add(lang.X("inbound.field.check_status", "勾选状态"), coded(inv.CheckStatus, inboundCheckLabel))
	add(lang.X("inbound.detail.check_date", "勾选日期"), optionalTime(inv.CheckDate))
	add(lang.X("inbound.detail.risk", "风险等级"), coded(inv.ManagementStatus, inboundRiskLabel))
	add(lang.X("inbound.detail.abnormal", "异常类别"), coded(inv.AbnormalType, inboundAbnormalLabel))
	add(lang.X("inbound.detail.mismatch", "是否录入不符项"), coded(inv.Mismatch, inboundYesNoLabel))
	add(lang.X("inbound.detail.export_domestic_no", "转内销证明编号"), inv.ExportDomesticNo)
	add(lang.X("inbound.detail.not_deductible", "不抵扣类型"), coded(inv.NotDeductibleType, inboundNotDeductibleLabel))
	add(lang.X("inbound.detail.einvoice_number", "全电发票号码"), inv.EInvoiceNumber)
	add(lang.X("inbound.detail.business", "业务类型"), coded(inv.BusinessType, inboundBusinessLabel))
	add(lang.X("inbound.detail.source_id", "记录编号"), inv.SourceID)
	add(lang.X("inbound.detail.source", "来源"), inv.Source)
	add(lang.X("inbound.detail.check_time", "勾选时间"), optionalTime(inv.CheckTime))
	add(lang.X("inbound.detail.withheld", "标记(tq_bj)"), inv.Withheld)
	add(lang.X("inbound.detail.modified_at", "修改时间"), optionalTime(inv.ModifiedAt))
	return objects
}

// inboundHistory lists the changes, oldest first: time, field, from → to.
func inboundHistory(changes []app.InboundChange) fyne.CanvasObject {
	if len(changes) == 0 {
		return widget.NewLabel(lang.X("inbound.detail.no_history", "同步以来没有变化"))
	}
	rows := container.NewVBox()
	for _, c := range changes {
		text := lang.X("inbound.detail.change", "{{.At}}  {{.Field}}:{{.From}} → {{.To}}",
			map[string]any{"At": formatTime(c.At), "Field": inboundFieldLabel(c.Field),
				"From": dash(inboundChangeValue(c.Field, c.From)), "To": dash(inboundChangeValue(c.Field, c.To))})
		if c.RunID != 0 {
			text += lang.X("inbound.detail.change_run", "(第 {{.Run}} 次同步)", map[string]any{"Run": strconv.FormatInt(c.RunID, 10)})
		}
		rows.Add(widget.NewLabel(text))
	}
	return rows
}

// optionalDate is a date, or nothing when the bureau gave none.
func optionalDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatDate(t)
}

// optionalTime is a time, or nothing.
func optionalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// nullYuan is an amount a voucher may not have.
func nullYuan(d decimal.NullDecimal) string {
	if !d.Valid {
		return ""
	}
	return groupedYuan(d.Decimal)
}
