package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// memStates is an in-memory StateStore.
type memStates struct {
	mu   sync.Mutex
	docs map[string][]byte
}

func (m *memStates) LoadState(_ context.Context, name string, v any) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.docs[name]
	if !ok {
		return ErrNotFound
	}
	return json.Unmarshal(b, v)
}

func (m *memStates) SaveState(_ context.Context, name string, v any) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.docs == nil {
		m.docs = map[string][]byte{}
	}
	b, err := json.Marshal(v)
	m.docs[name] = b
	return err
}

// fakeFace is a bureau's face authentication: scanned says whether the
// current QR has been scanned.
type fakeFace struct {
	mu        sync.Mutex
	needed    bool
	qrCalls   int
	checks    int
	failNext  error
	onCheck   func(n int) // called with the check count, before answering
	lastQRApp FaceApp
}

func (f *fakeFace) FaceAuthNeeded(context.Context) (bool, error) {
	f.mu.Lock()
	f.checks++
	n, hook := f.checks, f.onCheck
	f.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.failNext; err != nil {
		f.failNext = nil
		return false, err
	}
	return f.needed, nil
}

func (f *fakeFace) NewFaceQR(_ context.Context, app FaceApp) (FaceQR, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.qrCalls++
	f.lastQRApp = app
	return FaceQR{AuthID: fmt.Sprintf("rz%02d", f.qrCalls), Content: fmt.Sprintf("qrcode_id=%d&areaPrefix=5100&int erfaceCode=0004", f.qrCalls)}, nil
}

func (f *fakeFace) scan() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.needed = false
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newFaceService(f *fakeFace) (*FaceAuthService, *clock, chan time.Time) {
	c := &clock{t: time.Date(2026, 11, 21, 9, 0, 0, 0, ChinaTime)}
	tick := make(chan time.Time)
	s := NewFaceAuthService(f, &memStates{}, nil)
	s.Now = c.now
	s.Tick = func(time.Duration) (<-chan time.Time, func()) { return tick, func() {} }
	return s, c, tick
}

func TestQRReusedUntilItExpiresAndLimitsKept(t *testing.T) {
	f := &fakeFace{needed: true}
	s, c, _ := newFaceService(f)
	ctx := context.Background()
	first, err := s.QR(ctx, FaceAppTax)
	if err != nil {
		t.Fatal(err)
	}
	c.add(4 * time.Minute)
	again, err := s.QR(ctx, FaceAppTax)
	if err != nil || again.AuthID != first.AuthID || f.qrCalls != 1 {
		t.Fatalf("within its life the QR must be reused: %v, %s vs %s, %d calls", err, again.AuthID, first.AuthID, f.qrCalls)
	}
	c.add(2 * time.Minute) // expired
	renewed, err := s.QR(ctx, FaceAppTax)
	if err != nil || renewed.AuthID == first.AuthID || f.qrCalls != 2 {
		t.Fatalf("an expired QR must be renewed: %v, %d calls", err, f.qrCalls)
	}
	// Switching app within the minute: the bureau would refuse.
	c.add(30 * time.Second)
	_, err = s.QR(ctx, FaceAppIncomeTax)
	var limit *FaceQRLimitError
	if !errors.As(err, &limit) || !limit.RetryAt.Equal(renewed.IssuedAt.Add(time.Minute)) || f.qrCalls != 2 {
		t.Fatalf("switching within a minute: %v, %d calls", err, f.qrCalls)
	}
	c.add(30 * time.Second)
	if qr, err := s.QR(ctx, FaceAppIncomeTax); err != nil || qr.App != FaceAppIncomeTax || f.lastQRApp != FaceAppIncomeTax {
		t.Fatalf("after a minute the other app's QR: %v %+v", err, qr)
	}
}

