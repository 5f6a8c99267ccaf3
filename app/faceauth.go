package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// The bureau's limits on face-authentication QR codes.
const (
	MinFaceQRInterval = time.Minute // at most one new QR code a minute
	MaxFaceQRsPerDay  = 20          // and 20 a day
)

// Defaults for FaceAuthService.
const (
	// DefaultFaceWindow is how long a scan stays valid: seed 001 says the
	// bureau wants one at least every 48 h (the real window is set per
	// company, 0.5–24 h; config.toml can say so).
	DefaultFaceWindow = 48 * time.Hour
	// DefaultFaceQRLifetime is how long a QR code can be scanned. The
	// bureau does not say; five minutes is what its codes last in practice.
	DefaultFaceQRLifetime = 5 * time.Minute
	// DefaultFacePollInterval is how often the panel asks whether the scan
	// has happened.
	DefaultFacePollInterval = 3 * time.Second
)

// ErrFaceQRExpired ends a wait for a scan whose QR code expired.
var ErrFaceQRExpired = errors.New("人脸认证二维码已过期,请重新获取")

// FaceQRLimitError says why no new QR code can be had now.
type FaceQRLimitError struct {
	RetryAt time.Time // zero when the daily limit was reached
}

func (e *FaceQRLimitError) Error() string {
	if e.RetryAt.IsZero() {
		return fmt.Sprintf("今日已获取%d次人脸认证二维码,达到税局上限,请明天再试", MaxFaceQRsPerDay)
	}
	return fmt.Sprintf("税局每分钟只发一个新二维码,请于 %s 后再试", e.RetryAt.In(ChinaTime).Format("15:04:05"))
}

// FaceStatus is what the status bar and the QR panel show.
type FaceStatus struct {
	Needed       bool      // a scan is needed now
	ValidUntil   time.Time // when the last scan stops counting; zero when not known
	CheckedAt    time.Time // when the bureau last told us; zero when never
	QR           *FaceQR   // the current QR code, if one is still scannable
	QRExpiresAt  time.Time
	QRsLeftToday int
}

// faceState is what FaceAuthService keeps across restarts.
type faceState struct {
	VerifiedAt time.Time `json:"verified_at"` // the last scan seen to succeed
	Needed     bool      `json:"needed"`      // what the bureau (or a 420) last said
	CheckedAt  time.Time `json:"checked_at"`
	QR         *FaceQR   `json:"qr,omitempty"`
	QRDay      string    `json:"qr_day"` // China date QRCount counts for
	QRCount    int       `json:"qr_count"`
}

const faceStateName = "face_auth"

// FaceAuthService keeps the clerk's face authentication: what the bureau
// last said, how long the last scan stays valid, the current QR code (reused
// until it expires, as the bureau issues one a minute and 20 a day at most),
// and the poller that waits for a scan.
type FaceAuthService struct {
	provider FaceAuthProvider
	states   StateStore
	log      *slog.Logger

	// Now, Window, QRLifetime, PollInterval and Tick may be set before use.
	Now          func() time.Time
	Window       time.Duration
	QRLifetime   time.Duration
	PollInterval time.Duration
	Tick         TickFunc
	// Login, when set, hears when a face-auth call finds the e-tax session
	// gone (419), so the status bar says so.
	Login *LoginService

	mu       sync.Mutex // guards loaded and state
	fetching sync.Mutex // one QR fetch at a time
	loaded   bool
	state    faceState
	watchers watchers
}

// NewFaceAuthService wires the service. log may be nil.
func NewFaceAuthService(provider FaceAuthProvider, states StateStore, log *slog.Logger) *FaceAuthService {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &FaceAuthService{
		provider: provider, states: states, log: log,
		Now: time.Now, Window: DefaultFaceWindow, QRLifetime: DefaultFaceQRLifetime,
		PollInterval: DefaultFacePollInterval, Tick: RealTicker,
	}
}

