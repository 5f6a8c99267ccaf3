package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const msgNeedLoginWant = "需要短信验证登录电子税务局"

// mustNeedLogin checks the three session calls all answer 419.
func (e *env) mustNeedLogin() {
	e.t.Helper()
	for name, env := range map[string]envelope{
		"blueTicket":         e.post(pathBlueTicket, seedInvoice("needlogin")),
		"getFaceImg":         e.faceImg(sellerID, ""),
		"queryFaceAuthState": e.faceState(sellerID),
	} {
		if env.Code != 419 || env.Msg != msgNeedLoginWant || string(env.Data) != "null" {
			e.t.Errorf("%s with login lapsed: %d %q %s", name, env.Code, env.Msg, env.Data)
		}
	}
	if q := e.query(sellerID+"_needlogin", ""); q.Code != 999 {
		e.t.Error("a blueTicket refused with 419 was stored")
	}
}

func TestLoginLapseByControl(t *testing.T) {
	e := start(t)
	if status, body := e.control(pathLoginLapse, nil); status != 200 || body["code"] != 200.0 {
		t.Fatalf("lapse: %d %v", status, body)
	}
	e.mustNeedLogin()
	// Login is asked for before the face scan.
	e.srv.LapseFaceAuth()
	if env := e.post(pathBlueTicket, seedInvoice("both")); env.Code != 419 {
		t.Errorf("both lapsed: %d, want 419 first", env.Code)
	}
}

func TestLoginLapseByClockAndGoAPI(t *testing.T) {
	e := start(t)
	e.issue(seedInvoice("a"))
	e.advance(24 * time.Hour)
	e.issue(seedInvoice("b")) // exactly 24 h: still logged in
	e.advance(time.Second)
	e.mustNeedLogin()

	e2 := start(t)
	e2.issue(seedInvoice("a"))
	e2.srv.LapseLogin()
	e2.mustNeedLogin()
}

func TestSMSLogin(t *testing.T) {
	e := start(t)
	e.srv.LapseLogin()
	// A code that was never sent.
	env := e.login(loginForm("sms", DemoSMSCode))
	mustRefuse(t, "code before any send", env.Code, env.Msg, "短信验证码错误或已过期")

	env = e.login(loginForm())
	if env.Code != 200 || env.Msg != "验证码已发送至手机 138****0000" || string(env.Data) != "null" {
		t.Fatalf("send: %d %q %s", env.Code, env.Msg, env.Data)
	}
	env = e.login(loginForm("sms", "654321"))
	mustRefuse(t, "wrong code", env.Code, env.Msg, "短信验证码错误或已过期")
	e.advance(5*time.Minute + time.Second)
	env = e.login(loginForm("sms", DemoSMSCode))
	mustRefuse(t, "expired code", env.Code, env.Msg, "短信验证码错误或已过期")
	e.mustNeedLogin()

	e.login(loginForm())
	e.advance(5 * time.Minute)
	mustLogIn(t, e.login(loginForm("sms", DemoSMSCode)))
	e.issue(seedInvoice("after-sms"))
	// The code was used up.
	env = e.login(loginForm("sms", DemoSMSCode))
	mustRefuse(t, "code used twice", env.Code, env.Msg, "短信验证码错误或已过期")
}