func TestTwentyQRsADay(t *testing.T) {
	f := &fakeFace{needed: true}
	s, c, _ := newFaceService(f)
	ctx := context.Background()
	for i := 0; i < MaxFaceQRsPerDay; i++ {
		if _, err := s.QR(ctx, FaceAppTax); err != nil {
			t.Fatalf("QR %d: %v", i+1, err)
		}
		c.add(6 * time.Minute)
	}
	var limit *FaceQRLimitError
	if _, err := s.QR(ctx, FaceAppTax); !errors.As(err, &limit) || !limit.RetryAt.IsZero() {
		t.Fatalf("21st QR of the day: %v", err)
	}
	if left := s.Status(ctx).QRsLeftToday; left != 0 {
		t.Errorf("left today = %d", left)
	}
	c.add(24 * time.Hour)
	if _, err := s.QR(ctx, FaceAppTax); err != nil {
		t.Fatalf("next day: %v", err)
	}
	if f.qrCalls != MaxFaceQRsPerDay+1 {
		t.Errorf("bureau asked %d times", f.qrCalls)
	}
}

func TestWaitForScanSucceeds(t *testing.T) {
	defer goleak.VerifyNone(t)
	f := &fakeFace{needed: true}
	s, c, tick := newFaceService(f)
	ctx := context.Background()
	if _, err := s.QR(ctx, FaceAppTax); err != nil {
		t.Fatal(err)
	}
	f.onCheck = func(n int) {
		if n == 4 {
			f.scan()
		}
	}
	polls := 0
	done := make(chan error, 1)
	go func() { done <- s.WaitForScan(ctx, func(FaceStatus, error) { polls++ }) }()
	for i := 0; i < 4; i++ {
		c.add(3 * time.Second)
		tick <- c.now()
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	st := s.Status(ctx)
	if st.Needed || st.QR != nil || !st.ValidUntil.Equal(c.now().Add(DefaultFaceWindow)) {
		t.Errorf("after the scan: %+v", st)
	}
	if polls != 3 || f.qrCalls != 1 {
		t.Errorf("polls %d, QR calls %d; want 3 status reports and one QR", polls, f.qrCalls)
	}
}

func TestWaitForScanStopsOnEveryExit(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx := context.Background()

	t.Run("cancel", func(t *testing.T) {
		f := &fakeFace{needed: true}
		s, _, _ := newFaceService(f)
		s.QR(ctx, FaceAppTax)
		cctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- s.WaitForScan(cctx, nil) }()
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("cancel: %v", err)
		}
	})
	t.Run("expiry", func(t *testing.T) {
		f := &fakeFace{needed: true}
		s, c, tick := newFaceService(f)
		s.QR(ctx, FaceAppTax)
		done := make(chan error, 1)
		go func() { done <- s.WaitForScan(ctx, nil) }()
		c.add(DefaultFaceQRLifetime)
		tick <- c.now()
		if err := <-done; !errors.Is(err, ErrFaceQRExpired) {
			t.Errorf("expiry: %v", err)
		}
	})
	t.Run("refusal", func(t *testing.T) {
		f := &fakeFace{needed: true, failNext: &ProviderError{Kind: KindLogin, Code: "419", Message: "需要短信验证"}}
		s, c, tick := newFaceService(f)
		s.QR(ctx, FaceAppTax)
		done := make(chan error, 1)
		go func() { done <- s.WaitForScan(ctx, nil) }()
		c.add(3 * time.Second)
		tick <- c.now()
		if err := <-done; ErrorKindOf(err) != KindLogin {
			t.Errorf("refusal: %v", err)
		}
	})
	t.Run("transient keeps polling", func(t *testing.T) {
		f := &fakeFace{needed: true, failNext: &ProviderError{Kind: KindTransient, Message: "超时"}}
		s, c, tick := newFaceService(f)
		s.QR(ctx, FaceAppTax)
		var seen []error
		done := make(chan error, 1)
		go func() { done <- s.WaitForScan(ctx, func(_ FaceStatus, err error) { seen = append(seen, err) }) }()
		c.add(3 * time.Second)
		tick <- c.now()
		f.scan()
		c.add(3 * time.Second)
		tick <- c.now()
		if err := <-done; err != nil || len(seen) != 1 || seen[0] == nil {
			t.Errorf("err %v, polls %v", err, seen)
		}
	})
}

