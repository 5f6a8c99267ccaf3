package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fapiao/app"
)

func TestTypingALineUpdatesTheTotals(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	r := w.form.lines.rows[0]
	r.rate.SetSelected("13%")
	test.Type(r.quantity, "3")
	test.Type(r.price, "100")

	if r.amount.Text != "300.00" {
		t.Fatalf("amount = %q, want 300.00 from 3 × 100", r.amount.Text)
	}
	// Tax-inclusive (the default): tax = round(300 × 0.13 / 1.13, 2) = 34.51.
	totals := w.form.totals
	for label, want := range map[string]string{
		"amount": "¥265.49", "tax": "¥34.51", "total": "¥300.00", "words": "叁佰元整",
	} {
		got := map[string]string{"amount": totals.amount.Text, "tax": totals.tax.Text,
			"total": totals.total.Text, "words": totals.words.Text}[label]
		if got != want {
			t.Errorf("%s = %q, want %q", label, got, want)
		}
	}

	// Exclusive of tax: the totals follow at once.
	r.taxIncluded.SetChecked(false)
	if totals.tax.Text != "¥39.00" || totals.total.Text != "¥339.00" {
		t.Errorf("exclusive: tax %q total %q, want ¥39.00 ¥339.00", totals.tax.Text, totals.total.Text)
	}
}

func TestQuantityAndAmountGiveThePrice(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	r := w.form.lines.rows[0]
	test.Type(r.quantity, "3")
	test.Type(r.amount, "100")
	if r.price.Text != "33.33333333" {
		t.Fatalf("price = %q, want 33.33333333 (eight decimals)", r.price.Text)
	}
	// The amount was typed last: a new quantity recomputes the price and
	// leaves the amount alone.
	r.quantity.SetText("4")
	if r.amount.Text != "100" || r.price.Text != "25" {
		t.Errorf("after quantity 4: amount %q price %q, want 100 and 25", r.amount.Text, r.price.Text)
	}
	// Now the price is typed: the amount follows it.
	r.price.SetText("30")
	if r.amount.Text != "120.00" {
		t.Errorf("after price 30: amount %q, want 120.00", r.amount.Text)
	}
}

func TestBadTaxIDShowsItsErrorBesideTheField(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	c := w.win.Canvas()
	taxID := w.form.buyer.taxID
	errs := w.form.buyer.fields["buyer.tax_id"].errors

	c.Focus(taxID)
	test.Type(taxID, "9151011")
	if errs.Visible() {
		t.Fatalf("a half-typed ID shows %q while the clerk is still typing", errs.Text)
	}
	test.Type(taxID, "3MA6739XPX3")
	c.FocusNext() // Tab to the next field

	if !errs.Visible() || !strings.Contains(errs.Text, "校验位错误") || !strings.Contains(errs.Text, "应为 2") {
		t.Fatalf("tax ID error label: visible=%v text=%q, want the check-digit message", errs.Visible(), errs.Text)
	}
	// Fields the clerk has not touched stay quiet while they type elsewhere.
	if name := w.form.buyer.fields["buyer.name"].errors; name.Visible() {
		t.Errorf("untouched name shows %q", name.Text)
	}
	if r := w.form.lines.rows[0]; r.errors.Visible() {
		t.Errorf("untouched line shows %q", r.errors.Text)
	}

	// Typing in the field again hides the message until the clerk leaves;
	// it comes back only if the field is still wrong.
	c.Focus(taxID)
	taxID.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	test.Type(taxID, "4")
	if errs.Visible() {
		t.Error("no message while the clerk types in the field")
	}
	c.FocusNext()
	if !errs.Visible() {
		t.Error("the message should come back for another wrong check digit")
	}
	c.Focus(taxID)
	taxID.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	test.Type(taxID, "2")
	c.FocusNext()
	if errs.Visible() {
		t.Errorf("error still shown after correction: %q", errs.Text)
	}
}

