package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"go.uber.org/goleak"

	"fapiao/app"
	"fapiao/providers/piaodanyun"
	"fapiao/providers/sandbox"
	"fapiao/store"
)

// The sandbox's issuing endpoint, as its Stats count it.
const blueTicketPath = "/qdjk/fullExteriorInvoke/blueTicket"

// sandboxRig is a window over the app wired as main.go wires it: the real
// sandbox on a loopback port, the real 票单云 client and a real SQLite
// store, with the UI queue and hand tickers of sessionRig.
type sandboxRig struct {
	*sessionRig
	srv    *sandbox.Server
	base   string // the sandbox's URL
	client *piaodanyun.Client
	db     *store.DB
}

func newSandboxRig(t *testing.T) *sandboxRig {
	return newSandboxRigWith(t, sandbox.Options{})
}

// newSandboxRigWith starts the sandbox with opts (its DBPath is set here).
func newSandboxRigWith(t *testing.T, opts sandbox.Options) *sandboxRig {
	home := t.TempDir()
	opts.DBPath = filepath.Join(home, "sandbox.db")
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	db, err := store.Open(filepath.Join(home, "fapiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	client, err := piaodanyun.New(piaodanyun.Config{
		BaseURL: base, Phone: sandbox.DemoPhone, Password: sandbox.DemoPassword, EtaxPassword: sandbox.DemoEtaxPassword,
		TenantID: sandbox.DemoTenantID, Username: sandbox.DemoUsername, SellerTaxID: app.DemoSeller.TaxID,
		PartialRed: true, Timeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}

	fx := newFixture(t)
	issuing := app.NewIssueService(db, client, app.DefaultConfig().SellerParty(), nil)
	issuing.Backoff = []time.Duration{0, 0}
	fx.svc = &app.Services{Issuing: issuing, Catalog: db, Drafts: db, Sandbox: true,
		Face: app.NewFaceAuthService(client, db, nil), Login: app.NewLoginService(client, db, nil),
		SandboxTools: &app.SandboxTools{
			SMSCode:             sandbox.DemoSMSCode,
			SimulateFaceScan:    func(_ context.Context, id string) error { return srv.SimulateFaceScan(id) },
			SimulateQRLoginScan: func(_ context.Context, id string) error { return srv.SimulateQRLoginScan(id) },
		}}
	issuing.Face, issuing.Login = fx.svc.Face, fx.svc.Login

	r := &sessionRig{fx: fx, clock: newTestClock(time.Now()), polls: &handTicker{}, ticks: &handTicker{},
		queue: make(chan func(), 1024)}
	// The services' clock is the test's, so the countdown is exact; the
	// sandbox keeps real time, and nothing here waits minutes.
	fx.svc.Face.Now, fx.svc.Face.Tick = r.clock.now, r.polls.tick
	fx.svc.Login.Now, fx.svc.Login.Tick = r.clock.now, r.polls.tick
	return &sandboxRig{sessionRig: r, srv: srv, base: base, client: client, db: db}
}

// httpGoroutines are the client's idle keep-alive connections and the
// sandbox's server side: they belong to the HTTP stack, not to the UI.
var httpGoroutines = []goleak.Option{
	goleak.IgnoreAnyFunction("net/http.(*persistConn).readLoop"),
	goleak.IgnoreAnyFunction("net/http.(*persistConn).writeLoop"),
	goleak.IgnoreAnyFunction("net/http.(*conn).serve"),
}

// TestSandboxFaceAuthLapseQRPanelAndResume is issue 3 end to end: the
// bureau's face authentication lapses, issuing is refused with 420, the QR
// panel shows the sandbox's code, 模拟扫码 and one poll later the panel
// closes and the same invoice is issued once, under the same serial.
func TestSandboxFaceAuthLapseQRPanelAndResume(t *testing.T) {
	r := newSandboxRig(t)
	w := r.open()
	defer goleak.VerifyNone(t, append(httpGoroutines, goleak.IgnoreCurrent())...)
	r.srv.LapseFaceAuth()
	r.fx.fillValidInvoice()

	w.form.issue()
	r.drain()
	p := w.facePanel
	if p == nil || p.qr == nil {
		t.Fatalf("a 420 should open the QR panel with a code: %q", overlayTexts(w.win))
	}
	invs, err := w.svc.Issuing.List(context.Background(), app.ListQuery{})
	if err != nil || len(invs) != 1 || invs[0].Status != app.StatusHeld {
		t.Fatalf("want one held invoice, got %v %+v", err, invs)
	}
	held := invs[0].RequestSerial
	if got := w.status.face.Text; got != "需要人脸认证" {
		t.Errorf("status bar: %q", got)
	}

	// The panel shows the sandbox's current code, readably.
	st := w.svc.Face.Status(context.Background())
	if st.QR == nil || !strings.HasPrefix(st.QR.Content, "qrcode_id=") {
		t.Fatalf("the service holds no sandbox code: %+v", st.QR)
	}
	if got := decodeQR(t, p.view.image.Image); got != st.QR.Content {
		t.Errorf("the panel's image decodes to %q, want the sandbox's %q", got, st.QR.Content)
	}
	if size := imageOnScreen(w.win, p.view.image); size.Width < 240 || size.Height < 240 {
		t.Errorf("QR code on screen: %v", size)
	}

	tapButton(p.simulate)
	r.drain()
	r.poll()
	r.await("the success dialog", func() bool {
		return w.facePanel == nil && strings.Contains(overlayTexts(w.win), "开具成功")
	})

	invs, _ = w.svc.Issuing.List(context.Background(), app.ListQuery{})
	if len(invs) != 1 || invs[0].RequestSerial != held || invs[0].Status != app.StatusIssued || invs[0].Number == "" {
		t.Fatalf("want the one invoice issued under %s, got %+v", held, invs)
	}
	if !strings.Contains(overlayTexts(w.win), invs[0].Number) {
		t.Errorf("the success dialog should show %s: %q", invs[0].Number, overlayTexts(w.win))
	}
	if n := r.srv.Stats()[blueTicketPath]; n != 2 {
		t.Errorf("blueTicket called %d times, want 2 (refused, then issued)", n)
	}
	if got := w.status.face.Text; !strings.HasPrefix(got, "人脸认证有效至 ") {
		t.Errorf("status bar after the scan: %q", got)
	}
	dismissOverlays(w.win)
}

// TestSandboxLoginLapseSMSDialogAndResume: the e-tax login lapses, issuing
// is refused with 419, the SMS login dialog opens; a wrong code is refused
// beside the field, the right one logs in and the held invoice is issued
// under its serial.
func TestSandboxLoginLapseSMSDialogAndResume(t *testing.T) {
	r := newSandboxRig(t)
	w := r.open()
	defer goleak.VerifyNone(t, append(httpGoroutines, goleak.IgnoreCurrent())...)
	r.srv.LapseLogin()
	r.fx.fillValidInvoice()

	w.form.issue()
	r.drain()
	d := w.loginBox
	if d == nil {
		t.Fatalf("a 419 should open the login dialog: %q", overlayTexts(w.win))
	}
	if got := w.status.login.Text; got != "电子税务局:未登录" {
		t.Errorf("status bar: %q", got)
	}
	invs, _ := w.svc.Issuing.List(context.Background(), app.ListQuery{})
	if len(invs) != 1 || invs[0].Status != app.StatusHeld {
		t.Fatalf("want one held invoice: %+v", invs)
	}
	held := invs[0].RequestSerial
	if !strings.Contains(overlayTexts(w.win), "沙箱验证码:"+sandbox.DemoSMSCode) {
		t.Errorf("sandbox hint missing: %q", overlayTexts(w.win))
	}

	tapButton(d.sms.send)
	r.drain()
	if d.sms.sendErrors.Visible() || !d.sms.send.Disabled() {
		t.Fatalf("send: %q", d.sms.sendErrors.Text)
	}
	test.Type(d.sms.code, "000000")
	tapButton(d.sms.loginBtn)
	r.drain()
	if !d.sms.codeErrors.Visible() || !strings.Contains(d.sms.codeErrors.Text, "验证码") || w.loginBox == nil {
		t.Fatalf("a wrong code must be refused beside the field: %q", d.sms.codeErrors.Text)
	}

	d.sms.code.SetText(sandbox.DemoSMSCode)
	d.sms.code.TypedKey(keyReturn)
	r.drain()
	if w.loginBox != nil || !strings.Contains(overlayTexts(w.win), "开具成功") {
		t.Fatalf("after the right code: %q", overlayTexts(w.win))
	}
	if got := w.status.login.Text; !strings.HasPrefix(got, "电子税务局:已登录(短信,") {
		t.Errorf("status bar: %q", got)
	}
	invs, _ = w.svc.Issuing.List(context.Background(), app.ListQuery{})
	if len(invs) != 1 || invs[0].RequestSerial != held || invs[0].Status != app.StatusIssued {
		t.Errorf("want the one invoice issued under %s: %+v", held, invs)
	}
	if n := r.srv.Stats()[blueTicketPath]; n != 2 {
		t.Errorf("blueTicket called %d times, want 2", n)
	}
	dismissOverlays(w.win)
}
