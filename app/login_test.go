package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.uber.org/goleak"
)

type fakeLogin struct {
	smsSent  int
	codes    []string
	checks   int
	doneAt   int // CheckQRLogin returns true from this check on (0: never)
	certPins []string
}

func (f *fakeLogin) RequestSMSCode(context.Context) error { f.smsSent++; return nil }
func (f *fakeLogin) LoginWithSMS(_ context.Context, code string) error {
	f.codes = append(f.codes, code)
	if code != "123456" {
		return &ProviderError{Kind: KindCredentials, Code: "999", Message: "短信验证码错误"}
	}
	return nil
}
func (f *fakeLogin) StartQRLogin(_ context.Context, kind QRLoginKind) (QRLogin, error) {
	return QRLogin{Kind: kind, ID: "ewm01", Content: "login"}, nil
}
func (f *fakeLogin) CheckQRLogin(context.Context, QRLogin) (bool, error) {
	f.checks++
	return f.doneAt > 0 && f.checks >= f.doneAt, nil
}
func (f *fakeLogin) LoginWithCertificate(_ context.Context, _ CertKind, pin string) error {
	f.certPins = append(f.certPins, pin)
	return nil
}

func newLoginService(f *fakeLogin) (*LoginService, *clock, chan time.Time) {
	c := &clock{t: time.Date(2026, 11, 21, 9, 0, 0, 0, ChinaTime)}
	tick := make(chan time.Time)
	s := NewLoginService(f, &memStates{}, nil)
	s.Now = c.now
	s.Tick = func(time.Duration) (<-chan time.Time, func()) { return tick, func() {} }
	return s, c, tick
}

func TestSMSLoginInTwoSteps(t *testing.T) {
	f := &fakeLogin{}
	s, c, _ := newLoginService(f)
	ctx := context.Background()
	if st := s.Status(ctx); st.Known {
		t.Fatal("a fresh app knows nothing of the session")
	}
	if err := s.RequestSMSCode(ctx); err != nil || f.smsSent != 1 {
		t.Fatalf("send: %v", err)
	}
	var ve *ValidationError
	if err := s.LoginWithSMS(ctx, "  "); !errors.As(err, &ve) || len(f.codes) != 0 {
		t.Fatalf("an empty code must be refused before sending: %v", err)
	}
	if err := s.LoginWithSMS(ctx, "000000"); ErrorKindOf(err) != KindCredentials || s.Status(ctx).LoggedIn {
		t.Fatalf("wrong code: %v", err)
	}
	if err := s.LoginWithSMS(ctx, " 123456 "); err != nil {
		t.Fatal(err)
	}
	st := s.Status(ctx)
	if !st.Known || !st.LoggedIn || st.Method != LoginSMS || !st.At.Equal(c.now()) {
		t.Errorf("after login: %+v", st)
	}
}

func TestQRLoginWaits(t *testing.T) {
	defer goleak.VerifyNone(t)
	f := &fakeLogin{doneAt: 3}
	s, c, tick := newLoginService(f)
	ctx := context.Background()
	q, _ := s.StartQRLogin(ctx, QRLoginTaxApp)
	done := make(chan error, 1)
	go func() { done <- s.WaitForQRLogin(ctx, q, nil) }()
	for i := 0; i < 3; i++ {
		c.add(3 * time.Second)
		tick <- c.now()
	}
	if err := <-done; err != nil || !s.Status(ctx).LoggedIn || s.Status(ctx).Method != LoginQR {
		t.Fatalf("QR login: %v %+v", err, s.Status(ctx))
	}

	// Nobody confirms: ticks a minute apart until the wait gives up.
	f2 := &fakeLogin{}
	s2, c2, tick2 := newLoginService(f2)
	go func() { done <- s2.WaitForQRLogin(ctx, q, nil) }()
	for {
		c2.add(time.Minute)
		select {
		case tick2 <- c2.now():
			continue
		case err := <-done:
			if !errors.Is(err, ErrQRLoginExpired) {
				t.Errorf("unconfirmed QR login: %v", err)
			}
		}
		break
	}
	if f2.checks > int(DefaultQRLoginLifetime/time.Minute)+1 {
		t.Errorf("%d checks after the login QR expired", f2.checks)
	}
}

func TestIssuanceTellsLoginAboutTheSession(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("login")
	login, _, _ := newLoginService(&fakeLogin{})
	svc := newTestService(store, bureau)
	svc.Login = login
	ctx := context.Background()
	inv, err := svc.Issue(ctx, seedDraft())
	if ErrorKindOf(err) != KindLogin || inv.Status != StatusHeld {
		t.Fatalf("419: %s %v", inv.Status, err)
	}
	if st := login.Status(ctx); !st.Known || st.LoggedIn {
		t.Errorf("after a 419 the session is known to be gone: %+v", st)
	}
	if _, err := svc.Resubmit(ctx, inv.RequestSerial); err != nil {
		t.Fatal(err)
	}
	if st := login.Status(ctx); !st.LoggedIn {
		t.Errorf("an issued invoice proves the session works: %+v", st)
	}
}

func TestCertificateLogin(t *testing.T) {
	f := &fakeLogin{}
	s, _, _ := newLoginService(f)
	if err := s.LoginWithCertificate(context.Background(), CertSoft, "pin"); err != nil || f.certPins[0] != "pin" || s.Status(context.Background()).Method != LoginCert {
		t.Fatalf("cert login: %v", err)
	}
}

func TestFaceCallFindingNoSessionMarksLogout(t *testing.T) {
	f := &fakeFace{needed: true, failNext: &ProviderError{Kind: KindLogin, Code: "419", Message: "需要短信验证"}}
	face, _, _ := newFaceService(f)
	login, _, _ := newLoginService(&fakeLogin{})
	face.Login = login
	ctx := context.Background()
	if _, err := face.Refresh(ctx); ErrorKindOf(err) != KindLogin {
		t.Fatalf("refresh: %v", err)
	}
	if st := login.Status(ctx); !st.Known || st.LoggedIn {
		t.Errorf("login status after a 419: %+v", st)
	}
}
