package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// newPickColumns lays out the partial table: ✓, 序号, 项目名称, 可红冲数量,
// 可红冲金额, 红冲数量, 红冲金额(不含税), 红字金额, 红字税额.
func newPickColumns() *columnsLayout {
	return &columnsLayout{
		widths:  []float32{36, 52, 150, 88, 96, 110, 124, 96, 84},
		weights: []float32{0, 0, 1, 0, 0, 0, 0, 0, 0},
		gap:     theme.Padding(),
	}
}

// redPickTable is the partial red's table: per reversible line a check,
// 红冲数量 (goods returned) or 红冲金额 (an allowance), and the red amount
// and tax they come to.
type redPickTable struct {
	step      *redChoiceStep
	remaining []app.RedLine
	rows      []*redPickRow
	picked    []*redPickRow // the rows behind the last request's picks, in order
	general   *errorLabel
	content   fyne.CanvasObject
}

// redPickRow is one reversible line of the table.
type redPickRow struct {
	line     app.RedLine
	pickable bool // discount pairs go only with the whole invoice
	check    *widget.Check
	quantity *keyEntry
	amount   *keyEntry
	qFrame   *outlined
	aFrame   *outlined
	red      *widget.Label // 红字金额
	tax      *widget.Label // 红字税额
	errs     *errorLabel
	noteText string // why the row cannot be picked, or how it can
}

func newRedPickTable(step *redChoiceStep, remaining []app.RedLine) *redPickTable {
	t := &redPickTable{step: step, remaining: remaining, general: newErrorLabel()}
	objects := []fyne.CanvasObject{t.header()}
	for _, l := range app.LeftToReverse(remaining) {
		r := t.newRow(l)
		t.rows = append(t.rows, r)
		objects = append(objects, r.layout())
	}
	hint := widget.NewLabel(lang.X("red.picks.hint", "勾选要红冲的行,填写红冲数量(退货)或红冲金额(不含税,折让)——二选一;红字金额和税额随输入即时计算。"))
	hint.Wrapping = fyne.TextWrapWord
	objects = append([]fyne.CanvasObject{hint}, objects...)
	t.content = container.NewVBox(append(objects, t.general)...)
	return t
}

func (t *redPickTable) header() fyne.CanvasObject {
	captions := []string{"", lang.X("red.line.index", "序号"), lang.X("line.name", "项目名称"),
		lang.X("red.picks.left_quantity", "可红冲数量"), lang.X("red.picks.left_amount", "可红冲金额"),
		lang.X("red.picks.quantity", "红冲数量"), lang.X("red.picks.amount", "红冲金额(不含税)"),
		lang.X("red.picks.red_amount", "红字金额"), lang.X("red.picks.red_tax", "红字税额")}
	objects := make([]fyne.CanvasObject, len(captions))
	for i, c := range captions {
		l := widget.NewLabel(c)
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		if i >= 3 {
			l.Alignment = fyne.TextAlignTrailing
		}
		objects[i] = l
	}
	return container.NewVBox(container.New(newPickColumns(), objects...), widget.NewSeparator())
}

func (t *redPickTable) newRow(l app.RedLine) *redPickRow {
	wiz := t.step.wiz
	r := &redPickRow{line: l, pickable: l.Nature == app.NatureNormal, errs: newErrorLabel(),
		red: widget.NewLabel(""), tax: widget.NewLabel("")}
	r.red.Alignment, r.tax.Alignment = fyne.TextAlignTrailing, fyne.TextAlignTrailing
	r.quantity, r.amount = newKeyEntry(), newKeyEntry()
	for _, e := range []*keyEntry{r.quantity, r.amount} {
		e.OnChanged = func(text string) {
			if strings.TrimSpace(text) != "" && !r.check.Checked {
				r.check.SetChecked(true) // typing a figure picks the line
				return
			}
			t.step.recompute()
		}
		e.OnSubmitted = func(string) { wiz.goNext() }
		e.onEscape = wiz.close
	}
	r.amount.SetPlaceHolder(lang.X("red.picks.at_most", "最多 {{.N}}", map[string]any{"N": app.FormatMoney(l.AmountExcl.Abs())}))
	r.qFrame, r.aFrame = newOutlined(r.quantity), newOutlined(r.amount)
	r.check = widget.NewCheck("", func(on bool) {
		t.step.recompute()
		if on {
			wiz.w.win.Canvas().Focus(r.firstInput())
		}
	})
	if !r.pickable {
		r.check.Disable()
		r.quantity.Disable()
		r.amount.Disable()
		r.amount.SetPlaceHolder("")
		r.noteText = lang.X("red.picks.discount", "带折扣的行只能随整张发票全额红冲")
	}
	return r
}

// layout is the row's cells over its note and errors.
func (r *redPickRow) layout() fyne.CanvasObject {
	quantity := ""
	if r.line.Quantity.Valid {
		quantity = app.FormatQuantity(r.line.Quantity.Decimal.Abs())
	}
	cell := func(text string, trailing bool) *widget.Label {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		if trailing {
			l.Alignment = fyne.TextAlignTrailing
		}
		return l
	}
	name := r.line.Name
	if r.line.Nature == app.NatureDiscount {
		name = "    " + lang.X("detail.discount_line", "折扣")
	}
	cells := container.New(newPickColumns(), r.check, cell(strconv.Itoa(r.line.Index), false), cell(name, false),
		cell(quantity, true), cell(app.FormatMoney(r.line.AmountExcl.Abs()), true),
		r.qFrame.box, r.aFrame.box, r.red, r.tax)
	rows := []fyne.CanvasObject{cells}
	if r.noteText != "" {
		note := widget.NewLabel(r.noteText)
		note.Importance = widget.WarningImportance
		rows = append(rows, note)
	}
	return container.NewVBox(append(rows, r.errs)...)
}

