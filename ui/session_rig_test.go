package ui

import (
	"fmt"
	"image/color"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// waitLimit bounds every wait for a goroutine; none should come near it.
const waitLimit = 5 * time.Second

// handTicker is an app.TickFunc the test ticks by hand. Its channels are
// unbuffered, so a tick returns only once a loop has taken it.
type handTicker struct {
	mu      sync.Mutex
	tickers []*handTick
}

type handTick struct {
	interval time.Duration
	c        chan time.Time
	stopped  bool
}

func (h *handTicker) tick(interval time.Duration) (<-chan time.Time, func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := &handTick{interval: interval, c: make(chan time.Time)}
	h.tickers = append(h.tickers, t)
	return t.c, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		t.stopped = true
	}
}

// live counts the tickers of interval not stopped.
func (h *handTicker) live(interval time.Duration) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, t := range h.tickers {
		if t.interval == interval && !t.stopped {
			n++
		}
	}
	return n
}

// fire ticks the newest live ticker of interval, waiting for one to exist
// and for its loop to take the tick. A loop that is ending (its context
// done, its ticker not yet stopped) takes none, so the newest is looked up
// again until one does.
func (h *handTicker) fire(t *testing.T, interval time.Duration, at time.Time) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if c := h.newest(interval); c != nil {
			select {
			case c <- at:
				return
			case <-time.After(10 * time.Millisecond):
			}
			continue
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("no loop took the %v tick", interval)
}

func (h *handTicker) newest(interval time.Duration) chan time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := len(h.tickers) - 1; i >= 0; i-- {
		if t := h.tickers[i]; t.interval == interval && !t.stopped {
			return t.c
		}
	}
	return nil
}

// sessionRig gives a fixture face authentication and e-tax login over
// fakes, a clock, hand-driven tickers, and a UI queue the test drains on
// its own goroutine — as the real driver runs fyne.Do on its event loop —
// so that pollers never touch widgets concurrently with the test.
type sessionRig struct {
	fx    *fixture
	clock *testClock
	face  *fakeFace
	login *fakeLogin
	state *fakeStates
	polls *handTicker // the services' pollers
	ticks *handTicker // the UI's countdowns and re-renders
	queue chan func()
}

// withSession adds face authentication and login to a fixture's services.
func withSession(fx *fixture) *sessionRig {
	r := &sessionRig{fx: fx, clock: newTestClock(time.Date(2025, 11, 21, 9, 30, 0, 0, app.ChinaTime)),
		login: &fakeLogin{}, state: newFakeStates(), polls: &handTicker{}, ticks: &handTicker{},
		queue: make(chan func(), 1024)}
	r.face = &fakeFace{clock: r.clock}
	fx.svc.Face = app.NewFaceAuthService(r.face, r.state, nil)
	fx.svc.Face.Now, fx.svc.Face.Tick = r.clock.now, r.polls.tick
	fx.svc.Login = app.NewLoginService(r.login, r.state, nil)
	fx.svc.Login.Now, fx.svc.Login.Tick = r.clock.now, r.polls.tick
	fx.svc.Issuing.Face, fx.svc.Issuing.Login = fx.svc.Face, fx.svc.Login
	fx.svc.Issuing.Now = r.clock.now
	fx.svc.SandboxTools = &app.SandboxTools{SMSCode: fakeSMSCode, SimulateFaceScan: r.face.scan, SimulateQRLoginScan: r.login.confirm}
	// The fake issuer answers as the bureau would: login first (419), then face (420).
	fx.issuer.issue = func(inv app.Invoice) (app.IssueResult, error) {
		r.login.mu.Lock()
		loggedIn := r.login.loggedIn
		r.login.mu.Unlock()
		r.face.mu.Lock()
		needed := r.face.needed
		r.face.mu.Unlock()
		switch {
		case !loggedIn:
			return app.IssueResult{}, &app.ProviderError{Kind: app.KindLogin, Provider: "测试服务", Op: "blueTicket", Code: "419", Message: "请先登录电子税务局"}
		case needed:
			return app.IssueResult{}, &app.ProviderError{Kind: app.KindFaceAuth, Provider: "测试服务", Op: "blueTicket", Code: "420", Message: "需要人脸认证"}
		}
		fx.issuer.next++
		res := app.IssueResult{Number: fmt.Sprintf("25510000000%09d", fx.issuer.next), IssuedAt: r.clock.now()}
		fx.issuer.issued[inv.RequestSerial] = res
		return res, nil
	}
	r.login.loggedIn = true
	return r
}

// open builds the window with the UI queue and the hand tickers, and runs
// what its start-up queued.
func (r *sessionRig) open() *mainWindow {
	r.fx.t.Helper()
	w := r.fx.openWith(&tasks{inline: true, ui: func(f func()) { r.queue <- f }, tick: r.ticks.tick})
	r.drain()
	return w
}

// drain runs everything queued for the UI, now, on the test goroutine.
func (r *sessionRig) drain() {
	for {
		select {
		case f := <-r.queue:
			f()
		default:
			return
		}
	}
}

// await runs queued UI work until cond holds.
func (r *sessionRig) await(what string, cond func() bool) {
	r.fx.t.Helper()
	deadline := time.After(waitLimit)
	for {
		r.drain()
		if cond() {
			return
		}
		select {
		case f := <-r.queue:
			f()
		case <-deadline:
			r.fx.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// poll ticks the running poller once, at the clock's time.
func (r *sessionRig) poll() {
	r.fx.t.Helper()
	r.polls.fire(r.fx.t, app.DefaultFacePollInterval, r.clock.now())
}

// second moves the clock on and ticks the UI's one-second loops (the
// panel's countdown, the SMS cool-down), newest first.
func (r *sessionRig) second(d time.Duration) {
	r.fx.t.Helper()
	r.drain()
	r.clock.advance(d)
	r.ticks.fire(r.fx.t, time.Second, r.clock.now())
	// The loop hands its work to the UI right after taking the tick.
	select {
	case f := <-r.queue:
		f()
	case <-time.After(waitLimit):
		r.fx.t.Fatal("the one-second loop queued nothing")
	}
	r.drain()
}

// stopped waits until no ticker of interval runs: their loops end a moment
// after the context that runs them.
func stopped(h *handTicker, interval time.Duration) bool {
	deadline := time.Now().Add(waitLimit)
	for h.live(interval) > 0 {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// panelText is every text of the open QR panel.
func panelText(w *mainWindow) string {
	if w.facePanel == nil {
		return ""
	}
	return overlayTexts(w.win)
}

// isWhite reports whether c is opaque white.
func isWhite(c color.Color) bool {
	r, g, b, a := c.RGBA()
	return r == 0xffff && g == 0xffff && b == 0xffff && a == 0xffff
}

// imageOnScreen is the QR image's size as laid out in the window.
func imageOnScreen(w fyne.Window, img *canvas.Image) fyne.Size {
	relayout(w.Canvas())
	return img.Size()
}

// tapButton taps b through the test driver, as a click would.
func tapButton(b *widget.Button) { test.Tap(b) }

// keyReturn is the Return key, as typed into an entry.
var keyReturn = &fyne.KeyEvent{Name: fyne.KeyReturn}