func TestQRLogin(t *testing.T) {
	e := start(t)
	e.srv.LapseLogin()
	env := e.login(loginForm("ewmlx", "10"))
	var qr struct {
		Ewmid string `json:"ewmid"`
		Ewm   string `json:"ewm"`
	}
	if env.Code != 200 || json.Unmarshal(env.Data, &qr) != nil || !hex32.MatchString(qr.Ewmid) {
		t.Fatalf("QR login start: %d %q %s", env.Code, env.Msg, env.Data)
	}
	link := readQR(t, qr.Ewm)
	if link != e.base+loginQRScanPrefix+qr.Ewmid+"/scan" {
		t.Errorf("QR encodes %q", link)
	}
	env = e.login(loginForm("ewmlx", "10", "ewmid", qr.Ewmid))
	mustRefuse(t, "before the scan", env.Code, env.Msg, "二维码尚未扫描确认,请扫码后重试")
	e.mustNeedLogin()

	// Scan by posting to the URL the picture holds.
	resp, body, err := e.do(mustPost(t, link))
	if err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), sellerID) {
		t.Fatalf("scan %s: %v %s", link, err, body)
	}
	env = e.login(loginForm("ewmlx", "1", "ewmid", qr.Ewmid))
	mustRefuse(t, "other ewmlx", env.Code, env.Msg, "二维码类型(ewmlx)与获取二维码时不一致")
	other := loginForm("ewmlx", "10", "ewmid", qr.Ewmid)
	other.Set("nsrsbh", buyerID)
	if env := e.login(other); env.Code != 999 {
		t.Errorf("another seller's ewmid: %d %q", env.Code, env.Msg)
	}
	mustLogIn(t, e.login(loginForm("ewmlx", "10", "ewmid", qr.Ewmid)))
	e.issue(seedInvoice("after-qr"))
	if env := e.login(loginForm("ewmlx", "10", "ewmid", qr.Ewmid)); env.Code != 999 {
		t.Errorf("ewmid used twice: %d %q", env.Code, env.Msg)
	}
	if env := e.login(loginForm("ewmlx", "10", "ewmid", "0123456789abcdef0123456789abcdef")); env.Code != 999 {
		t.Errorf("unknown ewmid: %d %q", env.Code, env.Msg)
	}
	if env := e.login(loginForm("ewmlx", "2")); env.Code != 999 {
		t.Errorf("ewmlx 2: %d %q", env.Code, env.Msg)
	}
}

func mustPost(t *testing.T, link string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, link, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestQRLoginGoAPIAndExpiry(t *testing.T) {
	e := start(t)
	e.srv.LapseLogin()
	start := func() string {
		var qr struct {
			Ewmid string `json:"ewmid"`
		}
		env := e.login(loginForm("ewmlx", "1"))
		if err := json.Unmarshal(env.Data, &qr); err != nil || env.Code != 200 {
			t.Fatalf("QR login start: %d %s", env.Code, env.Data)
		}
		return qr.Ewmid
	}
	id := start()
	if err := e.srv.SimulateQRLoginScan(id); err != nil {
		t.Fatal(err)
	}
	mustLogIn(t, e.login(loginForm("ewmlx", "1", "ewmid", id)))

	id = start()
	e.advance(5*time.Minute + time.Second)
	if err := e.srv.SimulateQRLoginScan(id); !errors.Is(err, ErrQRExpired) {
		t.Errorf("scan of an expired login QR: %v", err)
	}
	if code, _ := e.control(loginQRScanPrefix+id+"/scan", nil); code != http.StatusConflict {
		t.Errorf("HTTP scan of an expired login QR: %d", code)
	}
	env := e.login(loginForm("ewmlx", "1", "ewmid", id))
	mustRefuse(t, "expired unscanned QR", env.Code, env.Msg, "二维码已过期,请重新获取二维码")
	if err := e.srv.SimulateQRLoginScan("nope"); !errors.Is(err, ErrUnknownQR) {
		t.Errorf("scan of an unknown login QR: %v", err)
	}
}

func TestCertificateLogin(t *testing.T) {
	e := start(t)
	for _, cert := range []string{"1", "2"} {
		e.srv.LapseLogin()
		mustLogIn(t, e.login(loginForm("cert", cert, "pinString", "whatever")))
		e.issue(seedInvoice("cert" + cert))
	}
	if env := e.login(loginForm("cert", "3")); env.Code != 999 {
		t.Errorf("cert 3: %d %q", env.Code, env.Msg)
	}
}

func TestLoginRefusesWrongCredentials(t *testing.T) {
	e := start(t)
	e.srv.LapseLogin()
	for name, form := range map[string]url.Values{
		"wrong password": loginForm("password", "sandbox", "cert", "1"),
		"wrong username": loginForm("username", "someone", "cert", "1"),
	} {
		env := e.login(form)
		mustRefuse(t, name, env.Code, env.Msg, "电子税务局账号或密码错误")
	}
	for name, form := range map[string]url.Values{
		"no password": loginForm("password", "", "cert", "1"),
		"no nsrsbh":   loginForm("nsrsbh", "", "cert", "1"),
		"no username": loginForm("username", "", "cert", "1"),
	} {
		if env := e.login(form); env.Code != 999 || !strings.Contains(env.Msg, "不能为空") {
			t.Errorf("%s: %d %q", name, env.Code, env.Msg)
		}
	}
	e.mustNeedLogin() // none of them logged in
}
