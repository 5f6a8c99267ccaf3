package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// TestRedWizardFromTheKeyboard: from the 红冲 screen's number, Enter checks
// the invoice and goes on, a picked radio hands Enter back to the wizard,
// Escape in a field or on the dialog cancels, and nothing is applied for.
func TestRedWizardFromTheKeyboard(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	blue := r.issue(oneYuan)
	w.showRed()
	r.drain()

	// The wizard from the menu asks for the number, with the cursor in it.
	w.openRedWizard("")
	wiz := w.redWizard
	if wiz == nil || w.win.Canvas().Focused() != wiz.check.number {
		t.Fatal("an empty wizard should put the cursor in the number")
	}
	if !wiz.next.Disabled() {
		t.Error("核对 needs a number")
	}
	test.Type(wiz.check.number, "2551")
	wiz.check.number.TypedKey(keyReturn)
	r.drain()
	contains(t, "a malformed number", wiz.check.numberErr.Text, "蓝字发票号码")
	wiz.check.number.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	r.drain()
	if w.redWizard != nil {
		t.Fatal("Escape in the number should cancel the wizard")
	}

	test.Type(w.red.number, blue)
	w.red.number.TypedKey(keyReturn)
	r.drain()
	wiz = w.redWizard
	if wiz == nil || !wiz.check.ready() {
		t.Fatalf("Enter in the 红冲 screen's number should check it: %q", overlayTexts(w.win))
	}
	w.win.Canvas().Unfocus()
	pressKey(w.win, fyne.KeyReturn)
	if wiz.step != redStepChoice {
		t.Fatalf("Enter should go on to ②, at %d", wiz.step)
	}
	pick(t, wiz.choice.reasons, string(app.RedReasonMistake))
	if w.win.Canvas().Focused() != nil {
		t.Error("a picked reason should hand the keyboard back to the wizard")
	}
	pressKey(w.win, fyne.KeyEscape)
	r.drain()
	if w.redWizard != nil {
		t.Fatal("Escape should cancel the wizard")
	}
	if n := r.srv.Stats()[hzxxbsqPath]; n != 0 {
		t.Errorf("%d forms asked for", n)
	}
}
