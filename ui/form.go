package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// prefDrawer remembers the last 开票人, so a clerk types their name once.
const prefDrawer = "drawer"

// issueForm is the 开票 tab: the invoice being typed, checked on every
// keystroke, saved as a draft, and issued with 开具.
type issueForm struct {
	win      fyne.Window
	svc      *app.Services
	tasks    *tasks
	prefs    fyne.Preferences
	saver    *draftSaver
	exporter *exporter
	onIssued func() // the issued list refreshes
	// takeOverHeld opens the QR panel or the login dialog for an invoice
	// held for want of a scan or a login, and resumes it after; false when
	// it does not apply.
	takeOverHeld func(app.Invoice, error) bool

	typeSelect   *widget.Select
	typeCodes    []app.InvoiceType
	typeErrors   *errorLabel
	sellerErrors *errorLabel
	general      *errorLabel // errors on fields the form has no widget for
	buyer        *buyerSection
	lines        *linesSection
	remark       *formEntry
	drawer       *formEntry
	remarkField  *labelled
	drawerField  *labelled
	totals       *totalsBar
	issueButton  *widget.Button
	clearButton  *widget.Button
	content      fyne.CanvasObject

	fields   map[string]fieldState // how far the clerk got with each field outside the lines
	showAll  bool                  // after a 开具 attempt every error shows
	loading  int                   // >0 while the form changes its own inputs
	issuing  bool
	lastRows []*lineRow // the row of each draft line at the last check
}

func newIssueForm(w *mainWindow) *issueForm {
	f := &issueForm{
		win: w.win, svc: w.svc, tasks: w.tasks, prefs: w.app.Preferences(), saver: w.saver,
		exporter: w.exporter, onIssued: w.refreshList, takeOverHeld: w.takeOverHeld, fields: map[string]fieldState{},
		typeErrors: newErrorLabel(), sellerErrors: newErrorLabel(), general: newErrorLabel(),
	}
	f.loading++ // building fires change callbacks; they are not the clerk's edits
	defer func() { f.loading-- }()
	f.typeCodes = []app.InvoiceType{app.TypeOrdinary, app.TypeSpecial}
	f.typeSelect = widget.NewSelect([]string{
		lang.X("type.82", "普通发票"), lang.X("type.81", "增值税专用发票"),
	}, func(string) { f.picked("type") })
	f.typeSelect.SetSelectedIndex(0)
	f.buyer = newBuyerSection(f)
	f.lines = newLinesSection(f)
	f.lines.add(false)
	f.remark = newFormEntry(true)
	f.remark.SetMinRowsVisible(2)
	f.remark.Wrapping = fyne.TextWrapWord
	f.remark.OnChanged = func(string) { f.edited("remark") }
	f.remark.onLeave = func() { f.left("remark") }
	f.drawer = newFormEntry(false)
	f.drawer.OnChanged = func(string) { f.edited("drawer") }
	f.drawer.onLeave = func() { f.left("drawer") }
	f.drawer.SetText(f.prefs.String(prefDrawer))
	f.remarkField = newLabelled(lang.X("form.remark", "备注"), f.remark)
	f.drawerField = newLabelled(lang.X("form.drawer", "开票人"), f.drawer)
	f.totals = newTotalsBar()
	f.issueButton = widget.NewButtonWithIcon(lang.X("form.issue", "开具 (Ctrl+Enter)"), theme.ConfirmIcon(), f.issue)
	f.issueButton.Importance = widget.HighImportance
	f.clearButton = widget.NewButtonWithIcon(lang.X("form.clear", "清空"), theme.ContentClearIcon(), f.confirmClear)
	f.content = f.layout()
	f.check()
	return f
}

