package piaodanyun

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestErrorClassification(t *testing.T) {
	longGarbage := "<html>" + strings.Repeat("错误页面", 200) + "</html>"
	cases := []struct {
		name        string
		handler     func(http.ResponseWriter, *http.Request, recordedCall)
		kind        app.ErrorKind
		code        string
		msgContains string
	}{
		{"999 business", reply(200, `{"code":999,"msg":"可信错误:该用户未注册","message":"可信错误:该用户未注册","data":null,"total":0}`),
			app.KindBusiness, "999", "该用户未注册"},
		{"999 as string, text in message", reply(200, `{"code":"999","message":"购方税号不正确"}`),
			app.KindBusiness, "999", "购方税号不正确"},
		{"other code", reply(200, `{"code":1002,"msg":"商品编码不存在"}`), app.KindBusiness, "1002", "商品编码不存在"},
		{"no message", reply(200, `{"code":998}`), app.KindBusiness, "998", "未说明原因"},
		{"419 SMS login", reply(200, `{"code":419,"msg":"请先登录"}`), app.KindLogin, "419", "短信"},
		{"420 face auth", reply(200, `{"code":"420","msg":"需要人脸识别"}`), app.KindFaceAuth, "420", "人脸"},
		{"40000 on a call", reply(200, `{"code":40000,"msg":"用户名或密码错误"}`), app.KindCredentials, "40000", "密码"},
		{"HTTP 500", reply(500, `{"code":999,"msg":"系统异常"}`), app.KindTransient, "", "HTTP 500"},
		{"HTTP 502 HTML", reply(502, `<html>bad gateway</html>`), app.KindTransient, "", "HTTP 502"},
		{"HTTP 429", reply(429, ``), app.KindTransient, "", "HTTP 429"},
		{"not JSON", reply(200, `<html>出错了</html>`), app.KindTransient, "", "响应格式错误"},
		{"empty body", reply(200, ``), app.KindTransient, "", "响应格式错误"},
		{"JSON without code", reply(200, `{"msg":"成功"}`), app.KindTransient, "", "响应格式错误"},
		{"JSON array", reply(200, `[1,2]`), app.KindTransient, "", "响应格式错误"},
		{"HTTP 404 with code 200", reply(404, `{"code":200}`), app.KindTransient, "", "响应格式错误"},
		{"long garbage quoted briefly", reply(200, longGarbage), app.KindTransient, "", "<html>错误页面"},
		{"connection closed without answer", hangUp, app.KindTransient, "", "网络错误"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathBlueTicket, tc.handler)
			_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
			pe := providerErr(t, err, tc.kind)
			if pe.Op != opBlueTicket || pe.Code != tc.code {
				t.Errorf("op %q code %q, want %q %q", pe.Op, pe.Code, opBlueTicket, tc.code)
			}
			if !strings.Contains(pe.Message, tc.msgContains) {
				t.Errorf("message %q does not contain %q", pe.Message, tc.msgContains)
			}
			if len(pe.Message) > 400 {
				t.Errorf("message is %d bytes, want a short quote", len(pe.Message))
			}
			if n := len(fs.recorded()); n != 1 {
				t.Errorf("blueTicket sent %d times, want once (no automatic resend)", n)
			}
		})
	}
}

// hangUp closes the connection without answering.
func hangUp(w http.ResponseWriter, _ *http.Request, _ recordedCall) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.Close()
}

func TestTimeoutIsTransient(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, func(w http.ResponseWriter, r *http.Request, _ recordedCall) {
		select { // longer than the client waits; ends when the client gives up
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	cfg := testConfig(fs.URL)
	cfg.Timeout = 150 * time.Millisecond
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.Issue(context.Background(), seedInvoice(t))
	pe := providerErr(t, err, app.KindTransient)
	if !strings.Contains(pe.Message, "超时") {
		t.Errorf("message %q does not say it timed out", pe.Message)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %v, want about the 150ms timeout", elapsed)
	}
}

func TestCancelledContextIsTransient(t *testing.T) {
	fs := newFakeServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	fs.handle(pathBlueTicket, func(w http.ResponseWriter, r *http.Request, _ recordedCall) {
		cancel()
		<-r.Context().Done()
	})
	_, err := newTestClient(t, fs.URL).Issue(ctx, seedInvoice(t))
	pe := providerErr(t, err, app.KindTransient)
	if !errors.Is(pe, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", pe)
	}
}

func TestConnectionRefusedIsTransient(t *testing.T) {
	fs := newFakeServer(t)
	base := fs.URL
	fs.Close()
	_, err := newTestClient(t, base).Issue(context.Background(), seedInvoice(t))
	if pe := providerErr(t, err, app.KindTransient); !pe.NotSent {
		t.Error("a refused connection never sent the request: NotSent must be set")
	}
}

func TestFailedTokenMeansNotSent(t *testing.T) {
	fs := newFakeServer(t)
	fs.tokenReply = func(int) (int, string) { return http.StatusServiceUnavailable, "busy" }
	_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
	if pe := providerErr(t, err, app.KindTransient); !pe.NotSent {
		t.Error("without a token the invoice was never sent: NotSent must be set")
	}
	if n := len(fs.recorded()); n != 0 {
		t.Errorf("%d calls reached blueTicket", n)
	}
}

func TestAnsweredOrTimedOutMayHaveBeenSent(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, hangUp)
	_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
	if pe := providerErr(t, err, app.KindTransient); pe.NotSent {
		t.Error("a hang-up after the request was written may have issued: NotSent must be false")
	}
}

func TestRedirectIsRefused(t *testing.T) {
	other := newFakeServer(t)
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, func(w http.ResponseWriter, r *http.Request, _ recordedCall) {
		http.Redirect(w, r, other.URL+pathBlueTicket, http.StatusTemporaryRedirect)
	})
	_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
	pe := providerErr(t, err, app.KindTransient)
	if !strings.Contains(pe.Message, "base_url") {
		t.Errorf("message %q should tell to fix base_url", pe.Message)
	}
	if n := len(other.recorded()); n != 0 {
		t.Errorf("the token followed a redirect to another host (%d calls)", n)
	}
}

func TestSecretsEchoedByServerAreBlanked(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		writeJSON(w, 200, `{"code":999,"msg":"bad request from `+call.Auth+` with `+testPassword+`"}`)
	})
	_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
	pe := providerErr(t, err, app.KindBusiness) // asserts no secret in the message
	if !strings.Contains(pe.Message, "bad request from *** with ***") {
		t.Errorf("message %q", pe.Message)
	}

	fs.handle(pathBlueTicket, func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		writeJSON(w, 200, "not json "+call.Auth+" "+testPassword)
	})
	_, err = newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
	providerErr(t, err, app.KindTransient)
}

func TestMentionsInvalidToken(t *testing.T) {
	for text, want := range map[string]bool{
		"token已过期": true, "Token失效": true, "令牌无效": true, "TOKEN 过期了": true,
		"token错误": false, "已过期": false, "发票失效": false, "": false,
	} {
		if got := mentionsInvalidToken(text); got != want {
			t.Errorf("mentionsInvalidToken(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestQuoteCutsOnCharacterBoundary(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1")
	q := c.quote([]byte("a" + strings.Repeat("税", 100)))
	if len(q) > maxQuoted+len("…") || !strings.HasSuffix(q, "…") {
		t.Errorf("quote is %d bytes: %q", len(q), q)
	}
	if !strings.HasPrefix(q, "a税") || strings.ContainsRune(q, '\uFFFD') {
		t.Errorf("quote broke a character: %q", q)
	}
}
