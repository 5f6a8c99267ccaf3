package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// The sandbox's red-invoice endpoints, as its Stats count them.
const (
	hzxxbsqPath = "/qdjk/fullExteriorInvoke/hzxxbsq"
	hzfpkjPath  = "/qdjk/fullExteriorInvoke/hzfpkj"
)

// Blue invoices to reverse, as a clerk would type them.
var (
	// oneYuan is seed 001's example: one tax-inclusive goods line of 1.00
	// at 1% (0.99 + 0.01).
	oneYuan = app.Draft{Type: "82", Buyer: app.Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"},
		Lines: []app.DraftLine{{Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Spec: "V1", Unit: "年",
			Quantity: "1", Price: "1", Amount: "1", TaxRate: "0.01", TaxIncluded: true}}}
	// threeLines has goods, a service and goods again (1,883.74 in all).
	threeLines = app.Draft{Type: "82", Buyer: app.Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"},
		Lines: []app.DraftLine{
			{Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Quantity: "10", Price: "100", Amount: "1000", TaxRate: "0.13"},
			{Name: "*信息技术服务*实施服务", TaxCode: "3040201000000000000", Amount: "500", TaxRate: "0.06"},
			{Name: "*计算机配套产品*键盘", TaxCode: "1090511030000000000", Quantity: "2", Price: "99", Amount: "198", TaxRate: "0.13"},
		}}
	// servicesOnly has nothing that could be returned.
	servicesOnly = app.Draft{Type: "82", Buyer: app.Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"},
		Lines: []app.DraftLine{{Name: "*信息技术服务*实施服务", TaxCode: "3040201000000000000", Amount: "500", TaxRate: "0.06"}}}
)

// newRedRig is the sandbox rig with red invoices wired as main.go wires
// them: the red service over the 票单云 client, the sandbox's buyer-side
// inbox for our company, and the credit line.
func newRedRig(t *testing.T, opts sandbox.Options) *sandboxRig {
	r := newSandboxRigWith(t, opts)
	svc := r.fx.svc
	svc.Credit = app.NewCreditService(r.client, r.db, nil)
	svc.Issuing.Credit = svc.Credit
	svc.Red = app.NewRedService(r.client, svc.Issuing, r.db, nil)
	svc.Red.Inbox = r.srv.Inbox(app.DemoSeller.TaxID)
	return r
}

// longSessions keeps the sandbox's token, login and face scan valid across
// an AdvanceClock of 72 h, and has the simulated buyer never answer alone.
func longSessions() sandbox.Options {
	long, never := 100*time.Hour, time.Duration(0)
	return sandbox.Options{TokenTTL: long, LoginValidity: long, FaceValidity: long, BuyerConfirmDelay: &never}
}

// openRed opens the window and waits for the start-up question about
// pending forms.
func (r *sandboxRig) openRed() *mainWindow {
	r.fx.t.Helper()
	w := r.open()
	r.awaitRefreshes(w, 1)
	return w
}

// awaitRefreshes waits until n rounds of questions about pending forms
// have been shown.
func (r *sandboxRig) awaitRefreshes(w *mainWindow, n int) {
	r.fx.t.Helper()
	r.await("a refresh of pending forms", func() bool { return w.redRefresh.runs >= n })
}

// refreshRound drives the five-minute loop once and waits for its outcome.
func (r *sandboxRig) refreshRound(w *mainWindow) {
	r.fx.t.Helper()
	n := w.redRefresh.runs
	r.ticks.fire(r.fx.t, redRefreshInterval, time.Now())
	r.awaitRefreshes(w, n+1)
}

// issue issues a blue invoice through the app and returns its number.
func (r *sandboxRig) issue(d app.Draft) string {
	r.fx.t.Helper()
	inv, err := r.fx.svc.Issuing.Issue(context.Background(), d)
	if err != nil {
		r.fx.t.Fatalf("issue: %v", err)
	}
	return inv.Number
}

// wizard opens the red wizard on number and returns it, checked.
func (r *sandboxRig) wizard(w *mainWindow, number string) *redWizard {
	r.fx.t.Helper()
	w.openRedWizard(number)
	r.drain()
	wiz := w.redWizard
	if wiz == nil || !wiz.check.ready() {
		r.fx.t.Fatalf("the wizard should have checked %s: %q", number, overlayTexts(w.win))
	}
	return wiz
}

// toChoice goes on to ② and picks reason.
func toChoice(t *testing.T, wiz *redWizard, reason app.RedReason) *redChoiceStep {
	t.Helper()
	tapButton(wiz.next)
	if wiz.step != redStepChoice || wiz.choice == nil {
		t.Fatalf("下一步 should lead to ②, at step %d", wiz.step)
	}
	if reason != "" {
		pick(t, wiz.choice.reasons, string(reason))
	}
	return wiz.choice
}

// pick clicks a choice as the clerk would.
func pick(t *testing.T, s *choiceSet, value string) {
	t.Helper()
	g := s.groups[value]
	if g == nil || g.Disabled() {
		t.Fatalf("choice %s missing or disabled", value)
	}
	for _, o := range test.WidgetRenderer(g).Objects() {
		if item, ok := o.(fyne.Tappable); ok {
			test.Tap(item) // as a click does: it also takes the focus
		}
	}
	if s.selected != value {
		t.Fatalf("choice %s not taken", value)
	}
}

// selectInvoice shows the issued list with the invoice number selected.
func (r *sandboxRig) selectInvoice(w *mainWindow, number string) app.Invoice {
	r.fx.t.Helper()
	w.tabs.SelectIndex(tabIssued)
	r.drain()
	for i, inv := range w.list.invoices {
		if inv.Number == number {
			w.list.table.Select(i)
			r.drain()
			return inv
		}
	}
	r.fx.t.Fatalf("%s not in the issued list", number)
	return app.Invoice{}
}

// listRowText renders the issued list's row of number as the list does,
// and returns its cells' texts.
func listRowText(t *testing.T, l *invoiceList, number string) string {
	t.Helper()
	for i, inv := range l.invoices {
		if inv.Number == number {
			row := l.newRow()
			l.updateRow(i, row)
			return texts(row)
		}
	}
	t.Fatalf("%s not in the issued list", number)
	return ""
}

// caseRowText renders the red screen's row of case id.
func caseRowText(t *testing.T, l *redCaseList, id int64) string {
	t.Helper()
	i := l.row(id)
	if i < 0 {
		t.Fatalf("case %d not in the red list", id)
	}
	row := l.newRow()
	l.updateRow(i, row)
	return texts(row)
}

// buttonIn finds the button with text under o.
func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
		} else if wid, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(wid).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button in %q", text, texts(o))
	}
	return found
}

// onlyCase is the one case of a blue invoice.
func onlyCase(t *testing.T, svc *app.Services, blue string) app.RedCase {
	t.Helper()
	cases, err := svc.Red.Cases(context.Background(), blue, false)
	if err != nil || len(cases) != 1 {
		t.Fatalf("cases of %s: %v %+v", blue, err, cases)
	}
	return cases[0]
}

// contains fails unless text holds every one of wants.
func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s should show %q:\n%s", what, want, text)
		}
	}
}
