package taxsync

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// fetchOnceErr asks for one page, without retries, of a server answering
// status and body.
func fetchOnceErr(t *testing.T, status int, body string) error {
	t.Helper()
	f := newFakeSync(t, always(status, body))
	c, _ := newTestClient(t, f.URL, func(cfg *Config) { cfg.Retries = -1 })
	_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
	if err == nil {
		t.Fatalf("HTTP %d %s: no error", status, body)
	}
	return err
}

func TestRefusalsAreClassified(t *testing.T) {
	for _, tc := range []struct {
		code, msg string
		kind      app.ErrorKind
	}{
		{"1001", "签名错误", app.KindCredentials},
		{"1002", "appid不存在", app.KindCredentials},
		{"1003", "该接口未授权", app.KindCredentials},
		{"1005", "AppID无效", app.KindCredentials},
		{"1004", "密钥已过期", app.KindCredentials},
		{"2001", "rzzt参数错误", app.KindBusiness},
		{"9999", "该企业未开通数字账户", app.KindBusiness},
		{"2002", "", app.KindBusiness},
	} {
		err := fetchOnceErr(t, 200, envelopeWith(tc.code, tc.msg, ""))
		pe := providerErr(t, err, tc.kind)
		if pe.Code != tc.code || !strings.Contains(pe.Message, tc.msg) || !strings.Contains(pe.Message, "4f1c2a") {
			t.Errorf("%s %s: %+v", tc.code, tc.msg, pe)
		}
	}
	// The envelope's code decides, whatever the HTTP status.
	providerErr(t, fetchOnceErr(t, 400, envelopeWith("1001", "签名验证失败", "")), app.KindCredentials)
	// A code written as a number is a refusal like any other.
	pe := providerErr(t, fetchOnceErr(t, 200, `{"code":9999,"msg":"系统繁忙"}`), app.KindBusiness)
	if pe.Code != "9999" {
		t.Errorf("code %q", pe.Code)
	}
	// Only the message decides: a uuid that happens to spell appid does not.
	providerErr(t, fetchOnceErr(t, 200, `{"code":"2001","msg":"rzzt参数错误","uuid":"appid-7"}`), app.KindBusiness)
}

func TestServerTroubleIsTransient(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		words  string
	}{
		// The HTTP status decides before the envelope does: an overloaded
		// server's answer is not read as a success or a refusal.
		{500, "", "HTTP 500),请稍后重试"},
		{502, "<html>Bad Gateway</html>", "HTTP 502),请稍后重试"},
		{503, envelopeWith("0000", "ok", "e30="), "HTTP 503),请稍后重试"},
		{429, envelopeWith("9999", "请求过于频繁", ""), "HTTP 429),请稍后重试"},
		{200, "<html>maintenance</html>", "响应格式错误"},
		{200, `{"msg":"no code"}`, "响应格式错误"},
		{200, envelopeWith("0000", "ok", ""), "响应格式错误"},
		{404, "Not Found", "响应格式错误"},
		{400, envelopeWith("0000", "ok", "e30="), "响应格式错误"},
		{200, `{"code":"0000","content":12345}`, "content 应为Base64文本"},
		{200, `{"code":"0000","content":"\x"}`, "应答不是JSON对象"},
	} {
		pe := providerErr(t, fetchOnceErr(t, tc.status, tc.body), app.KindTransient)
		if !strings.Contains(pe.Message, tc.words) || pe.NotSent {
			t.Errorf("HTTP %d %q: %+v", tc.status, tc.body, pe)
		}
	}
}

func TestGatewayRefusalIsCredentials(t *testing.T) {
	for _, status := range []int{401, 403} {
		pe := providerErr(t, fetchOnceErr(t, status, "Forbidden"), app.KindCredentials)
		if !strings.Contains(pe.Message, "appid") {
			t.Errorf("message %q", pe.Message)
		}
	}
}

func TestNoConnectionMeansNotSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, _ := newTestClient(t, "http://"+addr, func(cfg *Config) { cfg.Retries = -1 })
	_, err = c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
	if pe := providerErr(t, err, app.KindTransient); !pe.NotSent || !strings.Contains(pe.Message, "无法连接") {
		t.Errorf("error %+v", pe)
	}
}

