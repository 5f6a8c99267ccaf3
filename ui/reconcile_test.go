package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fapiao/app"
)

func TestStartupReconciliationSaysWhichInvoicesMustBeResentUnasked(t *testing.T) {
	fx := newFixture(t)
	inv := fx.store.put(app.Invoice{RequestSerial: "91510100MA6CXP8Q2Q_250314103000XLYN", Status: app.StatusUnknown,
		Type: app.TypeOrdinary, Buyer: app.Party{Name: "某公司"}})
	// 迅联云 cannot be asked what became of a serial.
	fx.issuer.lookup = func(string) (app.IssueResult, error) { return app.IssueResult{}, app.ErrNoLookup }
	w := fx.open()

	if !strings.Contains(w.status.reconcile.Text, "无法查询须重新提交 1") {
		t.Errorf("status bar: %q", w.status.reconcile.Text)
	}
	dialog := overlayTexts(w.win)
	for _, want := range []string{"1 张发票的结果无法查询", "重新提交"} {
		if !strings.Contains(dialog, want) {
			t.Errorf("the dialog should say %q: %q", want, dialog)
		}
	}
	if strings.Contains(dialog, "税局已开具") {
		t.Errorf("nothing was found issued: %q", dialog)
	}
	if got, _ := fx.store.InvoiceBySerial(context.Background(), inv.RequestSerial); got.Status != app.StatusHeld {
		t.Errorf("the invoice should be held for resubmission, is %s", got.Status)
	}
}

func TestResolvingWithoutLookupAdvisesResubmittingNotWaiting(t *testing.T) {
	newFixture(t) // the translations
	text := resolvedText(app.Invoice{}, fmt.Errorf("迅联云: %w", app.ErrNoLookup))
	if !strings.Contains(text, "重新提交") || strings.Contains(text, "稍后再查询") {
		t.Errorf("advice: %q", text)
	}
}
