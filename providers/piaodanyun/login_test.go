package piaodanyun

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"fapiao/app"
)

// The seed's loginDppt examples.
const (
	loginSessionID = "88a5cfc741ff48eeb11d9d30b6b32a81"
	loginOK        = `{"code":200,"msg":"成功","message":"成功","data":"88a5cfc741ff48eeb11d9d30b6b32a81","total":0}`
	loginSent      = `{"code":200,"msg":"成功","message":"成功","data":null,"total":0}`
	loginRefused   = `{"code":999,"msg":"可信错误:该用户未注册,请在自然人业务入口进行用户注册","message":"可信错误:该用户未注册,请在自然人业务入口进行用户注册","data":null,"total":0}`
)

// loginFields is what every loginDppt call sends, plus extra.
func loginFields(extra map[string]string) map[string]string {
	want := map[string]string{"nsrsbh": testTaxID, "username": testUsername, "password": testEtaxPassword}
	for k, v := range extra {
		want[k] = v
	}
	return want
}

func assertLoginCall(t *testing.T, call recordedCall, extra map[string]string) {
	t.Helper()
	if call.Method != http.MethodPost || call.Path != "/qdjk/fullExteriorInvoke/loginDppt" {
		t.Errorf("%s %s, want POST /qdjk/fullExteriorInvoke/loginDppt", call.Method, call.Path)
	}
	if call.Auth != tokenN(1) || len(call.Query) != 0 {
		t.Errorf("auth %q query %v", call.Auth, call.Query)
	}
	assertFields(t, "loginDppt form", call.Form, loginFields(extra))
}

func TestSMSLoginInTwoSteps(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathLogin, func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		if call.Form.Get("sms") == "" {
			writeJSON(w, http.StatusOK, loginSent)
			return
		}
		if call.Form.Get("sms") != "123456" {
			writeJSON(w, http.StatusOK, `{"code":999,"msg":"验证码错误"}`)
			return
		}
		writeJSON(w, http.StatusOK, loginOK)
	})
	c := newTestClient(t, fs.URL)
	if err := c.RequestSMSCode(context.Background()); err != nil {
		t.Fatalf("RequestSMSCode: %v", err)
	}
	if err := c.LoginWithSMS(context.Background(), " 123456 "); err != nil {
		t.Fatalf("LoginWithSMS: %v", err)
	}
	calls := fs.recorded()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2", len(calls))
	}
	assertLoginCall(t, calls[0], nil)
	assertLoginCall(t, calls[1], map[string]string{"sms": "123456"})

	err := c.LoginWithSMS(context.Background(), "000000")
	if pe := providerErr(t, err, app.KindCredentials); pe.Code != "999" || !strings.Contains(pe.Message, "验证码错误") {
		t.Errorf("wrong code: %v", pe)
	}
}

func TestRequestSMSCodeAcceptsAMessageAsData(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathLogin, reply(http.StatusOK, `{"code":200,"msg":"成功","data":"验证码已发送"}`))
	if err := newTestClient(t, fs.URL).RequestSMSCode(context.Background()); err != nil {
		t.Errorf("RequestSMSCode: %v", err)
	}
}

func TestLoginWithSMSRefusesAnEmptyCode(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	for _, code := range []string{"", "  ", "\t\n"} {
		validationErr(t, c.LoginWithSMS(context.Background(), code), "sms", "required")
	}
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent without a code", n)
	}
}

func TestLoginWithoutSessionIsNotALogin(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathLogin, reply(http.StatusOK, loginSent))
	c := newTestClient(t, fs.URL)
	err := c.LoginWithSMS(context.Background(), "123456")
	if pe := providerErr(t, err, app.KindTransient); pe.Op != opLogin {
		t.Errorf("op %q", pe.Op)
	}
	providerErr(t, c.LoginWithCertificate(context.Background(), app.CertHardware, ""), app.KindTransient)
}

func TestLoginNeedsTheEtaxPassword(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathLogin, reply(http.StatusOK, loginOK))
	cfg := testConfig(fs.URL)
	cfg.EtaxPassword = ""
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New without an e-tax password: %v", err)
	}
	for name, call := range map[string]func() error{
		"RequestSMSCode":       func() error { return c.RequestSMSCode(context.Background()) },
		"LoginWithSMS":         func() error { return c.LoginWithSMS(context.Background(), "123456") },
		"LoginWithCertificate": func() error { return c.LoginWithCertificate(context.Background(), app.CertSoft, "1234") },
		"StartQRLogin": func() error {
			_, err := c.StartQRLogin(context.Background(), app.QRLoginTaxApp)
			return err
		},
		"CheckQRLogin": func() error {
			_, err := c.CheckQRLogin(context.Background(), app.QRLogin{Kind: app.QRLoginFace, ID: "e-1"})
			return err
		},
	} {
		pe := providerErr(t, call(), app.KindCredentials)
		if !strings.Contains(pe.Message, "etax_password_env") || !strings.Contains(pe.Message, "电子税务局密码") || !pe.NotSent {
			t.Errorf("%s: %+v", name, pe)
		}
	}
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent without the e-tax password", n)
	}
}