// OnChange calls fn whenever the status may have changed; the returned
// function stops that.
func (s *FaceAuthService) OnChange(fn func()) (cancel func()) { return s.watchers.add(fn) }

// Status is what is known without asking the bureau.
func (s *FaceAuthService) Status(ctx context.Context) FaceStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loadLocked(ctx)
	return s.statusLocked()
}

func (s *FaceAuthService) statusLocked() FaceStatus {
	now := s.Now()
	st := FaceStatus{Needed: s.state.Needed, CheckedAt: s.state.CheckedAt}
	if !s.state.VerifiedAt.IsZero() {
		st.ValidUntil = s.state.VerifiedAt.Add(s.Window)
		// Past the window and not heard from the bureau since: assume a
		// scan is needed rather than let an issuance be refused.
		if now.After(st.ValidUntil) && s.state.CheckedAt.Before(st.ValidUntil) {
			st.Needed = true
		}
	}
	if qr := s.state.QR; qr != nil && now.Before(qr.IssuedAt.Add(s.QRLifetime)) {
		st.QR, st.QRExpiresAt = qr, qr.IssuedAt.Add(s.QRLifetime)
	}
	st.QRsLeftToday = MaxFaceQRsPerDay
	if s.state.QRDay == chinaDate(now) {
		st.QRsLeftToday = max(0, MaxFaceQRsPerDay-s.state.QRCount)
	}
	return st
}

// Refresh asks the bureau whether a scan is needed (queryFaceAuthState).
func (s *FaceAuthService) Refresh(ctx context.Context) (FaceStatus, error) {
	needed, err := s.provider.FaceAuthNeeded(ctx)
	if err != nil {
		s.noteLogin(ctx, err)
		return s.Status(ctx), err
	}
	if !needed && s.scanPending(ctx) {
		// A scan was needed and a QR code was out: it has been scanned.
		s.markVerified(ctx)
		return s.Status(ctx), nil
	}
	s.update(ctx, func(st *faceState) {
		st.Needed, st.CheckedAt = needed, s.Now()
	})
	return s.Status(ctx), nil
}

// scanPending reports whether a scan was needed and a live QR code is out.
func (s *FaceAuthService) scanPending(ctx context.Context) bool {
	st := s.Status(ctx)
	return st.Needed && st.QR != nil
}

// QR returns a QR code for app to scan: the current one while it lasts,
// else a new one from the bureau, within its limits (one a minute, 20 a
// day; a *FaceQRLimitError says when to try again).
func (s *FaceAuthService) QR(ctx context.Context, app FaceApp) (FaceQR, error) {
	// One fetch at a time, or two clicks could cost two of the day's 20;
	// the state lock is not held across the network call.
	s.fetching.Lock()
	defer s.fetching.Unlock()
	if qr, reuse, err := s.currentQR(ctx, app); reuse || err != nil {
		return qr, err
	}
	qr, err := s.provider.NewFaceQR(ctx, app)
	if err != nil {
		s.noteLogin(ctx, err)
		return FaceQR{}, err
	}
	if qr.IssuedAt.IsZero() {
		qr.IssuedAt = s.Now()
	}
	qr.App = app
	s.update(ctx, func(st *faceState) {
		if st.QRDay != chinaDate(qr.IssuedAt) {
			st.QRDay, st.QRCount = chinaDate(qr.IssuedAt), 0
		}
		st.QR = &qr
		st.QRCount++
	})
	s.log.Info("face QR issued", "auth_id", qr.AuthID, "app", int(app))
	return qr, nil
}