func (f *issueForm) layout() fyne.CanvasObject {
	typeLabel := widget.NewLabel(lang.X("form.type", "发票类型"))
	typeBox := container.NewBorder(nil, f.typeErrors, typeLabel, nil, container.NewGridWrap(fyne.NewSize(220, f.typeSelect.MinSize().Height), f.typeSelect))
	body := container.NewVBox(
		container.NewBorder(nil, nil, typeBox, f.sellerSummary()),
		f.general,
		sectionTitle(lang.X("form.buyer", "购买方")),
		f.buyer.content,
		sectionTitle(lang.X("form.lines", "明细")),
		f.lines.content,
		sectionTitle(lang.X("form.other", "其他")),
		newFormGrid(2, f.remarkField, f.drawerField),
	)
	actions := container.NewHBox(f.clearButton, f.issueButton)
	bottom := container.NewVBox(widget.NewSeparator(),
		container.NewPadded(container.NewBorder(nil, nil, nil, container.NewCenter(actions), f.totals.content)))
	return container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// sellerSummary shows who the invoice is issued for; it comes from the
// configuration and cannot be edited here.
func (f *issueForm) sellerSummary() fyne.CanvasObject {
	s := f.svc.Issuing.Seller()
	name := widget.NewLabel(lang.X("form.seller", "销售方") + ":" + s.Name)
	name.TextStyle.Bold = true
	name.Alignment = fyne.TextAlignTrailing
	detail := widget.NewLabel(joinLabel(s.TaxID, s.AddressPhone()))
	detail.Alignment = fyne.TextAlignTrailing
	return container.NewVBox(name, detail, f.sellerErrors)
}

func sectionTitle(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(l, widget.NewSeparator())
}

// silently runs changes the form makes to its own inputs: they fire the
// inputs' change callbacks, which must not count as the clerk's edits.
func (f *issueForm) silently(change func()) {
	f.loading++
	defer func() { f.loading-- }()
	change()
}

// edited records typing in a field outside the lines.
func (f *issueForm) edited(path string) {
	if f.loading > 0 {
		return
	}
	f.fields[path] = editing
	f.changed()
}

// picked records a choice (a select, a check box): done in one go.
func (f *issueForm) picked(path string) {
	if f.loading > 0 {
		return
	}
	f.fields[path] = settled
	f.changed()
}

// settleAll marks every field being typed in as finished: the clerk pressed
// 开具, or Ctrl+Enter straight from a field.
func (f *issueForm) settleAll() {
	for path, s := range f.fields {
		if s == editing {
			f.fields[path] = settled
		}
	}
	for _, r := range f.lines.rows {
		for col, s := range r.state {
			if s == editing {
				r.state[col] = settled
			}
		}
	}
}

// left records that the clerk left a field: its problems may show now.
func (f *issueForm) left(path string) {
	if f.fields[path] == editing {
		f.fields[path] = settled
		f.check()
	}
}

// changed checks the form again and saves the draft a moment later.
func (f *issueForm) changed() {
	f.saver.schedule(f.check())
}

// check shows the totals and the errors beside the fields for the form as
// it is, and returns the draft it checked.
func (f *issueForm) check() app.Draft {
	d := f.draft()
	inv, err := f.svc.Issuing.Check(d)
	f.totals.show(inv)
	f.showErrors(err)
	return d
}

func (f *issueForm) selectedType() app.InvoiceType {
	if i := f.typeSelect.SelectedIndex(); i >= 0 && i < len(f.typeCodes) {
		return f.typeCodes[i]
	}
	return app.TypeOrdinary
}

// draft is the invoice as typed. Blank lines are left out.
func (f *issueForm) draft() app.Draft {
	lines, rows := f.lines.draftLines()
	f.lastRows = rows
	return app.Draft{
		Type: string(f.selectedType()), Buyer: f.buyer.party(), Lines: lines,
		Remark: f.remark.Text, Drawer: f.drawer.Text,
	}
}

// load replaces the form's content with a draft. Fields with content count
// as edited, so their problems show at once.
func (f *issueForm) load(d app.Draft) {
	f.silently(func() {
		f.typeSelect.SetSelectedIndex(0)
		for i, code := range f.typeCodes {
			if string(code) == strings.TrimSpace(d.Type) {
				f.typeSelect.SetSelectedIndex(i)
			}
		}
		f.buyer.load(d.Buyer)
		f.lines.load(d.Lines)
		f.remark.SetText(d.Remark)
		if d.Drawer != "" {
			f.drawer.SetText(d.Drawer)
		}
	})
	f.fields = map[string]fieldState{}
	for _, path := range f.buyer.filled() {
		f.fields[path] = settled
	}
	if d.Remark != "" {
		f.fields["remark"] = settled
	}
	f.showAll = false
	f.changed()
}

// reset empties the form for the next invoice; the 开票人 stays.
func (f *issueForm) reset() {
	f.load(app.Draft{Type: string(f.selectedType()), Drawer: f.drawer.Text})
}

func (f *issueForm) confirmClear() {
	showConfirm(f.win, lang.X("form.clear.title", "清空表单"),
		lang.X("form.clear.confirm", "清空购买方、明细和备注?已输入的内容将丢失。"),
		func(ok bool) {
			if ok {
				f.reset()
				f.focusStart()
			}
		})
}

// focusStart puts the cursor where a new invoice begins: the buyer's name.
func (f *issueForm) focusStart() {
	f.win.Canvas().Focus(f.buyer.name)
}
