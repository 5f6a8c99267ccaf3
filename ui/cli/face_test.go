package cli_test

import (
	"context"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fapiao/app"
	"fapiao/ui/qrimage/qrtest"
)

var serialInHint = regexp.MustCompile(`resubmit (\S+)`)

// TestFaceLapseThenScanResumesTheSameInvoice: authentication lapses, the
// issuance is refused with 420 and held, the clerk scans, and the same
// invoice — same serial — is issued once.
func TestFaceLapseThenScanResumesTheSameInvoice(t *testing.T) {
	w := newWorld(t)
	w.srv.LapseFaceAuth()
	_, errOut, code := w.run("issue", "-f", w.file("sample.json", sampleInvoice))
	m := serialInHint.FindStringSubmatch(errOut)
	if code != 1 || !strings.Contains(errOut, "face qr") || m == nil {
		t.Fatalf("issue after a lapse: exit %d, %s", code, errOut)
	}
	serial := m[1]

	out, _, code := w.run("face", "status", "--json")
	var st struct {
		Needed bool `json:"needed"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || !st.Needed {
		t.Fatalf("face status: exit %d %s", code, out)
	}

	pngPath := filepath.Join(w.home, "qr.png")
	out, errOut, code = w.run("face", "qr", "--png", pngPath)
	ewm := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(ewm, "qrcode_id=") {
		t.Fatalf("face qr: exit %d %q %s", code, out, errOut)
	}
	if got := decodePNG(t, pngPath); got != ewm {
		t.Errorf("the PNG decodes to %q, want the ewm %q", got, ewm)
	}
	if out, _, _ := w.run("face", "qr"); strings.TrimSpace(out) != ewm {
		t.Error("a second face qr within the QR's life must show the same code")
	}

	if out, errOut, code = w.run("face", "scan"); code != 0 || !strings.Contains(out, "有效至") {
		t.Fatalf("face scan: exit %d %s %s", code, out, errOut)
	}
	out, errOut, code = w.run("resubmit", serial)
	if code != 0 {
		t.Fatalf("resubmit: exit %d %s", code, errOut)
	}
	inv, err := w.svc.Issuing.Invoice(context.Background(), strings.TrimSpace(out))
	if err != nil || inv.RequestSerial != serial {
		t.Fatalf("issued %v with serial %s, want %s", err, inv.RequestSerial, serial)
	}
	invs, _ := w.svc.Issuing.List(context.Background(), app.ListQuery{})
	if len(invs) != 1 || w.srv.Stats()["/qdjk/fullExteriorInvoke/getFaceImg"] != 1 {
		t.Errorf("%d invoices, %d QR requests; want one of each", len(invs), w.srv.Stats()["/qdjk/fullExteriorInvoke/getFaceImg"])
	}
}

func decodePNG(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	text, err := qrtest.Decode(img)
	if err != nil {
		t.Fatalf("unreadable QR: %v", err)
	}
	return text
}

func TestSMSLoginResumesAHeldInvoice(t *testing.T) {
	w := newWorld(t)
	w.srv.LapseLogin()
	_, errOut, code := w.run("issue", "-f", w.file("sample.json", sampleInvoice))
	m := serialInHint.FindStringSubmatch(errOut)
	if code != 1 || !strings.Contains(errOut, "fapiao login") || m == nil {
		t.Fatalf("issue without a session: exit %d, %s", code, errOut)
	}
	if _, errOut, code = w.run("login"); code != 0 || !strings.Contains(errOut, "123456") {
		t.Fatalf("login (send code): exit %d %s", code, errOut)
	}
	if _, errOut, code = w.run("login", "--sms", "000000"); code != 1 {
		t.Fatalf("a wrong code: exit %d %s", code, errOut)
	}
	if _, errOut, code = w.run("login"); code != 0 { // a new code after the wrong one
		t.Fatal(errOut)
	}
	out, errOut, code := w.run("login", "--sms", "123456")
	if code != 0 || !strings.Contains(out, "已登录") {
		t.Fatalf("login --sms: exit %d %s %s", code, out, errOut)
	}
	if _, errOut, code = w.run("resubmit", m[1]); code != 0 {
		t.Fatalf("resubmit: exit %d %s", code, errOut)
	}
}

// TestAMinuteOfPollingAgainstTheSandbox: the poller asks the bureau's state
// every few seconds but never for a new QR code.
func TestAMinuteOfPollingAgainstTheSandbox(t *testing.T) {
	w := newWorld(t)
	w.srv.LapseFaceAuth()
	face := w.svc.Face
	var clock atomic.Int64 // the poller reads it from its own goroutine
	clock.Store(time.Now().UnixNano())
	face.Now = func() time.Time { return time.Unix(0, clock.Load()) }
	tick := make(chan time.Time)
	face.Tick = func(time.Duration) (<-chan time.Time, func()) { return tick, func() {} }
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := face.QR(ctx, app.FaceAppTax); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- face.WaitForScan(ctx, nil) }()
	for elapsed := time.Duration(0); elapsed < time.Minute; elapsed += app.DefaultFacePollInterval {
		tick <- time.Unix(0, clock.Add(int64(app.DefaultFacePollInterval)))
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("wait ended with %v", err)
	}
	stats := w.srv.Stats()
	if qr, state := stats["/qdjk/fullExteriorInvoke/getFaceImg"], stats["/qdjk/fullApplets/queryFaceAuthState"]; qr != 1 || state < 19 || state > 20 {
		t.Errorf("over a minute of polling: %d getFaceImg, %d queryFaceAuthState; want 1 and 20", qr, state)
	}
}