func TestIssueAttemptShowsEveryErrorAndFocusesTheFirst(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	test.Type(w.form.buyer.taxID, "91510113MA6739XPX2")
	r := w.form.lines.rows[0]
	test.Type(r.quantity, "1")
	test.Type(r.price, "10")

	w.form.issue()

	if fx.issuer.receivedCount() != 0 {
		t.Fatal("an invalid invoice was sent")
	}
	if name := w.form.buyer.fields["buyer.name"].errors; !strings.Contains(name.Text, "购买方名称") {
		t.Errorf("name error = %q, want the required message", name.Text)
	}
	if !strings.Contains(r.errors.Text, "第1行项目名称") || !strings.Contains(r.errors.Text, "第1行税率") {
		t.Errorf("line errors = %q, want name and rate messages", r.errors.Text)
	}
	if !r.cells[colTaxRate].frame.Visible() || r.cells[colQuantity].frame.Visible() {
		t.Error("the rate cell should be outlined, the quantity cell not")
	}
	if got := w.win.Canvas().Focused(); got != w.form.buyer.name {
		t.Errorf("focused %T, want the buyer name (first error)", got)
	}
	if overlayTexts(w.win) != "" {
		t.Error("a validation error must not open a dialog")
	}
}

func TestLinesMoveAndDelete(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	s := w.form.lines
	test.Type(s.rows[0].name, "*软件*甲")
	s.add(true)
	if w.win.Canvas().Focused() != s.rows[1].name {
		t.Error("a new line should take the focus on its name")
	}
	test.Type(s.rows[1].name, "*软件*乙")
	if !s.rows[0].up.disabled || s.rows[0].down.disabled || !s.rows[1].down.disabled {
		t.Error("first line cannot move up, last cannot move down")
	}

	s.rows[1].up.Tapped(nil)
	if s.rows[0].name.Text != "*软件*乙" || s.rows[0].number.Text != "1" {
		t.Errorf("after ↑: first line %q numbered %q", s.rows[0].name.Text, s.rows[0].number.Text)
	}

	// Deleting a line with content asks first.
	s.rows[0].remove.Tapped(nil)
	if len(s.rows) != 2 || !strings.Contains(overlayTexts(w.win), "乙") {
		t.Fatalf("delete should ask; rows=%d overlay=%q", len(s.rows), overlayTexts(w.win))
	}
	tapOverlayButton(t, w.win, "是")
	if len(s.rows) != 1 || s.rows[0].name.Text != "*软件*甲" {
		t.Errorf("after delete: %d rows, first %q", len(s.rows), s.rows[0].name.Text)
	}
	// The last line is emptied rather than removed.
	s.drop(s.rows[0])
	if len(s.rows) != 1 || !s.rows[0].blank() {
		t.Error("deleting the last line should leave one empty line")
	}
}

func TestNewLineTakesRateOfLineAbove(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	s := w.form.lines
	s.rows[0].rate.SetSelected("6%")
	s.rows[0].taxIncluded.SetChecked(false)
	r := s.add(false)
	if r.rate.Selected != "6%" || r.taxIncluded.Checked {
		t.Errorf("new line: rate %q included %v, want 6%% and false", r.rate.Selected, r.taxIncluded.Checked)
	}
}

func TestRateSelectByKeyboard(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	sel := w.form.lines.rows[0].rate
	var picked []string
	for range 4 {
		sel.TypedRune('1')
		picked = append(picked, sel.Selected)
	}
	if strings.Join(picked, " ") != "13% 1.5% 1% 13%" {
		t.Errorf("typing 1 repeatedly picked %v", picked)
	}
	sel.TypedRune('6')
	if sel.Selected != "6%" {
		t.Errorf("typing 6 picked %q", sel.Selected)
	}
	if got := w.form.draft(); len(got.Lines) != 0 {
		t.Errorf("a line with only a rate is blank, got %d lines", len(got.Lines))
	}
	test.Type(w.form.lines.rows[0].amount, "1")
	if got := w.form.draft().Lines[0].TaxRate; got != app.NumText("0.06") {
		t.Errorf("draft rate = %q, want 0.06", got)
	}
}
