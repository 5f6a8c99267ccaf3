package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

// inboundColumn is one column of the 进项发票 table.
type inboundColumn struct {
	caption string
	sort    string   // the store's sort name; "" when it cannot sort by it
	samples []string // wide values, to size the column
	money   bool     // right-aligned
	text    func(app.InboundInvoice) string
	// importance colours the cell; nil: the usual colour.
	importance func(app.InboundInvoice) widget.Importance
}

// inboundColumns are the table's columns in the current language.
func inboundColumns() []inboundColumn {
	return []inboundColumn{
		{caption: lang.X("inbound.col.status", "状态"), sort: "status", samples: labelsOf(inboundStatusCodes(), func(c string) string { return inboundStatusLabel(app.InboundStatus(c)) }),
			text: func(inv app.InboundInvoice) string { return inboundStatusLabel(inv.Status) }},
		{caption: lang.X("inbound.col.type", "发票类型"), sort: "type", samples: labelsOf(inboundTypeCodes, inboundTypeLabel),
			text: func(inv app.InboundInvoice) string { return inboundTypeLabel(inv.Type) }},
		{caption: lang.X("inbound.col.code", "发票代码"), samples: []string{"0000000000000"},
			text: func(inv app.InboundInvoice) string { return inv.Code }},
		{caption: lang.X("inbound.col.number", "发票号码"), sort: "number", samples: []string{"00000000000000000000-L00"},
			text: func(inv app.InboundInvoice) string { return inv.Number }},
		{caption: lang.X("inbound.col.date", "开票日期"), sort: "billing_date", samples: []string{"0000-00-00"},
			text: func(inv app.InboundInvoice) string { return formatDate(inv.BillingDate) }},
		{caption: lang.X("inbound.col.seller", "销方名称"), sort: "seller_name", samples: []string{"深圳市某某科技有限公司"},
			text: func(inv app.InboundInvoice) string { return inv.SellerName }},
		{caption: lang.X("inbound.col.seller_tax_id", "销方税号"), sort: "seller_tax_id", samples: []string{"91310115MA1H7TQX4N"},
			text: func(inv app.InboundInvoice) string { return inv.SellerTaxID }},
		{caption: lang.X("inbound.col.amount", "金额"), sort: "amount", samples: []string{"00,000,000.00"}, money: true,
			text: func(inv app.InboundInvoice) string { return nullAmount(inv.Amount) }},
		{caption: lang.X("inbound.col.tax", "税额"), sort: "tax", samples: []string{"0,000,000.00"}, money: true,
			text: func(inv app.InboundInvoice) string { return groupedAmount(inv.Tax) }},
		{caption: lang.X("inbound.col.valid_tax", "有效税额"), sort: "valid_tax", samples: []string{"0,000,000.00"}, money: true,
			text: func(inv app.InboundInvoice) string { return groupedAmount(inv.ValidTax) }},
		{caption: lang.X("inbound.col.state", "发票状态"), sort: "state", samples: labelsOf(inboundStateCodes, inboundStateLabel),
			text:       func(inv app.InboundInvoice) string { return inboundStateLabel(inv.State) },
			importance: func(inv app.InboundInvoice) widget.Importance { return inboundStateImportance(inv.State) }},
		{caption: lang.X("inbound.col.check", "勾选"), sort: "check_status", samples: labelsOf(inboundCheckCodes, inboundCheckLabel),
			text: func(inv app.InboundInvoice) string { return inboundCheckLabel(inv.CheckStatus) }},
		{caption: lang.X("inbound.col.period", "所属期"), sort: "period", samples: []string{"000000"},
			text: func(inv app.InboundInvoice) string { return inv.Period }},
		{caption: lang.X("inbound.col.risk", "风险"), sort: "management_status", samples: labelsOf(inboundRiskCodes, inboundRiskLabel),
			text:       func(inv app.InboundInvoice) string { return inboundRiskLabel(inv.ManagementStatus) },
			importance: func(inv app.InboundInvoice) widget.Importance { return inboundRiskImportance(inv.ManagementStatus) }},
	}
}

// labelsOf are the labels of codes, to size a column that shows them.
func labelsOf(codes []string, label func(string) string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = label(c)
	}
	return out
}

// groupedAmount is an amount for a table cell: two decimals with
// thousands separators, no ¥ (the column says what it is).
func groupedAmount(d decimal.Decimal) string {
	return strings.Replace(groupedYuan(d), "¥", "", 1)
}

// nullAmount is an amount a voucher may not have: "—" then.
func nullAmount(d decimal.NullDecimal) string {
	if !d.Valid {
		return "—"
	}
	return groupedAmount(d.Decimal)
}
