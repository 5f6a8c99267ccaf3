package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fapiao/app"
)

var knownBuyer = app.Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2", Address: "上海市浦东新区1号",
	Phone: "021-55550000", Bank: "招商银行上海分行", Account: "6225000000000001", Email: "cw@example.com"}

func TestBuyerSuggestionFillsEveryBuyerField(t *testing.T) {
	fx := newFixture(t)
	fx.catalog.buyers = []app.Party{{Name: "上海另一家公司", TaxID: "9111011457319202X9"}, knownBuyer}
	w := fx.open()
	b := w.form.buyer

	test.Type(b.name, "上海")
	if !b.name.suggestionsShown() || len(b.name.list.labels) != 2 {
		t.Fatalf("suggestions shown=%v labels=%v", b.name.suggestionsShown(), b.name.list.labels)
	}
	// Typing goes on while the list holds the keyboard.
	b.name.list.TypedRune('某')
	if b.name.Text != "上海某" || len(b.name.list.labels) != 1 {
		t.Fatalf("after typing on: text %q, labels %v", b.name.Text, b.name.list.labels)
	}
	b.name.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	if b.name.suggestionsShown() {
		t.Error("choosing closes the suggestions")
	}
	if got := b.party(); got != knownBuyer {
		t.Errorf("buyer = %+v, want %+v", got, knownBuyer)
	}
	if w.win.Canvas().Focused() != w.form.lines.rows[0].name {
		t.Error("after choosing a buyer the cursor goes to the first line")
	}
}

func TestSuggestionKeysAndMouse(t *testing.T) {
	fx := newFixture(t)
	fx.catalog.buyers = []app.Party{{Name: "上海甲公司", TaxID: "9111011457319202X9"}, knownBuyer}
	w := fx.open()
	b := w.form.buyer

	test.Type(b.name, "上海")
	b.name.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.name.suggestionsShown() || b.name.Text != "上海" {
		t.Fatal("Escape closes the list and keeps the text")
	}
	test.Type(b.name, "乙")
	if b.name.suggestionsShown() {
		t.Fatal("no buyer starts with 上海乙: no list")
	}
	b.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if !b.name.suggestionsShown() || b.name.Text != "上海" {
		t.Fatalf("Backspace to %q should offer the suggestions again", b.name.Text)
	}
	b.name.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	b.name.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	b.name.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if b.name.list.highlight != 1 {
		t.Fatalf("highlight = %d after ↓↓↑ (wrapping), want 1", b.name.list.highlight)
	}
	// A click on the first suggestion takes it.
	b.name.list.list.Select(0)
	if b.taxID.Text != "9111011457319202X9" {
		t.Errorf("tax ID = %q after clicking the first suggestion", b.taxID.Text)
	}
}

func TestItemSuggestionFillsTheLine(t *testing.T) {
	fx := newFixture(t)
	fx.catalog.items = []app.CatalogItem{{Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Spec: "V1",
		Unit: "套", Price: "1200", TaxRate: "0.06", TaxIncluded: false}}
	w := fx.open()
	r := w.form.lines.rows[0]
	test.Type(r.quantity, "2")
	test.Type(r.name, "财税")
	if !r.name.suggestionsShown() {
		t.Fatal("no item suggestions")
	}
	r.name.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	if r.name.Text != "*软件*财税管理系统" || r.taxCode.Text != "1060301020100000000" || r.spec.Text != "V1" ||
		r.unit.Text != "套" || r.price.Text != "1200" || r.rate.Selected != "6%" || r.taxIncluded.Checked {
		t.Errorf("line not filled from the catalog: %+v", r.draftLine())
	}
	if r.amount.Text != "2400.00" {
		t.Errorf("amount = %q, want 2 × 1200", r.amount.Text)
	}
	if w.form.totals.total.Text != "¥2544.00" {
		t.Errorf("total = %q, want ¥2544.00 (6%% on top)", w.form.totals.total.Text)
	}
}
