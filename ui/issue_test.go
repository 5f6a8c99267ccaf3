package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fapiao/app"
)

func TestIssuingAddsTheInvoiceToTheList(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	fx.fillValidInvoice()
	w.form.drawer.SetText("王会计")

	w.form.issue()

	if n := fx.issuer.receivedCount(); n != 1 {
		t.Fatalf("issuer received %d invoices, want exactly 1", n)
	}
	list := w.list.invoices
	if len(list) != 1 || list[0].Status != app.StatusIssued || list[0].Buyer.Name != "上海某某科技有限公司" {
		t.Fatalf("issued list = %+v, want the one issued invoice", list)
	}
	number := fx.issuer.issued[list[0].RequestSerial].Number
	if list[0].Number != number || number == "" {
		t.Errorf("list shows number %q, issuer gave %q", list[0].Number, number)
	}
	// The row as drawn.
	row := w.list.newRow()
	w.list.updateRow(0, row)
	if drawn := texts(row); !strings.Contains(drawn, number) || !strings.Contains(drawn, "¥1000.00") || !strings.Contains(drawn, "已开具") {
		t.Errorf("row shows %q", drawn)
	}
	// Success: a dialog with the number, the form cleared, the draft gone,
	// the drawer remembered for the next invoice.
	if shown := overlayTexts(w.win); !strings.Contains(shown, number) || !strings.Contains(shown, "导出PDF") {
		t.Errorf("success dialog shows %q", shown)
	}
	if w.form.buyer.name.Text != "" || !w.form.lines.rows[0].blank() {
		t.Error("the form should be cleared after issuing")
	}
	if w.form.drawer.Text != "王会计" || fx.app.Preferences().String(prefDrawer) != "王会计" {
		t.Error("the drawer should stay for the next invoice")
	}
	w.saver.stop()
	if _, ok := fx.drafts.get(draftName); ok {
		t.Error("the draft should be deleted after issuing")
	}
	if !w.form.issueButton.Disabled() && w.form.issuing {
		t.Error("issuing flag left on")
	}
}

func TestIssueRunsInTheBackgroundWithTheButtonDisabled(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	fx.fillValidInvoice()
	release := make(chan struct{})
	fx.issuer.issue = func(app.Invoice) (app.IssueResult, error) {
		<-release
		return app.IssueResult{Number: "25510000000000000042"}, nil
	}
	w.tasks.inline = false

	w.form.issue()
	if !w.form.issueButton.Disabled() {
		t.Error("the 开具 button must be disabled while issuing")
	}
	if !strings.Contains(overlayTexts(w.win), "正在开具") {
		t.Errorf("progress dialog missing, overlay: %q", overlayTexts(w.win))
	}
	w.form.issue() // a second press does nothing
	close(release)
	w.tasks.wait()

	if n := fx.issuer.receivedCount(); n != 1 {
		t.Fatalf("issuer received %d invoices, want 1", n)
	}
	if w.form.issueButton.Disabled() {
		t.Error("the button should be enabled again")
	}
	if !strings.Contains(overlayTexts(w.win), "25510000000000000042") {
		t.Errorf("success dialog missing, overlay: %q", overlayTexts(w.win))
	}
}

func TestBusinessRefusalKeepsTheForm(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	fx.fillValidInvoice()
	fx.issuer.issue = func(app.Invoice) (app.IssueResult, error) {
		return app.IssueResult{}, &app.ProviderError{Kind: app.KindBusiness, Provider: "测试服务",
			Code: "999", Message: "购买方名称与税号不匹配"}
	}

	w.form.issue()

	shown := overlayTexts(w.win)
	if !strings.Contains(shown, "购买方名称与税号不匹配") || !strings.Contains(shown, "拒绝") {
		t.Errorf("refusal dialog shows %q", shown)
	}
	if w.form.buyer.name.Text != "上海某某科技有限公司" || w.form.lines.rows[0].amount.Text != "1000.00" {
		t.Error("the form must be kept for editing after a business refusal")
	}
	if list := w.list.invoices; len(list) != 1 || list[0].Status != app.StatusRejected {
		t.Errorf("list = %+v, want one rejected invoice", list)
	}
	// The rejected invoice can be copied back; the held/unknown actions are off.
	w.list.table.Select(0)
	d := w.list.detail
	if d.copyToForm.Disabled() || !d.resubmit.Disabled() || !d.exportPDF.Disabled() || !d.resolve.Disabled() {
		t.Error("a rejected invoice allows 复制到开票 only")
	}
}

