package app

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// LoginMethod is how the clerk last logged in to the e-tax bureau.
type LoginMethod string

// Login methods.
const (
	LoginSMS  LoginMethod = "sms"
	LoginQR   LoginMethod = "qr"
	LoginCert LoginMethod = "cert"
)

// Label is the method in Chinese.
func (m LoginMethod) Label() string {
	switch m {
	case LoginSMS:
		return "短信验证码"
	case LoginQR:
		return "扫码"
	case LoginCert:
		return "证书"
	}
	return ""
}

// LoginStatus is what the status bar shows of the e-tax session.
type LoginStatus struct {
	Known    bool        // false until the app has seen a login or an answer that proves one
	LoggedIn bool        // the session worked when last seen
	Method   LoginMethod // how it was opened, when the app opened it
	At       time.Time   // when it was opened or last seen working
}

type loginState struct {
	Known     bool        `json:"known"`
	LoggedIn  bool        `json:"logged_in"`
	Method    LoginMethod `json:"method"`
	At        time.Time   `json:"at"`
	SMSSentAt time.Time   `json:"sms_sent_at"`
}

const loginStateName = "etax_login"

// DefaultQRLoginLifetime bounds a wait for a QR login to be confirmed.
const DefaultQRLoginLifetime = 5 * time.Minute

// LoginService keeps the e-tax (电子税务局) session: logs in by SMS code, QR
// code or certificate, and remembers whether the session works. The
// provider's access token is refreshed by the provider itself.
type LoginService struct {
	provider LoginProvider
	states   StateStore
	log      *slog.Logger

	Now          func() time.Time
	PollInterval time.Duration
	QRLifetime   time.Duration
	Tick         TickFunc

	mu       sync.Mutex
	loaded   bool
	state    loginState
	watchers watchers
}

// NewLoginService wires the service. log may be nil.
func NewLoginService(provider LoginProvider, states StateStore, log *slog.Logger) *LoginService {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &LoginService{provider: provider, states: states, log: log, Now: time.Now,
		PollInterval: DefaultFacePollInterval, QRLifetime: DefaultQRLoginLifetime, Tick: RealTicker}
}

// OnChange calls fn whenever the status may have changed.
func (s *LoginService) OnChange(fn func()) (cancel func()) { return s.watchers.add(fn) }

// Status is what is known of the session, without asking the bureau.
func (s *LoginService) Status(ctx context.Context) LoginStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loadLocked(ctx)
	st := s.state
	return LoginStatus{Known: st.Known, LoggedIn: st.LoggedIn, Method: st.Method, At: st.At}
}

// RequestSMSCode has the bureau send a login code to the clerk's phone.
func (s *LoginService) RequestSMSCode(ctx context.Context) error {
	if err := s.provider.RequestSMSCode(ctx); err != nil {
		return err
	}
	s.update(ctx, func(st *loginState) { st.SMSSentAt = s.Now() })
	return nil
}

// LoginWithSMS logs in with the code the clerk received.
func (s *LoginService) LoginWithSMS(ctx context.Context, code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		return &ValidationError{Errors: []FieldError{{Field: "sms", Rule: "required", Message: "短信验证码:不能为空"}}}
	}
	if err := s.provider.LoginWithSMS(ctx, code); err != nil {
		return err
	}
	s.loggedIn(ctx, LoginSMS)
	return nil
}

// StartQRLogin asks for a login QR code for the clerk to scan.
func (s *LoginService) StartQRLogin(ctx context.Context, kind QRLoginKind) (QRLogin, error) {
	return s.provider.StartQRLogin(ctx, kind)
}

// WaitForQRLogin polls until the QR login is confirmed (nil), QRLifetime
// passes (ErrFaceQRExpired's login twin, ErrQRLoginExpired), the bureau
// refuses (that error) or ctx ends. It leaves no goroutine behind.
func (s *LoginService) WaitForQRLogin(ctx context.Context, q QRLogin, onPoll func(error)) error {
	tick, stop := s.Tick(s.PollInterval)
	defer stop()
	deadline := s.Now().Add(s.QRLifetime)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick:
		}
		if s.Now().After(deadline) {
			return ErrQRLoginExpired
		}
		done, err := s.provider.CheckQRLogin(ctx, q)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil && ErrorKindOf(err) != KindTransient:
			return err
		case done:
			s.loggedIn(ctx, LoginQR)
			return nil
		}
		if onPoll != nil {
			onPoll(err)
		}
	}
}

// ErrQRLoginExpired ends a wait for a QR login nobody confirmed.
var ErrQRLoginExpired = errors.New("登录二维码已过期,请重新获取")

// LoginWithCertificate logs in with a certificate.
func (s *LoginService) LoginWithCertificate(ctx context.Context, kind CertKind, pin string) error {
	if err := s.provider.LoginWithCertificate(ctx, kind, pin); err != nil {
		return err
	}
	s.loggedIn(ctx, LoginCert)
	return nil
}

func (s *LoginService) loggedIn(ctx context.Context, m LoginMethod) {
	s.update(ctx, func(st *loginState) {
		st.Known, st.LoggedIn, st.Method, st.At = true, true, m, s.Now()
	})
	s.log.Info("e-tax login", "method", string(m))
}

// MarkLoggedOut records that the bureau wants a new login (419).
func (s *LoginService) MarkLoggedOut(ctx context.Context) {
	s.update(ctx, func(st *loginState) { st.Known, st.LoggedIn = true, false })
}

// noteActive records that the session just worked (an invoice was issued).
func (s *LoginService) noteActive(ctx context.Context) {
	s.update(ctx, func(st *loginState) {
		if !st.LoggedIn || !st.Known {
			st.At = s.Now()
		}
		st.Known, st.LoggedIn = true, true
	})
}

func (s *LoginService) update(ctx context.Context, change func(*loginState)) {
	s.mu.Lock()
	s.loadLocked(ctx)
	change(&s.state)
	if err := s.states.SaveState(context.WithoutCancel(ctx), loginStateName, s.state); err != nil {
		s.log.Warn("saving login state", "err", err)
	}
	s.mu.Unlock()
	s.watchers.notify()
}

func (s *LoginService) loadLocked(ctx context.Context) {
	if s.loaded {
		return
	}
	s.loaded = true
	if err := s.states.LoadState(ctx, loginStateName, &s.state); err != nil && !errors.Is(err, ErrNotFound) {
		s.log.Warn("login state unreadable; starting afresh", "err", err)
		s.state = loginState{}
	}
}
