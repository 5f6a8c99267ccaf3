package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// linesSection is the 明细 table: a header, the lines, errors about the lines
// as a whole above them, and 添加行 below.
type linesSection struct {
	form      *issueForm
	rows      []*lineRow
	box       *fyne.Container // the rows' content, in order
	errors    *errorLabel     // errors on "lines" as a whole
	addButton *widget.Button
	content   fyne.CanvasObject
}

func newLinesSection(f *issueForm) *linesSection {
	s := &linesSection{form: f, box: container.NewVBox(), errors: newErrorLabel()}
	s.addButton = widget.NewButtonWithIcon(lang.X("line.add", "添加行 (Ctrl+L)"), theme.ContentAddIcon(), func() { s.add(true) })
	s.content = container.NewVBox(
		s.errors,
		s.header(),
		s.box,
		container.NewHBox(s.addButton),
	)
	return s
}

func (s *linesSection) header() fyne.CanvasObject {
	captions := []string{
		"#",
		lang.X("line.name", "项目名称"),
		lang.X("line.tax_code", "税收分类编码"),
		lang.X("line.spec", "规格型号"),
		lang.X("line.unit", "单位"),
		lang.X("line.quantity", "数量"),
		lang.X("line.price", "单价"),
		lang.X("line.amount", "金额"),
		lang.X("line.tax_rate", "税率"),
		lang.X("line.tax_included", "含税"),
		lang.X("line.discount", "折扣"),
		"",
	}
	objects := make([]fyne.CanvasObject, len(captions))
	for i, c := range captions {
		l := widget.NewLabel(c)
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		if i == 0 || i == 9 {
			l.Alignment = fyne.TextAlignCenter
		}
		objects[i] = l
	}
	return container.New(newLineColumns(), objects...)
}

// add appends a line. A new line takes the rate and 含税 of the line above,
// since an invoice's lines usually share them.
func (s *linesSection) add(focus bool) *lineRow {
	r := newLineRow(s)
	s.form.silently(func() {
		if n := len(s.rows); n > 0 {
			last := s.rows[n-1]
			r.setRate(last.rate.Selected)
			r.taxIncluded.SetChecked(last.taxIncluded.Checked)
		} else {
			r.taxIncluded.SetChecked(true)
		}
	})
	s.rows = append(s.rows, r)
	s.relayout()
	if focus {
		s.form.win.Canvas().Focus(r.name)
	}
	return r
}

// move swaps a line with its neighbour.
func (s *linesSection) move(r *lineRow, delta int) {
	i := s.indexOf(r)
	j := i + delta
	if i < 0 || j < 0 || j >= len(s.rows) {
		return
	}
	s.rows[i], s.rows[j] = s.rows[j], s.rows[i]
	s.relayout()
	s.form.changed()
}

// remove deletes a line, asking first when it has content. The last line is
// emptied instead, so there is always a line to type in.
func (s *linesSection) remove(r *lineRow) {
	if r.blank() {
		s.drop(r)
		return
	}
	i := s.indexOf(r)
	name := strings.TrimSpace(r.name.Text)
	msg := lang.X("line.remove.confirm", "删除第{{.N}}行「{{.Name}}」?", map[string]any{"N": i + 1, "Name": name})
	showConfirm(s.form.win, lang.X("line.remove.title", "删除明细行"), msg, func(ok bool) {
		if ok {
			s.drop(r)
		}
	})
}

func (s *linesSection) drop(r *lineRow) {
	i := s.indexOf(r)
	if i < 0 {
		return
	}
	if len(s.rows) == 1 {
		s.form.silently(func() {
			r.load(app.DraftLine{TaxRate: rateFromLabel(r.rate.Selected), TaxIncluded: r.taxIncluded.Checked})
		})
		r.state = map[string]fieldState{}
	} else {
		s.rows = append(s.rows[:i], s.rows[i+1:]...)
	}
	s.relayout()
	s.form.changed()
}

func (s *linesSection) indexOf(r *lineRow) int {
	for i, row := range s.rows {
		if row == r {
			return i
		}
	}
	return -1
}

func (s *linesSection) relayout() {
	objects := make([]fyne.CanvasObject, len(s.rows))
	for i, r := range s.rows {
		r.setPosition(i, len(s.rows))
		objects[i] = r.content
	}
	s.box.Objects = objects
	s.box.Refresh()
}

// draftLines returns the lines that are not blank, and which row each came
// from, so errors on lines[i] go to the right row.
func (s *linesSection) draftLines() ([]app.DraftLine, []*lineRow) {
	var lines []app.DraftLine
	var from []*lineRow
	for _, r := range s.rows {
		if r.blank() {
			continue
		}
		lines = append(lines, r.draftLine())
		from = append(from, r)
	}
	return lines, from
}

// load replaces the lines with a draft's; the caller holds the form silent.
func (s *linesSection) load(lines []app.DraftLine) {
	s.rows = nil
	for _, l := range lines {
		r := newLineRow(s)
		r.load(l)
		s.rows = append(s.rows, r)
	}
	if len(s.rows) == 0 {
		r := newLineRow(s)
		r.taxIncluded.SetChecked(true)
		s.rows = append(s.rows, r)
	}
	s.relayout()
}

// showErrors marks each line's faulty cells and lists the messages under the
// line. from maps the draft's line index to its row.
func (s *linesSection) showErrors(m *fieldMessages, from []*lineRow, showAll bool) {
	settledAny := false
	for _, r := range s.rows {
		settledAny = settledAny || r.settledAny()
	}
	s.errors.set(m.take("lines", showAll || settledAny))
	index := map[*lineRow]int{}
	for i, r := range from {
		index[r] = i
	}
	for _, r := range s.rows {
		i, ok := index[r]
		var messages []string
		for _, col := range lineErrorColumns {
			var msgs []string
			cell := r.cells[col]
			if ok {
				// A tax given in a draft has no cell: its problems always show.
				visible := col == "tax" || errorsVisible(showAll, r.state[col])
				msgs = m.take(fmt.Sprintf("lines[%d].%s", i, col), visible)
			}
			if cell != nil {
				cell.mark(len(msgs) > 0)
			}
			messages = append(messages, msgs...)
		}
		r.errors.set(messages)
	}
}

// focusTarget is the input of a line error's field, e.g. lines[2].tax_rate.
func (s *linesSection) focusTarget(field string, from []*lineRow) fyne.Focusable {
	var i int
	var col string
	if n, _ := fmt.Sscanf(field, "lines[%d]", &i); n != 1 || i < 0 || i >= len(from) {
		return nil
	}
	if dot := strings.IndexByte(field, '.'); dot >= 0 {
		col = field[dot+1:]
	}
	return from[i].widgetFor(col)
}
