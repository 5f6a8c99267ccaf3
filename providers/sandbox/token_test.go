package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestObtainTokenAcceptsDemoAccount(t *testing.T) {
	e := start(t, func(o *Options) { o.TokenTTL = 90 * time.Minute })
	for _, body := range []string{
		`{"phone":"13800000000","pass":"sandbox","tenant_id":1,"token_type":"TaxApi"}`,
		`{"phone_email":"13800000000","pass":"sandbox"}`, // the seed's example shape
		`{"phone":"13800000000","pass":"sandbox","tenant_id":"1"}`,
	} {
		env := e.postJSON(pathObtainToken, body)
		if env.Code != 200 || env.Msg != "成功" {
			t.Fatalf("%s: code %d %q", body, env.Code, env.Msg)
		}
		var data struct {
			Token     string `json:"token"`
			ExpiresIn int    `json:"expires_in"`
		}
		if err := json.Unmarshal(env.Data, &data); err != nil {
			t.Fatal(err)
		}
		if len(data.Token) < 32 || strings.Trim(data.Token, "0123456789abcdef") != "" {
			t.Errorf("token %q is not long random hex", data.Token)
		}
		if data.ExpiresIn != 5400 {
			t.Errorf("expires_in = %d, want 5400", data.ExpiresIn)
		}
	}
}

func TestObtainTokenTokensDiffer(t *testing.T) {
	e := start(t)
	if a, b := e.obtainToken(), e.obtainToken(); a == b {
		t.Errorf("two tokens are both %q", a)
	}
}

func TestObtainTokenRefusals(t *testing.T) {
	e := start(t)
	for _, tc := range []struct {
		body, msg string
		code      int
	}{
		{`{"phone":"13800000000","pass":"wrong","tenant_id":1}`, "用户名或密码错误", 40000},
		{`{"phone":"13900000000","pass":"sandbox"}`, "用户名或密码错误", 40000},
		{`{"phone":"13800000000","pass":"sandbox","tenant_id":2}`, "用户名或密码错误", 40000},
		{`{"phone":"13800000000"}`, "参数不能为空", 20000},
		{`{"pass":"sandbox"}`, "参数不能为空", 20000},
		{`not json`, "参数不能为空", 20000},
	} {
		env := e.postJSON(pathObtainToken, tc.body)
		if env.Code != tc.code || env.Msg != tc.msg || string(env.Data) != "null" {
			t.Errorf("%s: got %d %q data %s, want %d %q null", tc.body, env.Code, env.Msg, env.Data, tc.code, tc.msg)
		}
	}
}

func TestEndpointsNeedValidToken(t *testing.T) {
	e := start(t)
	token := e.obtainToken()
	form := url.Values{"username": {DemoUsername}, "nsrsbh": {sellerID}, "fpqqlsh": {sellerID + "_none"}}
	check := func(auth string, wantCode int) {
		t.Helper()
		resp, body, err := e.postFormRaw(pathQueryMx, auth, form)
		if err != nil {
			t.Fatal(err)
		}
		env := e.decode(resp, body)
		if env.Code != wantCode {
			t.Errorf("Authorization %q: code %d %q, want %d", auth, env.Code, env.Msg, wantCode)
		}
		if wantCode == 401 && env.Msg != "token已过期或无效,请重新获取" {
			t.Errorf("401 message %q", env.Msg)
		}
	}
	check("", 401)
	check("deadbeef", 401)
	check(token, 999) // authorized; the serial is simply unknown
	check("Bearer "+token, 999)

	e.clock.Advance(2*time.Hour - time.Second)
	check(token, 999)
	e.clock.Advance(time.Second)
	check(token, 401) // expired after the default 2h
	check(e.obtainToken(), 999)
}

func TestUnknownPathAndMethod(t *testing.T) {
	e := start(t)
	req, _ := http.NewRequest(http.MethodPost, e.base+"/qdjk/fullExteriorInvoke/nope", nil)
	resp, body := e.mustDo(req)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"code":404`) ||
		!strings.Contains(string(body), "接口不存在") {
		t.Errorf("unknown path: %d %s", resp.StatusCode, body)
	}
	req, _ = http.NewRequest(http.MethodGet, e.base+pathBlueTicket, nil)
	resp, body = e.mustDo(req)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodPost {
		t.Errorf("GET blueTicket: %d %s", resp.StatusCode, body)
	}
}
