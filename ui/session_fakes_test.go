package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"fapiao/app"
)

// testClock is a clock the test moves; services read it from their
// pollers' goroutines.
type testClock struct{ nanos atomic.Int64 }

func newTestClock(t time.Time) *testClock {
	c := &testClock{}
	c.nanos.Store(t.UnixNano())
	return c
}

func (c *testClock) now() time.Time { return time.Unix(0, c.nanos.Load()).In(app.ChinaTime) }

func (c *testClock) advance(d time.Duration) time.Time {
	return time.Unix(0, c.nanos.Add(int64(d))).In(app.ChinaTime)
}

// fakeStates is an in-memory app.StateStore keeping JSON, as the real one.
type fakeStates struct {
	mu   sync.Mutex
	docs map[string][]byte
}

func newFakeStates() *fakeStates { return &fakeStates{docs: map[string][]byte{}} }

func (s *fakeStates) LoadState(_ context.Context, name string, v any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, ok := s.docs[name]
	if !ok {
		return app.ErrNotFound
	}
	return json.Unmarshal(doc, v)
}

func (s *fakeStates) SaveState(_ context.Context, name string, v any) error {
	doc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[name] = doc
	return nil
}

// fakeFace is an app.FaceAuthProvider: a bureau that wants a scan while
// needed is set, and forgets it once a code it issued is scanned.
type fakeFace struct {
	mu      sync.Mutex
	clock   *testClock
	needed  bool
	issued  []app.FaceQR
	asked   int     // FaceAuthNeeded calls
	failing []error // the next FaceAuthNeeded calls fail with these, in turn
}

func (f *fakeFace) FaceAuthNeeded(context.Context) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked++
	if len(f.failing) > 0 {
		err := f.failing[0]
		f.failing = f.failing[1:]
		return false, err
	}
	return f.needed, nil
}

func (f *fakeFace) NewFaceQR(_ context.Context, a app.FaceApp) (app.FaceQR, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(f.issued) + 1
	qr := app.FaceQR{AuthID: fmt.Sprintf("auth-%d", n), Content: fmt.Sprintf("https://etax.example/face?rzid=auth-%d&app=%d", n, a),
		App: a, IssuedAt: f.clock.now()}
	f.issued = append(f.issued, qr)
	return qr, nil
}

// scan plays the phone scanning code authID.
func (f *fakeFace) scan(_ context.Context, authID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, qr := range f.issued {
		if qr.AuthID == authID {
			f.needed = false
			return nil
		}
	}
	return fmt.Errorf("unknown QR %s", authID)
}

func (f *fakeFace) set(needed bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.needed = needed
}

func (f *fakeFace) counts() (asked, issued int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.asked, len(f.issued)
}

// fakeLogin is an app.LoginProvider accepting smsCode once it was sent.
type fakeLogin struct {
	mu        sync.Mutex
	loggedIn  bool
	sent      int
	qrs       []app.QRLogin
	confirmed map[string]bool
	certs     []app.CertKind
	pins      []string
}

const fakeSMSCode = "246810"

func (l *fakeLogin) RequestSMSCode(context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent++
	return nil
}

func (l *fakeLogin) LoginWithSMS(_ context.Context, code string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sent == 0 || code != fakeSMSCode {
		return &app.ProviderError{Kind: app.KindBusiness, Provider: "测试服务", Op: "loginDppt", Code: "999", Message: "短信验证码错误或已过期"}
	}
	l.loggedIn = true
	return nil
}

func (l *fakeLogin) StartQRLogin(_ context.Context, kind app.QRLoginKind) (app.QRLogin, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	q := app.QRLogin{Kind: kind, ID: fmt.Sprintf("login-%d", len(l.qrs)+1)}
	q.Content = "https://etax.example/login?ewmid=" + q.ID
	l.qrs = append(l.qrs, q)
	return q, nil
}

func (l *fakeLogin) CheckQRLogin(_ context.Context, q app.QRLogin) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.confirmed[q.ID] {
		l.loggedIn = true
	}
	return l.confirmed[q.ID], nil
}

func (l *fakeLogin) confirm(_ context.Context, id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.confirmed == nil {
		l.confirmed = map[string]bool{}
	}
	l.confirmed[id] = true
	return nil
}

func (l *fakeLogin) LoginWithCertificate(_ context.Context, kind app.CertKind, pin string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.certs = append(l.certs, kind)
	l.pins = append(l.pins, pin)
	l.loggedIn = true
	return nil
}

func (l *fakeLogin) smsSent() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sent
}