func TestAMinuteOfPollingAsksForOneQR(t *testing.T) {
	f := &fakeFace{needed: true}
	s, c, tick := newFaceService(f)
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := s.QR(ctx, FaceAppTax); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.WaitForScan(ctx, nil) }()
	for elapsed := time.Duration(0); elapsed < time.Minute; elapsed += DefaultFacePollInterval {
		c.add(DefaultFacePollInterval)
		tick <- c.now()
	}
	cancel()
	<-done
	if f.qrCalls != 1 || f.checks != 20 {
		t.Errorf("a minute of polling: %d QR requests, %d state checks; want 1 and 20", f.qrCalls, f.checks)
	}
}

func TestStatusEstimatesLapse(t *testing.T) {
	f := &fakeFace{needed: false}
	s, c, _ := newFaceService(f)
	ctx := context.Background()
	s.markVerified(ctx)
	if st := s.Status(ctx); st.Needed {
		t.Fatal("just verified")
	}
	c.add(DefaultFaceWindow + time.Minute)
	if st := s.Status(ctx); !st.Needed {
		t.Error("past the window without news from the bureau: a scan must be assumed needed")
	}
	if st, err := s.Refresh(ctx); err != nil || st.Needed {
		t.Errorf("the bureau says no scan is needed: %+v %v", st, err)
	}
}

func TestStateSurvivesRestart(t *testing.T) {
	f := &fakeFace{needed: true}
	s, c, _ := newFaceService(f)
	ctx := context.Background()
	qr, _ := s.QR(ctx, FaceAppTax)
	restarted := NewFaceAuthService(f, s.states, nil)
	restarted.Now = c.now
	if again, err := restarted.QR(ctx, FaceAppTax); err != nil || again.AuthID != qr.AuthID || f.qrCalls != 1 {
		t.Errorf("after a restart the live QR is reused: %v %s %d", err, again.AuthID, f.qrCalls)
	}
}

func TestIssuanceResumesAfterScan(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("face")
	f := &fakeFace{needed: true}
	face, _, _ := newFaceService(f)
	svc := newTestService(store, bureau)
	svc.Face = face
	ctx := context.Background()
	inv, err := svc.Issue(ctx, seedDraft())
	if ErrorKindOf(err) != KindFaceAuth || inv.Status != StatusHeld || !face.Status(ctx).Needed {
		t.Fatalf("420: status %s, err %v, needed %v", inv.Status, err, face.Status(ctx).Needed)
	}
	again, err := svc.Resubmit(ctx, inv.RequestSerial)
	if err != nil || again.Status != StatusIssued || again.RequestSerial != inv.RequestSerial || bureau.issuedCount() != 1 {
		t.Fatalf("resubmit: %s %v", again.Status, err)
	}
	if face.Status(ctx).Needed {
		t.Error("an issued invoice proves no scan is needed now")
	}
}

func TestRefreshAfterAScanCountsAsVerified(t *testing.T) {
	f := &fakeFace{needed: true}
	s, c, _ := newFaceService(f)
	ctx := context.Background()
	s.MarkNeeded(ctx)
	if _, err := s.QR(ctx, FaceAppTax); err != nil {
		t.Fatal(err)
	}
	f.scan()
	c.add(time.Minute)
	st, err := s.Refresh(ctx)
	if err != nil || st.Needed || st.QR != nil || !st.ValidUntil.Equal(c.now().Add(DefaultFaceWindow)) {
		t.Errorf("refresh after the scan: %+v %v", st, err)
	}
}
