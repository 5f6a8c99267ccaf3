package ui

import (
	"context"
	"testing"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// TestCreditLineInTheStatusBar: the status bar shows the cached credit
// line with its age; an invoice uses some up, its red gives it back.
func TestCreditLineInTheStatusBar(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	if got := w.status.credit.Text; got != "剩余授信额度:尚未查询" || !w.status.credit.Visible() {
		t.Errorf("before any figure: %q", got)
	}
	if _, err := w.svc.Credit.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.drain()
	contains(t, "the status bar", w.status.credit.Text, "剩余授信额度 ¥3000000.00(税局 ")

	blue := r.issue(oneYuan)
	r.drain()
	contains(t, "after a blue invoice", w.status.credit.Text, "¥2999999.01", "已计入此后开具")
	if _, err := w.svc.Red.Start(context.Background(), app.RedRequest{BlueNumber: blue, Reason: app.RedReasonMistake}); err != nil {
		t.Fatal(err)
	}
	r.drain()
	contains(t, "after its red invoice", w.status.credit.Text, "¥3000000.00")
}

// TestRedScreenInEnglish: the 红冲 entry and its parts follow a language
// change, and the red screen is rebuilt with it.
func TestRedScreenInEnglish(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	w.showRed()
	r.drain()
	w.setLanguage(langEnglish)
	r.drain()
	defer w.setLanguage(langChinese)
	if got := w.redTab.Text; got != "Reversals" {
		t.Errorf("nav tab %q", got)
	}
	if w.tabs.Selected() != w.redTab {
		t.Error("the red tab should stay in front")
	}
	contains(t, "the red screen", texts(w.red.content), "Blue invoice number", "Reverse…")
	if got := w.red.tabs.Items[redTabInbox].Text; got != "Waiting for us" {
		t.Errorf("inbox tab %q", got)
	}
}
