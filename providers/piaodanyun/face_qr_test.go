package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// The seed's getFaceImg example, space in "int erfaceCode" included.
const (
	seedFaceEwm   = "qrcode_id=gYyixYMScMK4GQc2LfzqvKVnk33kJHs7p5wnpig3QdYFAdAvmDp7i7Yobk7zzkNM&areaPrefix=5100&int erfaceCode=0004"
	seedFaceRzid  = "5246703dc22842b5a3d7826f375e6c7d"
	seedFaceReply = `{
"code": 200,
"msg": "成功",
"data": {
"rzid": "5246703dc22842b5a3d7826f375e6c7d",
"nsrsbh": "9151123123122031211",
"ewm": "qrcode_id=gYyixYMScMK4GQc2LfzqvKVnk33kJHs7p5wnpig3QdYFAdAvmDp7i7Yobk7zzkNM&areaPrefix=5100&int erfaceCode=0004",
"slzt": null,
"emwly": "swj"
},
"total": 0
}`
)

func TestNewFaceQRSeedExample(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathFaceQR, reply(http.StatusOK, seedFaceReply))
	c := newTestClient(t, fs.URL)
	now := time.Date(2025, 3, 1, 9, 30, 0, 0, app.ChinaTime)
	c.now = func() time.Time { return now }

	qr, err := c.NewFaceQR(context.Background(), app.FaceAppTax)
	if err != nil {
		t.Fatalf("NewFaceQR: %v", err)
	}
	want := app.FaceQR{AuthID: seedFaceRzid, Content: seedFaceEwm, App: app.FaceAppTax, IssuedAt: now}
	if qr != want {
		t.Errorf("got %+v\nwant %+v", qr, want)
	}
	if !strings.Contains(qr.Content, "int erfaceCode") {
		t.Error("the space in ewm was not kept")
	}
	calls := fs.recorded()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	call := calls[0]
	if call.Method != http.MethodGet || call.Path != "/qdjk/fullExteriorInvoke/getFaceImg" {
		t.Errorf("%s %s, want GET /qdjk/fullExteriorInvoke/getFaceImg", call.Method, call.Path)
	}
	assertFields(t, "query", call.Query, map[string]string{"nsrsbh": testTaxID, "type": "1", "username": testUsername})
	if len(call.Form) != 0 || call.ContentType != "" {
		t.Errorf("GET sent a body: form %v, content type %q", call.Form, call.ContentType)
	}
	if call.Auth != tokenN(1) {
		t.Errorf("Authorization %q, want the raw token %q", call.Auth, tokenN(1))
	}
}

func TestNewFaceQRIncomeTaxApp(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathFaceQR, reply(http.StatusOK, strings.Replace(seedFaceReply, `"swj"`, `"gs"`, 1)))
	qr, err := newTestClient(t, fs.URL).NewFaceQR(context.Background(), app.FaceAppIncomeTax)
	if err != nil {
		t.Fatalf("NewFaceQR: %v", err)
	}
	if qr.App != app.FaceAppIncomeTax || qr.Content != seedFaceEwm {
		t.Errorf("got %+v", qr)
	}
	if got := fs.recorded()[0].Query.Get("type"); got != "2" {
		t.Errorf("type = %q, want 2", got)
	}
}

func TestNewFaceQRRefusesUnknownApp(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	for _, a := range []app.FaceApp{0, 3, -1} {
		_, err := c.NewFaceQR(context.Background(), a)
		validationErr(t, err, "type", "one_of")
	}
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent for an unknown app", n)
	}
}

func TestNewFaceQRMalformedAnswers(t *testing.T) {
	for name, data := range map[string]string{
		"data null":      `null`,
		"data empty":     `{}`,
		"data string":    `"qrcode_id=abc"`,
		"data array":     `[{"rzid":"a","ewm":"b"}]`,
		"no rzid":        `{"ewm":"qrcode_id=abc"}`,
		"blank rzid":     `{"rzid":" ","ewm":"qrcode_id=abc"}`,
		"no ewm":         `{"rzid":"a1"}`,
		"ewm null":       `{"rzid":"a1","ewm":null}`,
		"ewm empty":      `{"rzid":"a1","ewm":""}`,
		"ewm blanks":     `{"rzid":"a1","ewm":"  \n"}`,
		"ewm a number":   `{"rzid":"a1","ewm":12345}`,
		"ewm an object":  `{"rzid":"a1","ewm":{"url":"x"}}`,
		"rzid an object": `{"rzid":{},"ewm":"x"}`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathFaceQR, reply(http.StatusOK, `{"code":200,"msg":"成功","data":`+data+`,"total":0}`))
			_, err := newTestClient(t, fs.URL).NewFaceQR(context.Background(), app.FaceAppTax)
			pe := providerErr(t, err, app.KindTransient)
			if pe.Op != opFaceQR || !strings.Contains(pe.Message, "格式错误") {
				t.Errorf("op %q message %q", pe.Op, pe.Message)
			}
		})
	}
}

