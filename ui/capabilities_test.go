package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"
	"fapiao/store"
)

// fakeDirectRed issues red invoices straight against the blue one, as
// 迅联云 does.
type fakeDirectRed struct {
	mu    sync.Mutex
	blues []string
}

func (f *fakeDirectRed) IssueRedDirect(_ context.Context, _ app.Invoice, blue app.Invoice) (app.IssueResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.blues = append(f.blues, blue.Number)
	return app.IssueResult{Number: fmt.Sprintf("25510000000%09d", 900+len(f.blues)),
		IssuedAt: time.Date(2025, 3, 15, 9, 0, 0, 0, app.ChinaTime)}, nil
}

// xunlianFixture is the main window as main.go assembles it for 迅联云:
// no face authentication, no login, no credit line; red invoices straight
// against the blue one; the capabilities derived from the services.
func xunlianFixture(t *testing.T) (*fixture, *fakeDirectRed) {
	t.Helper()
	fx := newFixture(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "fapiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	issuing := app.NewIssueService(db, fx.issuer, app.DefaultConfig().SellerParty(), nil)
	issuing.Backoff = nil
	direct := &fakeDirectRed{}
	fx.svc = &app.Services{Issuing: issuing, Catalog: fx.catalog, Drafts: fx.drafts,
		Red:       app.NewRedService(app.NewDirectRed(direct, db, db), issuing, db, nil),
		Dashboard: &app.DashboardService{Stats: fakeStats{perDay: map[string]int64{}}}}
	fx.svc.Capabilities = app.CapabilitiesOf(app.ProviderXunlian, fx.svc)
	return fx, direct
}

// queued runs fx's window with its UI work queued for the test goroutine
// (see sessionRig): the red service's background round would otherwise
// touch widgets from its own goroutine.
func queued(fx *fixture) *sessionRig {
	return &sessionRig{fx: fx, clock: newTestClock(time.Now()), polls: &handTicker{}, ticks: &handTicker{},
		queue: make(chan func(), 1024)}
}

func TestXunlianWindowExplainsWhatItLacksInsteadOfOfferingIt(t *testing.T) {
	fx, _ := xunlianFixture(t)
	r := queued(fx)
	w := r.open()
	faceWhy := "迅联云为托管开票,人脸认证由平台方完成,本机无需扫码"
	creditWhy := "迅联云接口不提供授信额度查询,请在电子税务局查看"

	if w.status.face.Visible() || w.status.login.Visible() || w.status.credit.Visible() {
		t.Error("no face, login or credit button for 迅联云")
	}
	if !w.status.faceNote.Visible() || !strings.Contains(texts(w.status.faceNote), faceWhy) || !w.status.session.Visible() {
		t.Errorf("the status bar says why there is no face button: %q", texts(w.status.faceNote))
	}
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "人脸认证…" || it.Label == "登录电子税务局…" {
				t.Errorf("the menu offers %s", it.Label)
			}
		}
	}

	w.showDashboard()
	r.drain()
	d := w.dash
	if d.credit != nil || d.face != nil {
		t.Fatal("no credit or face card that would fail")
	}
	if d.noCredit == nil || !strings.Contains(texts(d.noCredit), creditWhy) {
		t.Error("the 额度 screen says why there is no credit line")
	}
	if d.noFace == nil || !strings.Contains(texts(d.noFace), faceWhy) {
		t.Error("the 额度 screen says why there is no face authentication")
	}
	screen := texts(d.content)
	for _, button := range []string{"扫码认证…", "刷新"} {
		if strings.Contains(screen, button+"\n") {
			t.Errorf("the 额度 screen offers %s", button)
		}
	}
}

func TestDirectRedWizardNeverTalksOfWaitingForTheBuyer(t *testing.T) {
	fx, direct := xunlianFixture(t)
	inv, err := fx.svc.Issuing.Issue(context.Background(), oneYuan)
	if err != nil {
		t.Fatal(err)
	}
	r := queued(fx)
	w := r.open()
	w.showRed()
	r.drain()
	if w.red.query.Visible() || !strings.Contains(w.red.refreshed.Text, "迅联云按蓝票号码直接开具红字发票") {
		t.Errorf("the 红冲 screen has no pending forms to ask about: %q", w.red.refreshed.Text)
	}

	w.openRedWizard(inv.Number)
	r.drain()
	wiz := w.redWizard
	if wiz == nil || !wiz.check.ready() {
		t.Fatalf("the wizard should have checked %s: %q", inv.Number, overlayTexts(w.win))
	}
	if got := wiz.bar[redStepForm].Text; got != "③ 提交红冲" {
		t.Errorf("step ③ is %q", got)
	}
	checked := overlayTexts(w.win)
	contains(t, "the check step", checked, "迅联云按蓝票号码直接开具红字发票:无需红字确认单,也无需等待购买方确认")

	choice := toChoice(t, wiz, app.RedReasonMistake)
	if !strings.Contains(choice.partialNote.Text, "迅联云接口只支持按整张蓝票红冲") {
		t.Errorf("partial red explained by the provider: %q", choice.partialNote.Text)
	}
	if wiz.next.Text != "开具红字发票" {
		t.Errorf("the choice step's button is %q", wiz.next.Text)
	}
	tapButton(wiz.next)
	r.drain()
	if wiz.step != redStepIssue || len(direct.blues) != 1 || direct.blues[0] != inv.Number {
		t.Fatalf("the red invoice should be issued against %s at once (step %d, sent %v): %q",
			inv.Number, wiz.step, direct.blues, overlayTexts(w.win))
	}
	all := checked + overlayTexts(w.win)
	for _, never := range []string{"申请确认单", "确认单编号", "72小时", "需要购买方确认", "待购方确认"} {
		if strings.Contains(all, never) {
			t.Errorf("the direct wizard talks of %q:\n%s", never, all)
		}
	}
}
