package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"fapiao/app"
)

func TestDraftIsSavedAndRestoredInANewWindow(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	w.form.typeSelect.SetSelectedIndex(1) // 专票
	test.Type(w.form.buyer.name, "上海某某科技有限公司")
	test.Type(w.form.buyer.taxID, "91510113MA6739XPX3") // a wrong check digit
	r := w.form.lines.rows[0]
	test.Type(r.name, "*软件*财税管理系统")
	r.rate.SetSelected("9%")
	test.Type(r.quantity, "3")
	test.Type(r.amount, "100")
	test.Type(w.form.remark, "合同号 A-1")
	w.win.Close() // saves what is pending at once

	saved, ok := fx.drafts.get(draftName)
	if !ok || saved.Buyer.Name != "上海某某科技有限公司" || len(saved.Lines) != 1 {
		t.Fatalf("saved draft = %+v", saved)
	}

	w2 := fx.open()
	f := w2.form
	r2 := f.lines.rows[0]
	if f.selectedType() != app.TypeSpecial || f.buyer.name.Text != "上海某某科技有限公司" ||
		r2.name.Text != "*软件*财税管理系统" || r2.rate.Selected != "9%" || r2.quantity.Text != "3" ||
		r2.amount.Text != "100" || r2.price.Text != "33.33333333" || f.remark.Text != "合同号 A-1" {
		t.Errorf("restored form differs: %+v", f.draft())
	}
	// A restored field with a problem shows it at once.
	if errs := f.buyer.fields["buyer.tax_id"].errors; !errs.Visible() {
		t.Error("the restored tax ID's error should show")
	}
}

func TestDraftSavesAfterAPauseInTyping(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	w.saver.delay = 20 * time.Millisecond
	test.Type(w.form.buyer.name, "某公司")
	deadline := time.Now().Add(2 * time.Second)
	for {
		if d, ok := fx.drafts.get(draftName); ok && d.Buyer.Name == "某公司" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the draft was not saved after the pause")
		}
		time.Sleep(5 * time.Millisecond)
	}
	fx.drafts.mu.Lock()
	saves := fx.drafts.saves
	fx.drafts.mu.Unlock()
	if saves > 2 {
		t.Errorf("%d saves for one burst of typing; the save should wait for a pause", saves)
	}
}

func TestClearAsksThenEmptiesTheFormAndTheDraft(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	test.Type(w.form.buyer.name, "某公司")
	w.form.drawer.SetText("李四")
	w.form.clearButton.OnTapped()
	if w.form.buyer.name.Text != "某公司" {
		t.Fatal("清空 must ask before clearing")
	}
	tapOverlayButton(t, w.win, "是")
	w.saver.stop()
	if w.form.buyer.name.Text != "" || w.form.drawer.Text != "李四" {
		t.Errorf("after clear: name %q drawer %q", w.form.buyer.name.Text, w.form.drawer.Text)
	}
	if _, ok := fx.drafts.get(draftName); ok {
		t.Error("a cleared form leaves no draft")
	}
}

func TestCopyToFormFromTheList(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	fx.fillValidInvoice()
	w.form.issue()
	dismissOverlays(w.win)

	w.tabs.SelectIndex(tabIssued)
	w.list.table.Select(0)
	w.list.detail.copyToForm.OnTapped()

	if w.tabs.SelectedIndex() != tabIssue {
		t.Error("复制到开票 should bring the form to the front")
	}
	if w.form.buyer.name.Text != "上海某某科技有限公司" || w.form.lines.rows[0].amount.Text != "1000.00" {
		t.Errorf("copied form: %+v", w.form.draft())
	}
}
