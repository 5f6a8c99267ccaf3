package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// resolveTimeout bounds a look-up of one serial at the provider.
const resolveTimeout = time.Minute

func (d *invoiceDetail) export(format app.DocFormat) {
	if d.has {
		d.window.exporter.export(d.inv, format)
	}
}

// resubmitInvoice sends a held invoice again under its own serial.
func (d *invoiceDetail) resubmitInvoice() {
	if !d.has || d.inv.Status != app.StatusHeld {
		return
	}
	w, serial := d.window, d.inv.RequestSerial
	d.resubmit.Disable()
	done := showProgress(w.win, lang.X("detail.resubmit.progress.title", "正在重新提交"),
		lang.X("detail.resubmit.progress", "正在以原流水号 {{.Serial}} 重新提交……", map[string]any{"Serial": serial}))
	w.tasks.run(func() {
		inv, err := w.svc.Issuing.Resubmit(context.Background(), serial)
		w.tasks.toUI(func() {
			done()
			d.resubmitted(inv, err)
			d.list.refresh()
		})
	})
}

func (d *invoiceDetail) resubmitted(inv app.Invoice, err error) {
	if err != nil {
		d.window.showResubmitFailure(inv, err)
		return
	}
	showMessage(d.window.win, lang.X("issued.title", "开具成功"),
		lang.X("detail.resubmit.done", "发票已开具:号码 {{.Number}},价税合计 {{.Total}}。",
			map[string]any{"Number": inv.Number, "Total": yuan(inv.Total)}))
}

// resolveInvoice asks the provider what became of an invoice whose outcome
// is not known, by its serial; it never sends the invoice.
func (d *invoiceDetail) resolveInvoice() {
	if !d.has {
		return
	}
	w, serial := d.window, d.inv.RequestSerial
	d.resolve.Disable()
	done := showProgress(w.win, lang.X("detail.resolve.progress.title", "正在查询"),
		lang.X("detail.resolve.progress", "正在向税局查询流水号 {{.Serial}} 的开具结果……", map[string]any{"Serial": serial}))
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), resolveTimeout)
		defer cancel()
		inv, err := w.svc.Issuing.Resolve(ctx, serial)
		w.tasks.toUI(func() {
			done()
			showMessage(w.win, lang.X("detail.resolve.title", "查询结果"), resolvedText(inv, err))
			d.list.refresh()
		})
	})
}

func resolvedText(inv app.Invoice, err error) string {
	switch {
	case err == nil:
		return lang.X("detail.resolve.issued", "税局已开具该发票:号码 {{.Number}}。已记录。", map[string]any{"Number": inv.Number})
	case errors.Is(err, app.ErrNotFound):
		return lang.X("detail.resolve.not_found", "税局没有该流水号的发票,未开具。已改为待处理:可点击「重新提交」,沿用同一流水号,不会重复开具。")
	case errors.Is(err, app.ErrNoLookup):
		// 迅联云: asking again later would not help; resubmitting is safe.
		return lang.X("detail.resolve.no_lookup", "当前开票服务不能按流水号查询开具结果。已改为待处理:请点击「重新提交」,沿用同一流水号,服务按流水号去重,不会重复开具。")
	}
	return lang.X("detail.resolve.failed", "查询失败:{{.Error}}\n\n结果仍待确认,请稍后再查询。请勿重复开具。", map[string]any{"Error": err.Error()})
}

// copyInvoice puts the invoice into the 开票 form, e.g. to correct a
// rejected one and issue it again under a new serial.
func (d *invoiceDetail) copyInvoice() {
	if d.has {
		d.window.copyToForm(app.DraftFromInvoice(d.inv))
	}
}