func TestHeldAndUnknownOutcomesClearTheFormAndSayWhatToDo(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"face auth", &app.ProviderError{Kind: app.KindFaceAuth, Provider: "测试服务", Message: "需要人脸认证"},
			[]string{"人脸认证", "重新提交"}},
		{"credentials", &app.ProviderError{Kind: app.KindCredentials, Provider: "测试服务", Message: "密码错误"},
			[]string{"需要登录", "密码错误", "重新提交"}},
		{"unknown", &app.ProviderError{Kind: app.KindTransient, Provider: "测试服务", Message: "timeout"},
			[]string{"请勿重复开具", "同一流水号"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fx := newFixture(t)
			w := fx.open()
			fx.fillValidInvoice()
			fx.issuer.issue = func(app.Invoice) (app.IssueResult, error) { return app.IssueResult{}, c.err }
			// The lookup after a transient failure fails too: outcome unknown.
			fx.issuer.lookup = func(string) (app.IssueResult, error) { return app.IssueResult{}, errors.New("still down") }

			w.form.issue()

			shown := overlayTexts(w.win)
			for _, s := range c.want {
				if !strings.Contains(shown, s) {
					t.Errorf("dialog %q lacks %q", shown, s)
				}
			}
			if w.form.buyer.name.Text != "" {
				t.Error("a stored invoice must leave the form, so it is not issued twice")
			}
			if len(w.list.invoices) != 1 {
				t.Errorf("list has %d invoices, want the stored one", len(w.list.invoices))
			}
		})
	}
}

func TestResubmitAHeldInvoiceFromTheList(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	fx.fillValidInvoice()
	fx.issuer.issue = func(app.Invoice) (app.IssueResult, error) {
		return app.IssueResult{}, &app.ProviderError{Kind: app.KindCredentials, Provider: "测试服务", Message: "请重新登录"}
	}
	w.form.issue()
	dismissOverlays(w.win)
	fx.issuer.issue = nil // logged in again

	w.list.table.Select(0)
	d := w.list.detail
	if d.resubmit.Disabled() || !d.copyToForm.Disabled() || !d.exportPDF.Disabled() {
		t.Fatal("a held invoice allows 重新提交 only")
	}
	d.resubmit.OnTapped()

	if n := fx.issuer.receivedCount(); n != 2 {
		t.Fatalf("issuer received %d requests, want the held one sent again", n)
	}
	if fx.issuer.received[0].RequestSerial != fx.issuer.received[1].RequestSerial {
		t.Error("a resubmission must reuse the serial")
	}
	if got := w.list.invoices[0]; got.Status != app.StatusIssued {
		t.Errorf("status after resubmit = %s", got.Status)
	}
	if !d.resubmit.Disabled() || d.exportPDF.Disabled() {
		t.Error("after issuing, the selection should offer exports, not 重新提交")
	}
}

func TestResolveAnUnknownInvoice(t *testing.T) {
	fx := newFixture(t)
	inv := fx.store.put(app.Invoice{RequestSerial: "91510100MA6CXP8Q2Q_250314103000ABCD", Status: app.StatusUnknown,
		Type: app.TypeOrdinary, Buyer: app.Party{Name: "某公司"}})
	fx.issuer.issued[inv.RequestSerial] = app.IssueResult{Number: "25510000000000000077"}
	// Keep start-up reconciliation from resolving it first.
	fx.issuer.lookup = func(string) (app.IssueResult, error) { return app.IssueResult{}, errors.New("offline") }
	w := fx.open()
	dismissOverlays(w.win)
	if !strings.Contains(w.status.reconcile.Text, "仍待确认 1") {
		t.Errorf("status bar: %q", w.status.reconcile.Text)
	}

	w.list.table.Select(0)
	d := w.list.detail
	if d.resolve.Disabled() || !d.resubmit.Disabled() || !d.copyToForm.Disabled() {
		t.Fatal("an unknown invoice allows 查询结果 only")
	}
	fx.issuer.lookup = nil
	d.resolve.OnTapped()
	if !strings.Contains(overlayTexts(w.win), "25510000000000000077") {
		t.Errorf("resolve dialog: %q", overlayTexts(w.win))
	}
	if got, _ := fx.store.InvoiceBySerial(context.Background(), inv.RequestSerial); got.Status != app.StatusIssued {
		t.Errorf("status = %s, want issued", got.Status)
	}
}

func TestStartupReconciliationReportsFoundInvoices(t *testing.T) {
	fx := newFixture(t)
	inv := fx.store.put(app.Invoice{RequestSerial: "91510100MA6CXP8Q2Q_250314103000WXYZ", Status: app.StatusPending,
		Type: app.TypeOrdinary, Buyer: app.Party{Name: "某公司"}})
	fx.issuer.issued[inv.RequestSerial] = app.IssueResult{Number: "25510000000000000099"}
	w := fx.open()

	if !strings.Contains(w.status.reconcile.Text, "已开具 1") {
		t.Errorf("status bar: %q", w.status.reconcile.Text)
	}
	if !strings.Contains(overlayTexts(w.win), "1 张税局已开具") {
		t.Errorf("dialog: %q", overlayTexts(w.win))
	}
	if w.list.invoices[0].Number != "25510000000000000099" {
		t.Error("the list should show the reconciled number")
	}
}

func TestNothingToReconcileStaysQuiet(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("no dialog when there is nothing to reconcile")
	}
	if w.status.reconcile.Text != "没有结果未知的发票" {
		t.Errorf("status bar: %q", w.status.reconcile.Text)
	}
}