func TestDroppedConnectionIsTransientAndSent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close() // read the request, answer nothing
		}
	}))
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Retries = -1 })
	_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
	if pe := providerErr(t, err, app.KindTransient); pe.NotSent {
		t.Errorf("a request the server read is marked NotSent: %+v", pe)
	}
}

func TestTimeoutIsTransient(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Retries = -1; cfg.Timeout = 50 * time.Millisecond })
	_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
	if pe := providerErr(t, err, app.KindTransient); !strings.Contains(pe.Message, "超时") {
		t.Errorf("error %+v", pe)
	}
}

// TLS verification stays on: a server whose certificate is not trusted is
// refused before any request is written.
func TestUntrustedCertificateIsRefused(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("a request reached a server with an untrusted certificate")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Retries = -1 })
	_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
	if pe := providerErr(t, err, app.KindTransient); !pe.NotSent || !strings.Contains(pe.Message, "证书") {
		t.Errorf("error %+v", pe)
	}
}

func TestRedirectIsRefused(t *testing.T) {
	f := newFakeSync(t, always(200, okAnswer(smallPage, false)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, f.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Retries = -1 })
	_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
	providerErr(t, err, app.KindTransient)
	if n := len(f.Calls()); n != 0 {
		t.Errorf("the envelope followed a redirect (%d calls)", n)
	}
}

// A server that echoes the secret back (in its message, its uuid or its
// code) never makes it appear in an error or a log line.
func TestSecretNeverSurfaces(t *testing.T) {
	answers := []string{
		envelopeWith("1001", "签名错误,期望密钥 "+testSecret, ""),
		envelopeWith("2001", "参数错误:"+testSecret+testSecret, ""),
		`{"code":"` + testSecret + `","msg":"x","uuid":"` + testSecret + `"}`,
		envelopeWith("0000", "ok", testSecret),
		`{"code":"0000","content":"` + strings.Repeat("A", 299) + testSecret + `"}`,
	}
	for _, answer := range answers {
		f := newFakeSync(t, always(200, answer))
		c, logs := newTestClient(t, f.URL)
		_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
		if err == nil {
			t.Fatalf("%s: no error", answer)
		}
		assertNoSecret(t, "error", err.Error())
		assertNoSecret(t, "log", logs.String())
		if !strings.Contains(logs.String(), "进项同步 page failed") {
			t.Errorf("nothing logged: %q", logs.String())
		}
	}
	// Nor does a successful sync log it, nor the signature.
	f := newFakeSync(t, always(200, okAnswer(seedPlainPage, true)))
	c, logs := newTestClient(t, f.URL)
	if _, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked}); err != nil {
		t.Fatal(err)
	}
	assertNoSecret(t, "log", logs.String())
	if sig := str(f.Calls()[0].Envelope, "signature"); sig == "" || strings.Contains(logs.String(), sig) {
		t.Errorf("the signature is logged or missing: %q", logs.String())
	}
	if !strings.Contains(logs.String(), "count=201") {
		t.Errorf("the outcome is not logged: %q", logs.String())
	}
	assertNoBodies(t, logs.String(), f.Calls()[0])
}

// assertNoBodies checks a log holds neither the request's content nor
// signature nor anything of the answer's page (seed 002's plain example).
func assertNoBodies(t *testing.T, log string, call recordedCall) {
	t.Helper()
	for _, part := range []string{str(call.Envelope, "content"), str(call.Envelope, "signature"), "01539905", "有限公司"} {
		if part == "" || strings.Contains(log, part) {
			t.Errorf("the log holds %q (or the request lacks it): %s", part, log)
		}
	}
}

// An answer longer than the client reads is refused, not truncated into a
// half page.
func TestAnswerTooLargeIsTransient(t *testing.T) {
	f := newFakeSync(t, always(200, okAnswer(seedPlainPage, false)))
	c, _ := newTestClient(t, f.URL, func(cfg *Config) { cfg.Retries = -1 })
	c.api = newAPIClient(time.Second, 100) // the seed's page is a kilobyte
	_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
	if pe := providerErr(t, err, app.KindTransient); !strings.Contains(pe.Message, "响应过大") {
		t.Errorf("error %+v", pe)
	}
}
