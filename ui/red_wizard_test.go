package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// TestRedWizardFullRedOfOneYuan: seed 001's 1.00 invoice reversed in full
// for 01 through the wizard, from the issued list: the red invoice
// −1.00 (−0.99 / −0.01) is shown, the blue one then reads 全额红冲 and
// 红冲 is disabled with the reason.
func TestRedWizardFullRedOfOneYuan(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	blue := r.issue(oneYuan)
	r.selectInvoice(w, blue)
	if w.list.detail.red.Disabled() {
		t.Fatalf("红冲 should be enabled on an issued blue invoice: %q", w.list.detail.redWhy.Text)
	}

	tapButton(w.list.detail.red)
	r.drain()
	wiz := w.redWizard
	if wiz == nil || !wiz.check.ready() {
		t.Fatalf("① should show the checked invoice: %q", overlayTexts(w.win))
	}
	contains(t, "①", texts(wiz.check.content), blue, "上海某某科技有限公司", "-0.99", "-0.01", "¥-1.00",
		"无需购买方确认", "购方未用途确认、未入账")

	choice := toChoice(t, wiz, app.RedReasonMistake)
	if !choice.modes.groups[modePartial].Disabled() || choice.partialNote.Text != "开票有误(01)只能全额红冲" {
		t.Errorf("01 must disable 部分红冲 with the reason: %q", choice.partialNote.Text)
	}
	contains(t, "② totals", choice.sum.Text, "¥-0.99", "¥-0.01", "¥-1.00")
	if wiz.next.Text != "申请确认单" {
		t.Errorf("② main button %q", wiz.next.Text)
	}

	tapButton(wiz.next)
	r.drain()
	c := onlyCase(t, w.svc, blue)
	if c.Step != app.RedStepIssued || len(c.RedNumber) != 20 || c.Form.State != app.RedFormNoConfirmation {
		t.Fatalf("case %+v", c)
	}
	if wiz.step != redStepIssue {
		t.Errorf("the wizard should be at ④, is at %d", wiz.step)
	}
	contains(t, "④", texts(wiz.result.content), c.RedNumber, c.Form.Number, "无需确认", "¥-1.00", "¥-0.99", "¥-0.01")
	for _, b := range wiz.result.exports {
		if b.Disabled() {
			t.Errorf("%s disabled on an issued red invoice", b.Text)
		}
	}
	red, err := w.svc.Issuing.Invoice(context.Background(), c.RedNumber)
	if err != nil || red.Total.String() != "-1" || red.TotalAmount.String() != "-0.99" || red.TotalTax.String() != "-0.01" || red.BlueNumber != blue {
		t.Errorf("red invoice %v %+v", err, red)
	}

	tapButton(wiz.next) // 完成
	r.drain()
	if w.redWizard != nil {
		t.Fatal("完成 should close the wizard")
	}
	r.selectInvoice(w, blue)
	contains(t, "the blue invoice's row", listRowText(t, w.list, blue), "全额红冲")
	contains(t, "the red invoice's row", listRowText(t, w.list, c.RedNumber), "红字发票", "¥-1.00")
	if !w.list.detail.red.Disabled() || w.list.detail.redWhy.Text != "已全额红冲,没有可红冲的金额" {
		t.Errorf("红冲 on a fully reversed invoice: disabled=%v %q", w.list.detail.red.Disabled(), w.list.detail.redWhy.Text)
	}
	contains(t, "the blue invoice's details", texts(w.list.detail.content), "全额红冲:已红冲 ¥-1.00")
	r.selectInvoice(w, c.RedNumber)
	contains(t, "the red invoice's details", texts(w.list.detail.content), "红字发票,冲销蓝字发票 "+blue)
	if !w.list.detail.red.Disabled() {
		t.Error("红冲 must be disabled on a red invoice")
	}
}

