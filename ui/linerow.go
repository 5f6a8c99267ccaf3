package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The columns of a line, named as the fields of app.DraftLine (and so as
// the paths of validation errors: lines[i].<column>).
const (
	colName        = "name"
	colTaxCode     = "tax_code"
	colSpec        = "spec"
	colUnit        = "unit"
	colQuantity    = "quantity"
	colPrice       = "price"
	colAmount      = "amount"
	colTaxRate     = "tax_rate"
	colTaxIncluded = "tax_included"
	colDiscount    = "discount"
)

// lineColumns is the order of the editable columns, and of Tab through a line.
var lineColumns = []string{colName, colTaxCode, colSpec, colUnit, colQuantity, colPrice,
	colAmount, colTaxRate, colTaxIncluded, colDiscount}

// lineErrorColumns are the fields a line's errors can be on: its columns,
// and the tax (a tax given in a draft instead of computed) shown with the amount.
var lineErrorColumns = append(append([]string(nil), lineColumns...), "tax")

// lineRow is one line of the 明细 table: its inputs, which of them the clerk
// has edited, and which of price and amount they typed last.
type lineRow struct {
	section *linesSection

	number                  *widget.Label
	name                    *completionEntry
	taxCode, spec, unit     *formEntry
	quantity, price, amount *formEntry
	discount                *formEntry
	rate                    *rateSelect
	taxIncluded             *widget.Check
	up, down, remove        *rowButton
	cells                   map[string]*outlined
	errors                  *errorLabel
	content                 *fyne.Container
	state                   map[string]fieldState // by column
	lastTyped               string                // colPrice or colAmount: the one to keep when quantity changes
}

func newLineRow(s *linesSection) *lineRow {
	r := &lineRow{section: s, state: map[string]fieldState{}, cells: map[string]*outlined{}}
	f := s.form
	r.number = widget.NewLabel("")
	r.number.Alignment = fyne.TextAlignCenter
	r.name = newCompletionEntry(f.win.Canvas(), f.itemSuggestions(r))
	r.name.popupWidth = 460
	r.name.SetPlaceHolder(lang.X("line.name.placeholder", "*简称*名称"))
	r.taxCode = r.newEntry(colTaxCode)
	r.taxCode.SetPlaceHolder(lang.X("line.tax_code.placeholder", "19位编码"))
	r.spec = r.newEntry(colSpec)
	r.unit = r.newEntry(colUnit)
	r.quantity = r.newEntry(colQuantity)
	r.price = r.newEntry(colPrice)
	r.amount = r.newEntry(colAmount)
	r.discount = r.newEntry(colDiscount)
	r.wireEntry(&r.name.Entry, colName)
	r.name.onLeave = func() { r.left(colName) }
	r.rate = newRateSelect(func(string) { r.picked(colTaxRate) })
	r.taxIncluded = widget.NewCheck("", func(bool) { r.picked(colTaxIncluded) })
	r.up = newRowButton(theme.MoveUpIcon(), lang.X("line.up", "上移"), func() { s.move(r, -1) })
	r.down = newRowButton(theme.MoveDownIcon(), lang.X("line.down", "下移"), func() { s.move(r, 1) })
	r.remove = newRowButton(theme.DeleteIcon(), lang.X("line.remove", "删除"), func() { s.remove(r) })
	r.errors = newErrorLabel()
	r.content = container.NewVBox(r.layoutCells(), r.errors)
	return r
}

func (r *lineRow) newEntry(col string) *formEntry {
	e := newFormEntry(false)
	r.wireEntry(&e.Entry, col)
	e.onLeave = func() { r.left(col) }
	return e
}

// wireEntry reports edits, and makes Enter move on like Tab: clerks coming
// from older invoicing software type a line with Enter between the fields.
func (r *lineRow) wireEntry(e *widget.Entry, col string) {
	e.OnChanged = func(string) { r.edited(col) }
	e.OnSubmitted = func(string) { r.section.form.win.Canvas().FocusNext() }
}

func (r *lineRow) layoutCells() *fyne.Container {
	inputs := map[string]fyne.CanvasObject{
		colName: r.name, colTaxCode: r.taxCode, colSpec: r.spec, colUnit: r.unit,
		colQuantity: r.quantity, colPrice: r.price, colAmount: r.amount,
		colTaxRate: r.rate, colTaxIncluded: container.NewCenter(r.taxIncluded), colDiscount: r.discount,
	}
	objects := []fyne.CanvasObject{r.number}
	for _, col := range lineColumns {
		o := newOutlined(inputs[col])
		r.cells[col] = o
		objects = append(objects, o.box)
	}
	objects = append(objects, container.NewHBox(r.up, r.down, r.remove))
	return container.New(newLineColumns(), objects...)
}

// newLineColumns is the layout shared by the header and every line.
func newLineColumns() *columnsLayout {
	return &columnsLayout{
		//        #   name  code spec unit qty price amount rate incl disc actions
		widths:  []float32{26, 170, 166, 70, 48, 66, 86, 86, 82, 52, 66, 84},
		weights: []float32{0, 4, 0, 1.2, 0.4, 0.8, 1, 1, 0, 0, 0.6, 0},
		gap:     theme.Padding(),
	}
}

// edited is called for every change of an entry. Changes the form makes
// itself (loading a draft, filling from a suggestion or a computation) do
// not count as the clerk's edits.
func (r *lineRow) edited(col string) {
	f := r.section.form
	if f.loading > 0 {
		return
	}
	r.state[col] = editing
	r.fillAmountOrPrice(col)
	f.changed()
}

// picked records a choice of rate or 含税: done in one go.
func (r *lineRow) picked(col string) {
	f := r.section.form
	if f.loading > 0 {
		return
	}
	r.state[col] = settled
	f.changed()
}

// left records that the clerk left a cell: its problems may show now.
func (r *lineRow) left(col string) {
	if r.state[col] == editing {
		r.state[col] = settled
		r.section.form.check()
	}
}

// settledAny reports whether the clerk has finished with any of the cells.
func (r *lineRow) settledAny() bool {
	for _, s := range r.state {
		if s == settled {
			return true
		}
	}
	return false
}

// widgetFor is the input of a column, to focus it.
func (r *lineRow) widgetFor(col string) fyne.Focusable {
	switch col {
	case colName:
		return r.name
	case colTaxCode:
		return r.taxCode
	case colSpec:
		return r.spec
	case colUnit:
		return r.unit
	case colQuantity:
		return r.quantity
	case colPrice:
		return r.price
	case colAmount, "tax":
		return r.amount
	case colTaxRate:
		return r.rate
	case colTaxIncluded:
		return r.taxIncluded
	case colDiscount:
		return r.discount
	}
	return nil
}

// setPosition numbers the line and enables its moves.
func (r *lineRow) setPosition(i, n int) {
	r.number.SetText(strconv.Itoa(i + 1))
	r.up.setDisabled(i == 0)
	r.down.setDisabled(i == n-1)
}
