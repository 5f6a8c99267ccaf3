package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// inboundFilterValues are the filters as the clerk set them: codes ("" is
// 全部) and typed text. The window keeps them across a rebuild of its
// widgets (a language change), where the selects' labels change.
type inboundFilterValues struct {
	status, check, state, risk, typ                string
	from, to, period, seller, minAmount, maxAmount string
}

// inboundFilter is the compact form over the 进项发票 table. Enter in any
// field, or 筛选, applies it; a choice in a select applies at once.
type inboundFilter struct {
	status, check, state, risk, typ *codeSelect

	from, to, period, seller, minAmount, maxAmount *widget.Entry
	fromField, toField, periodField                *labelled
	minField, maxField                             *labelled

	applyButton, reset *widget.Button
	content            fyne.CanvasObject
}

func newInboundFilter(apply func()) *inboundFilter {
	f := &inboundFilter{}
	f.status = newCodeSelect(inboundStatusCodes(), func(c string) string { return inboundStatusLabel(app.InboundStatus(c)) }, apply)
	f.check = newCodeSelect(inboundCheckCodes, inboundCheckLabel, apply)
	f.state = newCodeSelect(inboundStateCodes, inboundStateLabel, apply)
	f.risk = newCodeSelect(inboundRiskCodes, inboundRiskLabel, apply)
	f.typ = newCodeSelect(inboundTypeCodes, inboundTypeLabel, apply)
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnSubmitted = func(string) { apply() }
		return e
	}
	f.from, f.to = entry("yyyy-MM-dd"), entry("yyyy-MM-dd")
	f.period = entry("yyyyMM")
	f.seller = entry(lang.X("inbound.filter.seller.placeholder", "名称关键字或税号"))
	f.minAmount, f.maxAmount = entry("0.00"), entry("0.00")
	f.applyButton = widget.NewButtonWithIcon(lang.X("inbound.filter.apply", "筛选"), theme.SearchIcon(), apply)
	f.applyButton.Importance = widget.HighImportance
	f.reset = widget.NewButtonWithIcon(lang.X("inbound.filter.reset", "重置"), theme.ContentClearIcon(), func() {
		f.load(inboundFilterValues{})
		apply()
	})
	f.fromField = newLabelled(lang.X("inbound.filter.from", "开票日期起"), f.from)
	f.toField = newLabelled(lang.X("inbound.filter.to", "开票日期止"), f.to)
	f.periodField = newLabelled(lang.X("inbound.filter.period", "所属期"), f.period)
	f.minField = newLabelled(lang.X("inbound.filter.min", "金额起"), f.minAmount)
	f.maxField = newLabelled(lang.X("inbound.filter.max", "金额止"), f.maxAmount)
	grid := newFormGrid(4,
		newLabelled(lang.X("inbound.filter.status", "状态"), f.status), newLabelled(lang.X("inbound.filter.check", "勾选状态"), f.check),
		newLabelled(lang.X("inbound.filter.state", "发票状态"), f.state), newLabelled(lang.X("inbound.filter.risk", "风险等级"), f.risk),
		newLabelled(lang.X("inbound.filter.type", "发票类型"), f.typ), f.periodField, f.fromField, f.toField,
		newLabelled(lang.X("inbound.filter.seller", "销方名称或税号"), f.seller), f.minField, f.maxField,
	)
	// The buttons stand beside the grid, at its top: the grid's rows grow
	// when a field shows an error, and its cells narrow in English.
	f.content = container.NewBorder(nil, nil, nil, container.NewVBox(f.applyButton, f.reset), grid)
	return f
}

// query validates the form and turns it into a query (without sort or
// paging). Each bad field shows why under itself; ok is false then.
func (f *inboundFilter) query() (q app.InboundQuery, ok bool) {
	var msg string
	ok = true
	check := func(field *labelled, message string) {
		if message != "" {
			field.errors.set([]string{message})
			ok = false
		} else {
			field.errors.set(nil)
		}
	}
	q.From, msg = parseFilterDate(f.from.Text)
	check(f.fromField, msg)
	q.To, msg = parseFilterDate(f.to.Text)
	if msg == "" && !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		msg = lang.X("inbound.filter.to_before_from", "早于开票日期起")
	}
	check(f.toField, msg)
	q.Period, msg = parseFilterPeriod(f.period.Text)
	check(f.periodField, msg)
	q.MinAmount, msg = parseFilterAmount(f.minAmount.Text)
	check(f.minField, msg)
	q.MaxAmount, msg = parseFilterAmount(f.maxAmount.Text)
	if msg == "" && q.MinAmount.Valid && q.MaxAmount.Valid && q.MaxAmount.Decimal.LessThan(q.MinAmount.Decimal) {
		msg = lang.X("inbound.filter.max_below_min", "小于金额起")
	}
	check(f.maxField, msg)
	if c := f.status.code(); c != "" {
		q.Statuses = []app.InboundStatus{app.InboundStatus(c)}
	}
	q.CheckStatus = f.check.code()
	q.States = oneOrNone(f.state.code())
	q.Risks = oneOrNone(f.risk.code())
	q.Types = oneOrNone(f.typ.code())
	q.Seller = f.seller.Text
	return q, ok
}

func oneOrNone(code string) []string {
	if code == "" {
		return nil
	}
	return []string{code}
}

// values are the filters as set, to keep across a rebuild.
func (f *inboundFilter) values() inboundFilterValues {
	return inboundFilterValues{status: f.status.code(), check: f.check.code(), state: f.state.code(),
		risk: f.risk.code(), typ: f.typ.code(), from: f.from.Text, to: f.to.Text, period: f.period.Text,
		seller: f.seller.Text, minAmount: f.minAmount.Text, maxAmount: f.maxAmount.Text}
}

// load sets the filters without applying them.
func (f *inboundFilter) load(v inboundFilterValues) {
	f.status.setCode(v.status)
	f.check.setCode(v.check)
	f.state.setCode(v.state)
	f.risk.setCode(v.risk)
	f.typ.setCode(v.typ)
	for e, text := range map[*widget.Entry]string{f.from: v.from, f.to: v.to, f.period: v.period,
		f.seller: v.seller, f.minAmount: v.minAmount, f.maxAmount: v.maxAmount} {
		e.SetText(text)
	}
	for _, field := range []*labelled{f.fromField, f.toField, f.periodField, f.minField, f.maxField} {
		field.errors.set(nil)
	}
}