// firstInput is the entry the clerk types into after picking the line.
func (r *redPickRow) firstInput() fyne.Focusable {
	if r.quantity.Disabled() {
		return r.amount
	}
	return r.quantity
}

// setReason enables 红冲数量 only where goods can be returned: a line with
// a quantity, under a reason other than 04 (an allowance is by amount).
func (t *redPickTable) setReason(reason app.RedReason) {
	for _, r := range t.rows {
		hasQuantity := r.line.Quantity.Valid && !r.line.Quantity.Decimal.IsZero()
		if r.pickable && hasQuantity && reason != app.RedReasonAllowance {
			r.quantity.Enable()
			r.quantity.SetPlaceHolder(lang.X("red.picks.at_most", "最多 {{.N}}",
				map[string]any{"N": app.FormatQuantity(r.line.Quantity.Decimal.Abs())}))
			continue
		}
		if r.quantity.Text != "" {
			r.quantity.SetText("")
		}
		r.quantity.SetPlaceHolder("") // "最多 …" in a field that cannot be typed in misleads
		r.quantity.Disable()
	}
}

// pick is the row as the red service takes it.
func (r *redPickRow) pick() app.RedPick {
	return app.RedPick{Index: r.line.Index, Quantity: app.NumText(strings.TrimSpace(r.quantity.Text)),
		Amount: app.NumText(strings.TrimSpace(r.amount.Text))}
}

// requestPicks lists the picked rows' picks, remembering which row each
// came from so that errors about picks[i] go beside that row.
func (t *redPickTable) requestPicks() []app.RedPick {
	t.picked = t.picked[:0]
	var picks []app.RedPick
	for _, r := range t.rows {
		if r.check.Checked {
			t.picked = append(t.picked, r)
			picks = append(picks, r.pick())
		}
	}
	return picks
}

// recompute works each picked row out with app.PlanRed — row by row, so a
// mistake in one row leaves the others' figures standing — and returns the
// red lines that came out. A row's problems show once it has a figure
// typed, or after a 申请 attempt (showAll).
func (t *redPickTable) recompute(showAll bool) []app.Line {
	reason := t.step.reason()
	t.general.set(nil)
	var lines []app.Line
	for _, r := range t.rows {
		if !r.check.Checked || reason == "" {
			r.show(nil, nil)
			continue
		}
		red, err := app.PlanRed(app.RedRequest{Reason: reason, Partial: true, Picks: []app.RedPick{r.pick()}}, t.remaining)
		if err != nil {
			typed := r.pick().Quantity != "" || r.pick().Amount != ""
			r.show(nil, visibleErrors(err, typed || showAll))
			continue
		}
		r.show(&red[0], nil)
		lines = append(lines, red[0].Line)
	}
	return lines
}

// visibleErrors is err as per-field messages, or nil when not to be shown.
func visibleErrors(err error, visible bool) *app.ValidationError {
	var verr *app.ValidationError
	if !visible || !errors.As(err, &verr) {
		return nil
	}
	return verr
}

// show displays a row's red figures, or its problems.
func (r *redPickRow) show(red *app.RedLine, verr *app.ValidationError) {
	if red != nil {
		r.red.SetText(app.FormatMoney(red.AmountExcl))
		r.tax.SetText(app.FormatMoney(red.Tax))
	} else {
		r.red.SetText("")
		r.tax.SetText("")
	}
	if verr == nil {
		r.setErrors(nil, false, false)
		return
	}
	var msgs []string
	for _, fe := range verr.Errors {
		msgs = append(msgs, fe.Message)
	}
	r.setErrors(msgs, len(verr.For("picks[0].quantity")) > 0, len(verr.For("picks[0].amount")) > 0)
}

func (r *redPickRow) setErrors(msgs []string, quantityBad, amountBad bool) {
	r.errs.set(msgs)
	r.qFrame.mark(quantityBad)
	r.aFrame.mark(amountBad)
}

// clearErrors removes every row's messages before a fresh set arrives.
func (t *redPickTable) clearErrors() {
	for _, r := range t.rows {
		r.setErrors(nil, false, false)
	}
	t.general.set(nil)
}

// takeError puts the red service's message on a pick (picks[i].…) beside
// its row, and on the picks as a whole (picks) under the table.
func (t *redPickTable) takeError(field string, msgs []string) {
	var i int
	var rest string
	if _, err := fmt.Sscanf(field, "picks[%d].%s", &i, &rest); err != nil || i < 0 || i >= len(t.picked) {
		t.general.set(append(t.general.messages(), msgs...))
		return
	}
	r := t.picked[i]
	r.errs.set(append(r.errs.messages(), msgs...))
	r.qFrame.mark(r.qFrame.frame.Visible() || rest == "quantity")
	r.aFrame.mark(r.aFrame.frame.Visible() || rest == "amount")
}

// focusFirstError puts the cursor in the first entry at fault.
func (t *redPickTable) focusFirstError(win fyne.Window) {
	for _, r := range t.rows {
		switch {
		case r.qFrame.frame.Visible():
			win.Canvas().Focus(r.quantity)
		case r.aFrame.frame.Visible():
			win.Canvas().Focus(r.amount)
		default:
			continue
		}
		return
	}
}
