package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// buyerSection is the 购买方 part of the form.
type buyerSection struct {
	form                                        *issueForm
	name                                        *completionEntry
	taxID, address, phone, bank, account, email *formEntry
	natural                                     *widget.Check
	fields                                      map[string]*labelled // by error path: buyer.name…
	inputs                                      map[string]fyne.Focusable
	content                                     fyne.CanvasObject
}

func newBuyerSection(f *issueForm) *buyerSection {
	b := &buyerSection{form: f, fields: map[string]*labelled{}, inputs: map[string]fyne.Focusable{}}
	b.name = newCompletionEntry(f.win.Canvas(), f.buyerSuggestions(b))
	b.name.popupWidth = 520
	b.wire(&b.name.Entry, "buyer.name")
	b.name.onLeave = func() { f.left("buyer.name") }
	b.inputs["buyer.name"] = b.name // the widget in the tree, not its embedded entry
	b.taxID = b.newEntry("buyer.tax_id")
	b.address = b.newEntry("buyer.address")
	b.phone = b.newEntry("buyer.phone")
	b.bank = b.newEntry("buyer.bank")
	b.account = b.newEntry("buyer.account")
	b.email = b.newEntry("buyer.email")
	b.natural = widget.NewCheck(lang.X("buyer.natural_person", "个人"), func(bool) { f.picked("buyer.natural_person") })
	b.inputs["buyer.natural_person"] = b.natural

	b.name.SetPlaceHolder(lang.X("buyer.name.placeholder", "输入名称可从开过的购买方中选择"))
	b.taxID.SetPlaceHolder(lang.X("buyer.tax_id.placeholder", "统一社会信用代码"))
	taxIDCell := container.NewBorder(nil, nil, nil, b.natural, b.taxID)

	name := b.field("buyer.name", lang.X("buyer.name", "名称"), b.name)
	taxID := b.field("buyer.tax_id", lang.X("buyer.tax_id", "纳税人识别号"), taxIDCell)
	b.content = newFormGrid(2,
		name, taxID,
		b.field("buyer.address", lang.X("buyer.address", "地址"), b.address),
		b.field("buyer.phone", lang.X("buyer.phone", "电话"), b.phone),
		b.field("buyer.bank", lang.X("buyer.bank", "开户银行"), b.bank),
		b.field("buyer.account", lang.X("buyer.account", "银行账号"), b.account),
		b.field("buyer.email", lang.X("buyer.email", "邮箱"), b.email),
	)
	return b
}

func (b *buyerSection) newEntry(path string) *formEntry {
	e := newFormEntry(false)
	b.wire(&e.Entry, path)
	e.onLeave = func() { b.form.left(path) }
	b.inputs[path] = e
	return e
}

func (b *buyerSection) wire(e *widget.Entry, path string) {
	e.OnChanged = func(string) { b.form.edited(path) }
	e.OnSubmitted = func(string) { b.form.win.Canvas().FocusNext() }
}

func (b *buyerSection) field(path, caption string, input fyne.CanvasObject) *labelled {
	l := newLabelled(caption, input)
	b.fields[path] = l
	return l
}

// party is the buyer as typed.
func (b *buyerSection) party() app.Party {
	return app.Party{
		Name: b.name.Text, TaxID: b.taxID.Text, Address: b.address.Text, Phone: b.phone.Text,
		Bank: b.bank.Text, Account: b.account.Text, Email: b.email.Text, NaturalPerson: b.natural.Checked,
	}
}

// load fills every buyer field; the caller holds the form silent.
func (b *buyerSection) load(p app.Party) {
	b.name.SetText(p.Name)
	b.taxID.SetText(p.TaxID)
	b.address.SetText(p.Address)
	b.phone.SetText(p.Phone)
	b.bank.SetText(p.Bank)
	b.account.SetText(p.Account)
	b.email.SetText(p.Email)
	b.natural.SetChecked(p.NaturalPerson)
}

// filled lists the paths of the fields that have content.
func (b *buyerSection) filled() []string {
	var out []string
	p := b.party()
	for path, v := range map[string]string{"buyer.name": p.Name, "buyer.tax_id": p.TaxID,
		"buyer.address": p.Address, "buyer.phone": p.Phone, "buyer.bank": p.Bank,
		"buyer.account": p.Account, "buyer.email": p.Email} {
		if v != "" {
			out = append(out, path)
		}
	}
	if p.NaturalPerson {
		out = append(out, "buyer.natural_person")
	}
	return out
}

// showErrors puts each buyer field's messages under it. The 个人 check sits
// in the tax ID's cell, so its messages go there too.
func (b *buyerSection) showErrors(m *fieldMessages, visible func(path string) bool) {
	for path, l := range b.fields {
		msgs := m.take(path, visible(path))
		if path == "buyer.tax_id" {
			msgs = append(msgs, m.take("buyer.natural_person", visible("buyer.natural_person"))...)
		}
		l.errors.set(msgs)
	}
}