// TestRedWizardPartialByQuantity: one line of three reversed in part; the
// red figures shown as the clerk types are app.PlanRed's; afterwards the
// blue invoice reads 部分红冲 with what is left, and a second attempt beyond
// the remainder is refused beside the entry without reaching the bureau.
func TestRedWizardPartialByQuantity(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	blue := r.issue(threeLines)
	wiz := r.wizard(w, blue)
	choice := toChoice(t, wiz, app.RedReasonReturn)
	pick(t, choice.modes, modePartial)
	if !choice.picks.content.Visible() || len(choice.picks.rows) != 3 {
		t.Fatalf("部分红冲 should show the three lines, got %d", len(choice.picks.rows))
	}
	row := choice.picks.rows[0]
	test.Type(row.quantity, "30")
	if !row.check.Checked {
		t.Error("typing a quantity should tick the line")
	}
	contains(t, "a quantity beyond the line", row.errs.Text, "超过可红冲数量 10")
	if !row.errs.Visible() || !row.qFrame.frame.Visible() {
		t.Error("the error should show beside the quantity, framed")
	}
	row.quantity.SetText("3")
	want, err := app.PlanRed(app.RedRequest{Reason: app.RedReasonReturn, Partial: true,
		Picks: []app.RedPick{{Index: 1, Quantity: "3"}}}, wiz.check.chk.Remaining)
	if err != nil {
		t.Fatal(err)
	}
	if row.red.Text != app.FormatMoney(want[0].AmountExcl) || row.tax.Text != app.FormatMoney(want[0].Tax) || row.errs.Visible() {
		t.Errorf("row shows %s / %s (errors %q), PlanRed says %s / %s", row.red.Text, row.tax.Text, row.errs.Text,
			want[0].AmountExcl, want[0].Tax)
	}
	total := app.SumLines(redLineBodies(want))
	contains(t, "② totals", choice.sum.Text, yuan(total.Amount), yuan(total.Tax), yuan(total.Total))
	if total.Total.String() != "-339" {
		t.Errorf("3 × 100 at 13%% should be −339.00, PlanRed says %s", total.Total)
	}

	tapButton(wiz.next)
	r.drain()
	c := onlyCase(t, w.svc, blue)
	if c.Step != app.RedStepIssued || !c.Partial || !c.Total.Equal(total.Total) {
		t.Fatalf("partial case %+v", c)
	}
	tapButton(wiz.next)
	r.drain()
	r.selectInvoice(w, blue)
	contains(t, "the blue invoice's row", listRowText(t, w.list, blue), "部分红冲")
	contains(t, "the blue invoice's details", texts(w.list.detail.content), "部分红冲:已红冲 ¥-339.00,剩余可红冲 ¥1544.74")
	if w.list.detail.red.Disabled() {
		t.Error("红冲 must stay enabled while something is left")
	}

	forms := r.srv.Stats()[hzxxbsqPath]
	wiz = r.wizard(w, blue)
	choice = toChoice(t, wiz, app.RedReasonReturn)
	pick(t, choice.modes, modePartial)
	row = choice.picks.rows[0]
	test.Type(row.quantity, "8")
	tapButton(wiz.next)
	r.drain()
	if wiz.step != redStepChoice {
		t.Fatalf("beyond the remainder the wizard must stay at ②, is at %d", wiz.step)
	}
	contains(t, "the row beyond the remainder", row.errs.Text, "8 超过可红冲数量 7")
	if w.win.Canvas().Focused() != row.quantity {
		t.Error("the cursor should go to the entry at fault")
	}
	if !row.errs.Visible() || !row.qFrame.frame.Visible() {
		t.Error("the error should show beside the entry")
	}
	if n := r.srv.Stats()[hzxxbsqPath]; n != forms {
		t.Errorf("a refused red reached the bureau: %d forms asked for, was %d", n, forms)
	}
	tapButton(wiz.cancel)
	r.drain()
}

