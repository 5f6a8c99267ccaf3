package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// TestRedPendingFormConfirmedThenOneClick: an invoice the buyer used needs
// the buyer's confirmation; the wizard says so and closes; the buyer
// confirms; the background refresh notices and notifies, and the
// notification's one click issues the red invoice.
func TestRedPendingFormConfirmedThenOneClick(t *testing.T) {
	r := newRedRig(t, longSessions())
	w := r.openRed()
	blue := r.issue(oneYuan)
	if err := r.srv.MarkUsedByBuyer(blue); err != nil {
		t.Fatal(err)
	}
	wiz := r.wizard(w, blue)
	contains(t, "①", texts(wiz.check.content), "需要购买方确认确认单", "购方已用途确认")
	toChoice(t, wiz, app.RedReasonMistake)
	tapButton(wiz.next)
	r.drain()
	c := onlyCase(t, w.svc, blue)
	if c.Step != app.RedStepAwaiting || c.Form.Number == "" {
		t.Fatalf("case %+v", c)
	}
	if wiz.step != redStepForm {
		t.Errorf("an awaiting form should leave the wizard at ③, is at %d", wiz.step)
	}
	contains(t, "③", texts(wiz.result.content), c.Form.Number, "待购方确认",
		"已提交,等待购买方确认;72小时内未确认将自动作废;确认后可一键开具")
	if wiz.next.Text != "完成" || !wiz.back.Hidden {
		t.Errorf("③ of an awaiting form: next %q, back hidden %v", wiz.next.Text, wiz.back.Hidden)
	}
	tapButton(wiz.next)
	r.drain()

	// Nothing changed yet: a round passes without a word.
	r.refreshRound(w)
	if overlayTexts(w.win) != "" {
		t.Fatalf("no notification expected yet: %q", overlayTexts(w.win))
	}
	if err := r.srv.BuyerAnswer(c.Form.Number, true); err != nil {
		t.Fatal(err)
	}
	r.refreshRound(w)
	contains(t, "the notification", overlayTexts(w.win), "购买方已确认红字信息确认单 "+c.Form.Number+",可开具红字发票")
	if hzfpkj := r.srv.Stats()[hzfpkjPath]; hzfpkj != 0 {
		t.Fatalf("the refresh must not issue by itself: hzfpkj %d", hzfpkj)
	}

	tapOverlayButton(t, w.win, "开具红字发票")
	r.drain()
	c = onlyCase(t, w.svc, blue)
	if c.Step != app.RedStepIssued || c.RedNumber == "" {
		t.Fatalf("after the one click: %+v", c)
	}
	contains(t, "the issued dialog", overlayTexts(w.win), "红字发票已开具", c.RedNumber, "¥-1.00")
	if n := r.srv.Stats()[hzfpkjPath]; n != 1 {
		t.Errorf("hzfpkj called %d times", n)
	}
	dismissOverlays(w.win)
}

// TestRedPendingFormVoidAfter72Hours: a form left unanswered 72 h is void,
// and the background refresh says so.
func TestRedPendingFormVoidAfter72Hours(t *testing.T) {
	r := newRedRig(t, longSessions())
	w := r.openRed()
	blue := r.issue(oneYuan)
	if err := r.srv.MarkUsedByBuyer(blue); err != nil {
		t.Fatal(err)
	}
	wiz := r.wizard(w, blue)
	toChoice(t, wiz, app.RedReasonMistake)
	tapButton(wiz.next)
	r.drain()
	tapButton(wiz.next)
	r.drain()
	c := onlyCase(t, w.svc, blue)

	r.srv.AdvanceClock(72*time.Hour + time.Minute)
	r.refreshRound(w)
	contains(t, "the notification", overlayTexts(w.win), "确认单 "+c.Form.Number+" 已作废(超72小时未确认)")
	if strings.Contains(overlayTexts(w.win), "开具红字发票") {
		t.Error("a void form offers no issue button")
	}
	dismissOverlays(w.win)

	w.showRed()
	r.drain()
	contains(t, "the red list", caseRowText(t, w.red.cases, c.ID), "确认单已作废", "作废(超72小时未确认)", c.Form.Number)
	w.red.cases.list.Select(w.red.cases.row(c.ID))
	r.drain()
	d := w.red.cases.detail
	if !d.issue.Disabled() || !d.refresh.Disabled() {
		t.Error("a void case has nothing to refresh or issue")
	}
	contains(t, "the case's moves", texts(d.moves), "确认单已作废")
}

// TestRedRefreshFailureShownInTheStatusBar: a round that fails is said in
// the status bar, and the next good one clears it.
func TestRedRefreshFailureShownInTheStatusBar(t *testing.T) {
	r := newRedRig(t, longSessions())
	w := r.openRed()
	blue := r.issue(oneYuan)
	if err := r.srv.MarkUsedByBuyer(blue); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Red.Start(context.Background(), app.RedRequest{BlueNumber: blue, Reason: app.RedReasonMistake}); err != nil {
		t.Fatal(err)
	}
	r.srv.SetFaults(sandbox.Faults{ErrorRate: 1})
	r.refreshRound(w)
	if !w.status.redError.Visible() || !strings.Contains(w.status.redError.Text, "查询红字确认单状态失败") {
		t.Fatalf("status bar: visible %v %q", w.status.redError.Visible(), w.status.redError.Text)
	}
	r.srv.SetFaults(sandbox.Faults{})
	r.refreshRound(w)
	if w.status.redError.Visible() {
		t.Errorf("a good round should clear the failure: %q", w.status.redError.Text)
	}
}

// TestRedInboxConfirmTakesTheFormOffTheList: the sandbox's seeded form
// against us is listed under 待我方确认; 确认, once confirmed in the
// dialog, answers it and it leaves the list.
func TestRedInboxConfirmTakesTheFormOffTheList(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	w.showRed()
	w.red.tabs.SelectIndex(redTabInbox)
	r.drain()
	v := w.red.inbox
	if len(v.forms) == 0 {
		t.Fatalf("the seeded form should be listed: %q", texts(v.content))
	}
	f := v.forms[0]
	contains(t, "待我方确认", texts(v.content), sandbox.DemoSupplierName, f.Number, f.BlueNumber, "销货退回")
	if got := w.red.tabs.Items[redTabInbox].Text; got != "待我方确认(1)" {
		t.Errorf("tab title %q", got)
	}

	tapButton(buttonIn(t, v.rows.Objects[0], "确认"))
	contains(t, "the confirmation dialog", overlayTexts(w.win), f.Number, sandbox.DemoSupplierName, "不能撤回")
	tapOverlayButton(t, w.win, "是")
	r.drain()
	for _, left := range v.forms {
		if left.Number == f.Number {
			t.Fatalf("%s should have left the list", f.Number)
		}
	}
	contains(t, "the empty inbox", texts(v.content), "没有待我方确认的确认单")
	if got := w.red.tabs.Items[redTabInbox].Text; got != "待我方确认(0)" {
		t.Errorf("tab title %q", got)
	}
}

// TestRedRefreshLoopStopsWithTheWindow: one goroutine asks about pending
// forms, and it ends when the window closes.
func TestRedRefreshLoopStopsWithTheWindow(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	defer goleak.VerifyNone(t, append(httpGoroutines, goleak.IgnoreCurrent())...)
	w := r.openRed()
	if n := r.ticks.live(redRefreshInterval); n != 1 {
		t.Fatalf("%d refresh loops, want 1", n)
	}
	w.win.Close()
	if !stopped(r.ticks, redRefreshInterval) {
		t.Fatal("the refresh loop outlived the window")
	}
}
