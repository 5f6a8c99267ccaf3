package ui

import (
	"strings"

	"fyne.io/fyne/v2"
)

// showErrors puts each message beside its field: the lines' in their rows,
// and anything without a field of its own at the top of the form.
func (f *issueForm) showErrors(err error) {
	m := newFieldMessages(err)
	visible := func(path string) bool { return errorsVisible(f.showAll, f.fields[path]) }
	f.typeErrors.set(m.take("type", true))
	var seller []string
	for _, field := range m.fields() {
		if strings.HasPrefix(field, "seller.") {
			seller = append(seller, m.take(field, true)...)
		}
	}
	f.sellerErrors.set(seller)
	f.buyer.showErrors(m, visible)
	f.lines.showErrors(m, f.lastRows, f.showAll)
	f.remarkField.errors.set(m.take("remark", visible("remark")))
	f.drawerField.errors.set(m.take("drawer", visible("drawer")))
	if f.showAll {
		f.general.set(m.unclaimed())
	} else {
		f.general.set(nil)
	}
}

// focusFirstError puts the cursor in the first field at fault.
func (f *issueForm) focusFirstError(err error) {
	for _, field := range newFieldMessages(err).fields() {
		if target := f.focusTarget(field); target != nil {
			f.win.Canvas().Focus(target)
			return
		}
	}
}

func (f *issueForm) focusTarget(field string) fyne.Focusable {
	switch {
	case field == "type":
		return f.typeSelect
	case strings.HasPrefix(field, "buyer."):
		return f.buyer.inputs[field]
	case strings.HasPrefix(field, "lines["):
		return f.lines.focusTarget(field, f.lastRows)
	case field == "remark":
		return f.remark
	case field == "drawer":
		return f.drawer
	}
	return nil
}
