package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// exportEvery is how often, in rows, an export reports its progress.
const exportEvery = 1000

// inboundRows streams the rows to export, in order, to fn, and stops at
// fn's first error; svc.Inbound.Each over the browser's query is one.
type inboundRows func(fn func(app.InboundInvoice) error) error

// exportKind is how a column is written to a spreadsheet.
type exportKind int

const (
	exportText  exportKind = iota // text, kept as typed: numbers and tax IDs keep their zeros
	exportMoney                   // a number with two decimals
)

// exportField is one column of an exported file.
type exportField struct {
	caption string
	kind    exportKind
	text    func(app.InboundInvoice) string                  // exportText
	money   func(app.InboundInvoice) (decimal.Decimal, bool) // exportMoney; false: none (a voucher's amount)
}

// inboundExportFields are the exported columns, in the current language:
// what the table shows and the rest a clerk reconciles with.
func inboundExportFields() []exportField {
	text := func(caption string, f func(app.InboundInvoice) string) exportField {
		return exportField{caption: caption, kind: exportText, text: f}
	}
	money := func(caption string, f func(app.InboundInvoice) (decimal.Decimal, bool)) exportField {
		return exportField{caption: caption, kind: exportMoney, money: f}
	}
	return []exportField{
		text(lang.X("inbound.col.status", "状态"), func(i app.InboundInvoice) string { return inboundStatusLabel(i.Status) }),
		text(lang.X("inbound.col.period", "所属期"), func(i app.InboundInvoice) string { return i.Period }),
		text(lang.X("inbound.col.type", "发票类型"), func(i app.InboundInvoice) string { return inboundTypeLabel(i.Type) }),
		text(lang.X("inbound.col.code", "发票代码"), func(i app.InboundInvoice) string { return i.Code }),
		text(lang.X("inbound.col.number", "发票号码"), func(i app.InboundInvoice) string { return i.Number }),
		text(lang.X("inbound.col.date", "开票日期"), func(i app.InboundInvoice) string { return exportDate(i.BillingDate) }),
		text(lang.X("inbound.detail.buyer", "购方名称"), func(i app.InboundInvoice) string { return i.BuyerName }),
		text(lang.X("inbound.detail.buyer_tax_id", "购方税号"), func(i app.InboundInvoice) string { return i.BuyerTaxID }),
		text(lang.X("inbound.col.seller", "销方名称"), func(i app.InboundInvoice) string { return i.SellerName }),
		text(lang.X("inbound.col.seller_tax_id", "销方税号"), func(i app.InboundInvoice) string { return i.SellerTaxID }),
		money(lang.X("inbound.col.amount", "金额"), func(i app.InboundInvoice) (decimal.Decimal, bool) {
			return i.Amount.Decimal, i.Amount.Valid
		}),
		money(lang.X("inbound.col.tax", "税额"), func(i app.InboundInvoice) (decimal.Decimal, bool) { return i.Tax, true }),
		money(lang.X("inbound.col.valid_tax", "有效税额"), func(i app.InboundInvoice) (decimal.Decimal, bool) { return i.ValidTax, true }),
		text(lang.X("inbound.col.state", "发票状态"), func(i app.InboundInvoice) string { return inboundStateLabel(i.State) }),
		text(lang.X("inbound.field.check_status", "勾选状态"), func(i app.InboundInvoice) string { return inboundCheckLabel(i.CheckStatus) }),
		text(lang.X("inbound.detail.check_date", "勾选日期"), func(i app.InboundInvoice) string { return exportDate(i.CheckDate) }),
		text(lang.X("inbound.detail.risk", "风险等级"), func(i app.InboundInvoice) string { return inboundRiskLabel(i.ManagementStatus) }),
		text(lang.X("inbound.detail.abnormal", "异常类别"), func(i app.InboundInvoice) string { return inboundAbnormalLabel(i.AbnormalType) }),
		text(lang.X("inbound.detail.check_code", "校验码"), func(i app.InboundInvoice) string { return i.CheckCode }),
		text(lang.X("inbound.detail.deductible_period", "认证属期"), func(i app.InboundInvoice) string { return i.DeductiblePeriod }),
		text(lang.X("inbound.detail.deductible_mode", "认证模式"), func(i app.InboundInvoice) string {
			return inboundDeductibleModeLabel(i.DeductibleMode)
		}),
		text(lang.X("inbound.detail.not_deductible", "不抵扣类型"), func(i app.InboundInvoice) string {
			return inboundNotDeductibleLabel(i.NotDeductibleType)
		}),
		text(lang.X("inbound.detail.business", "业务类型"), func(i app.InboundInvoice) string { return inboundBusinessLabel(i.BusinessType) }),
		text(lang.X("inbound.detail.einvoice_number", "全电发票号码"), func(i app.InboundInvoice) string { return i.EInvoiceNumber }),
		text(lang.X("inbound.detail.export_domestic_no", "转内销证明编号"), func(i app.InboundInvoice) string { return i.ExportDomesticNo }),
	}
}

// exportDate is a date as text, yyyy-MM-dd in China; empty when none.
func exportDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(app.ChinaTime).Format(time.DateOnly)
}