// TestRedReasonsRefusedByTheLines: 02 is disabled with the rule's reason
// on an invoice of services only, 03 on one of goods only.
func TestRedReasonsRefusedByTheLines(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	w := r.openRed()
	for _, tc := range []struct {
		draft           app.Draft
		refused, usable app.RedReason
		why             string
	}{
		{servicesOnly, app.RedReasonReturn, app.RedReasonStop, "每一行都是服务"},
		{oneYuan, app.RedReasonStop, app.RedReasonReturn, "每一行都是货物"},
	} {
		blue := r.issue(tc.draft)
		wiz := r.wizard(w, blue)
		choice := toChoice(t, wiz, "")
		if !choice.reasons.groups[string(tc.refused)].Disabled() {
			t.Errorf("%s should be disabled on %s", tc.refused, blue)
		}
		if choice.reasons.groups[string(tc.usable)].Disabled() {
			t.Errorf("%s should be usable on %s", tc.usable, blue)
		}
		contains(t, "the refused reason", texts(choice.content), "不可选:"+wiz.check.chk.ReasonRefusals[tc.refused], tc.why)
		if !choice.modes.groups[modePartial].Disabled() || choice.partialNote.Text != "请先选择红冲原因" {
			t.Errorf("部分红冲 before a reason: %q", choice.partialNote.Text)
		}
		tapButton(wiz.next)
		contains(t, "申请 without a reason", choice.reasonErr.Text, "请选择红冲原因")
		tapButton(wiz.cancel)
		r.drain()
		if w.redWizard != nil {
			t.Fatal("取消 should close the wizard")
		}
	}
	if n := r.srv.Stats()[hzxxbsqPath]; n != 0 {
		t.Errorf("%d forms asked for", n)
	}
}

// TestRedWizardSecondOpenCaseRefusedBesideTheReason: a reason with a case
// under way is disabled at ② with why; and when such a case appears after
// the check (another window, the command line), the red service's refusal
// is shown beside the reason choice, and nothing reaches the bureau.
func TestRedWizardSecondOpenCaseRefusedBesideTheReason(t *testing.T) {
	r := newRedRig(t, longSessions())
	w := r.openRed()
	blue := r.issue(oneYuan)
	if err := r.srv.MarkUsedByBuyer(blue); err != nil {
		t.Fatal(err)
	}
	wiz := r.wizard(w, blue)
	choice := toChoice(t, wiz, app.RedReasonAllowance)
	pick(t, choice.modes, modePartial)
	test.Type(choice.picks.rows[0].amount, "0.20")

	first, err := w.svc.Red.Start(context.Background(), app.RedRequest{BlueNumber: blue, Reason: app.RedReasonAllowance,
		Partial: true, Picks: []app.RedPick{{Index: 1, Amount: "0.10"}}})
	if err != nil || first.Step != app.RedStepAwaiting {
		t.Fatalf("first case: %v %+v", err, first)
	}
	forms := r.srv.Stats()[hzxxbsqPath]
	tapButton(wiz.next)
	r.drain()
	if wiz.step != redStepChoice {
		t.Fatalf("the refusal should bring ② back, at %d", wiz.step)
	}
	contains(t, "beside the reason", choice.reasonErr.Text, "已有进行中的红冲")
	if n := r.srv.Stats()[hzxxbsqPath]; n != forms {
		t.Error("a refused case reached the bureau")
	}
	tapButton(wiz.cancel)
	r.drain()

	wiz = r.wizard(w, blue)
	contains(t, "①", texts(wiz.check.content), "需要购买方确认确认单", "购方已用途确认", "进行中的红冲")
	choice = toChoice(t, wiz, "")
	if !choice.reasons.groups[string(app.RedReasonAllowance)].Disabled() {
		t.Error("04 has a case under way: it should be disabled")
	}
	contains(t, "②", texts(choice.content), "该原因已有进行中的红冲(编号 1,等待对方确认)")
	tapButton(wiz.cancel)
	r.drain()
}