// currentQR returns the QR code to reuse (reuse true), or an error when the
// bureau's limits forbid a new one, or neither when a new one may be fetched.
func (s *FaceAuthService) currentQR(ctx context.Context, app FaceApp) (qr FaceQR, reuse bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loadLocked(ctx)
	now := s.Now()
	if cur := s.state.QR; cur != nil {
		if cur.App == app && now.Before(cur.IssuedAt.Add(s.QRLifetime)) {
			return *cur, true, nil
		}
		if next := cur.IssuedAt.Add(MinFaceQRInterval); now.Before(next) {
			return FaceQR{}, false, &FaceQRLimitError{RetryAt: next}
		}
	}
	if s.state.QRDay == chinaDate(now) && s.state.QRCount >= MaxFaceQRsPerDay {
		return FaceQR{}, false, &FaceQRLimitError{}
	}
	return FaceQR{}, false, nil
}

// WaitForScan polls the bureau every PollInterval until the current QR code
// has been scanned (nil), it expires (ErrFaceQRExpired), the bureau refuses
// for a reason polling cannot fix (that error), or ctx ends (ctx.Err()).
// onPoll, if not nil, hears each poll's status and its error, if any. It
// runs on the caller's goroutine and leaves none behind.
func (s *FaceAuthService) WaitForScan(ctx context.Context, onPoll func(FaceStatus, error)) error {
	tick, stop := s.Tick(s.PollInterval)
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick:
		}
		if s.Status(ctx).QR == nil {
			return ErrFaceQRExpired
		}
		needed, err := s.provider.FaceAuthNeeded(ctx)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil && ErrorKindOf(err) != KindTransient:
			s.noteLogin(ctx, err)
			return err
		case err == nil && !needed:
			s.markVerified(ctx)
			return nil
		case err == nil:
			s.update(ctx, func(st *faceState) { st.Needed, st.CheckedAt = true, s.Now() })
		}
		if onPoll != nil {
			onPoll(s.Status(ctx), err)
		}
	}
}

// noteLogin passes a 419 on to the login state.
func (s *FaceAuthService) noteLogin(ctx context.Context, err error) {
	if s.Login != nil && ErrorKindOf(err) == KindLogin {
		s.Login.MarkLoggedOut(ctx)
	}
}

// MarkNeeded records that the bureau refused an issuance for want of a scan.
func (s *FaceAuthService) MarkNeeded(ctx context.Context) {
	s.update(ctx, func(st *faceState) { st.Needed, st.CheckedAt = true, s.Now() })
}

// markVerified records a successful scan: valid for Window from now; the
// QR code is used up.
func (s *FaceAuthService) markVerified(ctx context.Context) {
	s.update(ctx, func(st *faceState) {
		now := s.Now()
		st.VerifiedAt, st.Needed, st.CheckedAt, st.QR = now, false, now, nil
	})
	s.log.Info("face authentication verified")
}

// noteIssued records that the bureau just issued an invoice: whatever the
// estimate said, no scan is needed right now.
func (s *FaceAuthService) noteIssued(ctx context.Context) {
	s.update(ctx, func(st *faceState) { st.Needed, st.CheckedAt = false, s.Now() })
}

func (s *FaceAuthService) update(ctx context.Context, change func(*faceState)) {
	s.mu.Lock()
	s.loadLocked(ctx)
	change(&s.state)
	s.saveLocked(ctx)
	s.mu.Unlock()
	s.watchers.notify()
}

func (s *FaceAuthService) loadLocked(ctx context.Context) {
	if s.loaded {
		return
	}
	s.loaded = true
	if err := s.states.LoadState(ctx, faceStateName, &s.state); err != nil && !errors.Is(err, ErrNotFound) {
		s.log.Warn("face auth state unreadable; starting afresh", "err", err)
		s.state = faceState{}
	}
}

// saveLocked persists the state. A failure only costs the state after a
// restart (the bureau is asked again), so it is logged, not returned.
func (s *FaceAuthService) saveLocked(ctx context.Context) {
	if err := s.states.SaveState(context.WithoutCancel(ctx), faceStateName, s.state); err != nil {
		s.log.Warn("saving face auth state", "err", err)
	}
}

func chinaDate(t time.Time) string { return t.In(ChinaTime).Format("2006-01-02") }
