package ui

import (
	"testing"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// TestRedCheckRefusalsShownBesideTheNumber: an unknown number and a fully
// reversed invoice are the bureau's refusals, shown as such at ①, and the
// wizard does not go on.
func TestRedCheckRefusalsShownBesideTheNumber(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	blue := r.issue(oneYuan)
	wiz := r.wizard(w, blue)
	toChoice(t, wiz, app.RedReasonMistake)
	tapButton(wiz.next)
	r.drain()
	tapButton(wiz.next)
	r.drain()

	for number, want := range map[string]string{
		blue:                   "该发票已全额红冲",
		"26512000000000009999": "未查询到该发票",
	} {
		w.openRedWizard(number)
		r.drain()
		wiz = w.redWizard
		if wiz.check.ready() || !wiz.check.numberErr.Visible() {
			t.Fatalf("%s should be refused at ①", number)
		}
		contains(t, "①", wiz.check.numberErr.Text, want)
		if wiz.next.Text != "核对" {
			t.Errorf("the main button should offer to check again, says %q", wiz.next.Text)
		}
		tapButton(wiz.cancel)
		r.drain()
	}
}

// TestRedWizardRetryAfterTheBureauFailed: when the bureau cannot be
// reached, nothing is stored; the wizard says so and offers 上一步 and 重试,
// and the retry goes through.
func TestRedWizardRetryAfterTheBureauFailed(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	blue := r.issue(oneYuan)
	wiz := r.wizard(w, blue)
	toChoice(t, wiz, app.RedReasonMistake)
	r.srv.SetFaults(sandbox.Faults{ErrorRate: 1})
	tapButton(wiz.next)
	r.drain()
	r.srv.SetFaults(sandbox.Faults{})
	if cases, _ := w.svc.Red.Cases(t.Context(), blue, false); len(cases) != 0 {
		t.Fatalf("nothing should be stored: %+v", cases)
	}
	contains(t, "③", texts(wiz.result.content), "连接税局失败")
	if wiz.next.Text != "重试" || wiz.back.Hidden || wiz.back.Disabled() {
		t.Fatalf("want 重试 and 上一步: next %q, back hidden %v", wiz.next.Text, wiz.back.Hidden)
	}
	tapButton(wiz.next)
	r.drain()
	if c := onlyCase(t, w.svc, blue); c.Step != app.RedStepIssued || wiz.step != redStepIssue {
		t.Fatalf("the retry should issue: %+v at %d", c, wiz.step)
	}
	tapButton(wiz.next)
	r.drain()
}

// TestRedCaseRefreshFindsTheConfirmation: 刷新状态 on a pending case asks
// the bureau at once; a confirmed form then offers the one click.
func TestRedCaseRefreshFindsTheConfirmation(t *testing.T) {
	r := newRedRig(t, longSessions())
	w := r.openRed()
	blue := r.issue(oneYuan)
	if err := r.srv.MarkUsedByBuyer(blue); err != nil {
		t.Fatal(err)
	}
	c, err := w.svc.Red.Start(t.Context(), app.RedRequest{BlueNumber: blue, Reason: app.RedReasonMistake})
	if err != nil {
		t.Fatal(err)
	}
	w.showRed()
	r.drain()
	w.red.cases.list.Select(w.red.cases.row(c.ID))
	r.drain()
	d := w.red.cases.detail
	if d.refresh.Disabled() || !d.issue.Disabled() {
		t.Fatal("a pending case offers 刷新状态, not 开具")
	}
	contains(t, "the case's moves", texts(d.moves), "开始红冲:开票有误", "待购方确认")
	if err := r.srv.BuyerAnswer(c.Form.Number, true); err != nil {
		t.Fatal(err)
	}
	tapButton(d.refresh)
	r.drain()
	contains(t, "the notification", overlayTexts(w.win), "购买方已确认红字信息确认单 "+c.Form.Number)
	tapOverlayButton(t, w.win, "稍后")
	r.drain()
	if d.issue.Disabled() {
		t.Error("a confirmed case offers 开具红字发票")
	}
	contains(t, "the red list", caseRowText(t, w.red.cases, c.ID), "可开具红字发票", "购销双方已确认")
}