func TestNewFaceQRKeepsEwmExactly(t *testing.T) {
	for _, ewm := range []string{" lead", "trail ", "a  b", "tab\tin", "税务 二维码"} {
		authID, content, err := decodeFaceQRData([]byte(`{"rzid":"r1","ewm":` + jsonString(ewm) + `}`))
		if err != nil || content != ewm || authID != "r1" {
			t.Errorf("ewm %q: got %q %q %v", ewm, authID, content, err)
		}
	}
}

func TestFaceCallsClassifyRefusals(t *testing.T) {
	for name, tc := range map[string]struct {
		body        string
		kind        app.ErrorKind
		msgContains string
	}{
		"419": {`{"code":419,"msg":"请先登录"}`, app.KindLogin, "需要短信验证登录电子税务局"},
		"420": {`{"code":"420","msg":"需要人脸识别"}`, app.KindFaceAuth, "需要人脸认证"},
		// 999 stays a business refusal outside loginDppt.
		"999": {`{"code":999,"msg":"每分钟只能获取一次二维码"}`, app.KindBusiness, "每分钟只能获取一次二维码"},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathFaceQR, reply(http.StatusOK, tc.body))
			fs.handle(pathFaceState, reply(http.StatusOK, tc.body))
			c := newTestClient(t, fs.URL)
			_, err := c.NewFaceQR(context.Background(), app.FaceAppTax)
			if pe := providerErr(t, err, tc.kind); !strings.Contains(pe.Message, tc.msgContains) || pe.Op != opFaceQR {
				t.Errorf("getFaceImg: op %q message %q", pe.Op, pe.Message)
			}
			_, err = c.FaceAuthNeeded(context.Background())
			if pe := providerErr(t, err, tc.kind); !strings.Contains(pe.Message, tc.msgContains) || pe.Op != opFaceState {
				t.Errorf("queryFaceAuthState: op %q message %q", pe.Op, pe.Message)
			}
		})
	}
}

func TestGetRenewsExpiredTokenAndRetriesOnce(t *testing.T) {
	for name, refusal := range map[string]struct {
		status int
		body   string
	}{
		"code 401":  {http.StatusOK, `{"code":401,"msg":"未授权"}`},
		"HTTP 401":  {http.StatusUnauthorized, ``},
		"token 已过期": {http.StatusOK, `{"code":999,"msg":"token已过期,请重新获取"}`},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathFaceQR, expiredOnce(refusal.status, refusal.body, seedFaceReply))
			qr, err := newTestClient(t, fs.URL).NewFaceQR(context.Background(), app.FaceAppIncomeTax)
			if err != nil {
				t.Fatalf("NewFaceQR: %v", err)
			}
			if qr.Content != seedFaceEwm {
				t.Errorf("content %q", qr.Content)
			}
			calls := fs.recorded()
			if len(calls) != 2 || fs.tokenCount() != 2 {
				t.Fatalf("%d calls and %d token calls, want 2 and 2", len(calls), fs.tokenCount())
			}
			if calls[0].Auth != tokenN(1) || calls[1].Auth != tokenN(2) {
				t.Errorf("tokens used %q then %q", calls[0].Auth, calls[1].Auth)
			}
			for i, call := range calls {
				if call.Method != http.MethodGet {
					t.Errorf("call %d was %s", i, call.Method)
				}
				assertFields(t, "retried query", call.Query, map[string]string{"nsrsbh": testTaxID, "type": "2", "username": testUsername})
			}
		})
	}
}

func TestGetSecondExpiryInARowIsCredentials(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathFaceQR, reply(http.StatusUnauthorized, ``))
	_, err := newTestClient(t, fs.URL).NewFaceQR(context.Background(), app.FaceAppTax)
	providerErr(t, err, app.KindCredentials)
	if n, tn := len(fs.recorded()), fs.tokenCount(); n != 2 || tn != 2 {
		t.Errorf("%d calls and %d token calls, want 2 and 2", n, tn)
	}
}

// validationErr asserts err is an *app.ValidationError about field and rule.
func validationErr(t *testing.T, err error, field, rule string) {
	t.Helper()
	assertNoSecrets(t, err)
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T %v, want *app.ValidationError", err, err)
	}
	if len(ve.Errors) != 1 || ve.Errors[0].Field != field || ve.Errors[0].Rule != rule || ve.Errors[0].Message == "" {
		t.Errorf("got %+v, want one error on %s (%s)", ve.Errors, field, rule)
	}
}

// jsonString is s as a JSON string literal.
func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}