func TestLoginRefusalsAreCredentials(t *testing.T) {
	for name, tc := range map[string]struct {
		body        string
		kind        app.ErrorKind
		code        string
		msgContains string
	}{
		"999 seed example": {loginRefused, app.KindCredentials, "999", "该用户未注册"},
		"999 as string":    {`{"code":"999","message":"密码错误"}`, app.KindCredentials, "999", "密码错误"},
		"419":              {`{"code":419,"msg":"请短信验证"}`, app.KindLogin, "419", "需要短信验证登录电子税务局"},
		"420":              {`{"code":420,"msg":"请人脸认证"}`, app.KindFaceAuth, "420", "需要人脸认证"},
		"other code":       {`{"code":1001,"msg":"纳税人识别号不存在"}`, app.KindBusiness, "1001", "纳税人识别号不存在"},
		"HTTP 502":         {``, app.KindTransient, "", "HTTP 502"},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			status := http.StatusOK
			if tc.body == "" {
				status = http.StatusBadGateway
			}
			fs.handle(pathLogin, reply(status, tc.body))
			c := newTestClient(t, fs.URL)
			for mode, err := range map[string]error{
				"sms request": c.RequestSMSCode(context.Background()),
				"sms login":   c.LoginWithSMS(context.Background(), "123456"),
				"certificate": c.LoginWithCertificate(context.Background(), app.CertHardware, ""),
			} {
				pe := providerErr(t, err, tc.kind)
				if pe.Op != opLogin || pe.Code != tc.code || !strings.Contains(pe.Message, tc.msgContains) {
					t.Errorf("%s: op %q code %q message %q", mode, pe.Op, pe.Code, pe.Message)
				}
			}
		})
	}
}

func TestCertificateLoginFields(t *testing.T) {
	for name, tc := range map[string]struct {
		kind  app.CertKind
		pin   string
		extra map[string]string
	}{
		"hardware":             {app.CertHardware, "", map[string]string{"cert": "1"}},
		"hardware ignores pin": {app.CertHardware, "1234", map[string]string{"cert": "1"}},
		"soft without pin":     {app.CertSoft, "", map[string]string{"cert": "2"}},
		"soft with pin":        {app.CertSoft, "p1n-Secret", map[string]string{"cert": "2", "pinString": "p1n-Secret"}},
		"soft pin sent as-is":  {app.CertSoft, " 12 34 ", map[string]string{"cert": "2", "pinString": " 12 34 "}},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathLogin, reply(http.StatusOK, loginOK))
			if err := newTestClient(t, fs.URL).LoginWithCertificate(context.Background(), tc.kind, tc.pin); err != nil {
				t.Fatalf("LoginWithCertificate: %v", err)
			}
			assertLoginCall(t, fs.recorded()[0], tc.extra)
		})
	}
}

func TestCertificateLoginRefusesUnknownKind(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	for _, kind := range []app.CertKind{0, 3} {
		validationErr(t, c.LoginWithCertificate(context.Background(), kind, ""), "cert", "one_of")
	}
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestLoginSecretsEchoedByServerAreBlanked(t *testing.T) {
	const pin = "p1n-Secret-77"
	echo := func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		writeJSON(w, http.StatusOK, `{"code":999,"msg":"登录失败 password=`+call.Form.Get("password")+
			` pin=`+call.Form.Get("pinString")+` token=`+call.Auth+`"}`)
	}
	fs := newFakeServer(t)
	fs.handle(pathLogin, echo)
	c := newTestClient(t, fs.URL)
	errs := map[string]error{
		"sms request": c.RequestSMSCode(context.Background()),
		"sms login":   c.LoginWithSMS(context.Background(), "123456"),
		"certificate": c.LoginWithCertificate(context.Background(), app.CertSoft, pin),
	}
	for mode, err := range errs {
		pe := providerErr(t, err, app.KindCredentials) // asserts neither password nor token leaks
		if strings.Contains(pe.Message, pin) || !strings.Contains(pe.Message, "password=***") {
			t.Errorf("%s: message %q", mode, pe.Message)
		}
	}
	if !strings.Contains(errs["certificate"].Error(), "pin=***") {
		t.Errorf("pin not blanked: %v", errs["certificate"])
	}
	if len(c.callSecrets) != 0 {
		t.Error("a call's pin stayed on the client")
	}

	// An answer that cannot be read is quoted: blanked there too.
	fs.handle(pathLogin, func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		writeJSON(w, http.StatusOK, "<html>"+call.Form.Get("password")+" "+call.Form.Get("pinString")+"</html>")
	})
	err := c.LoginWithCertificate(context.Background(), app.CertSoft, pin)
	if pe := providerErr(t, err, app.KindTransient); strings.Contains(pe.Message, pin) || !strings.Contains(pe.Message, "<html>*** ***</html>") {
		t.Errorf("malformed answer quoted as %q", pe.Message)
	}
}
