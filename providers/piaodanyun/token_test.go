package piaodanyun

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fapiao/app"
)

const notFoundReply = `{"code":200,"msg":"成功","data":null,"total":0}`

// lookup runs one call through the token machinery; the answer (not found)
// does not matter to these tests.
func lookup(c *Client) error {
	_, err := c.Lookup(context.Background(), testTaxID+"_01")
	return err
}

func TestObtainTokenBody(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathInvoiceQuery, reply(http.StatusOK, notFoundReply))
	_ = lookup(newTestClient(t, fs.URL))

	if len(fs.tokenBodies) != 1 {
		t.Fatalf("%d obtainToken calls, want 1", len(fs.tokenBodies))
	}
	body := fs.tokenBodies[0]
	want := map[string]any{
		"phone": testPhone, "phone_email": testPhone, "pass": testPassword,
		"tenant_id": float64(testTenantID), "token_type": "TaxApi",
	}
	if len(body) != len(want) {
		t.Errorf("body has %d fields %v, want %d", len(body), body, len(want))
	}
	for k, v := range want {
		if body[k] != v {
			t.Errorf("%s = %#v, want %#v", k, body[k], v)
		}
	}
}

func TestTokenReusedAcrossCalls(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathInvoiceQuery, reply(http.StatusOK, notFoundReply))
	c := newTestClient(t, fs.URL)
	for i := 0; i < 3; i++ {
		_ = lookup(c)
	}
	if n := fs.tokenCount(); n != 1 {
		t.Errorf("%d obtainToken calls, want 1", n)
	}
	for i, call := range fs.recorded() {
		if call.Auth != tokenN(1) {
			t.Errorf("call %d Authorization %q, want %q", i, call.Auth, tokenN(1))
		}
	}
}

// expiredOnce answers the first call with refusal and later ones with ok.
func expiredOnce(status int, refusal, ok string) func(http.ResponseWriter, *http.Request, recordedCall) {
	var n atomic.Int32
	return func(w http.ResponseWriter, _ *http.Request, _ recordedCall) {
		if n.Add(1) == 1 {
			writeJSON(w, status, refusal)
			return
		}
		writeJSON(w, http.StatusOK, ok)
	}
}

func TestExpiredTokenRefreshedAndCallRetriedOnce(t *testing.T) {
	refusals := map[string]struct {
		status int
		body   string
	}{
		"code 401":        {http.StatusOK, `{"code":401,"msg":"未授权"}`},
		"code \"401\"":    {http.StatusOK, `{"code":"401","msg":"未授权"}`},
		"HTTP 401":        {http.StatusUnauthorized, ``},
		"token 已过期":       {http.StatusOK, `{"code":999,"msg":"token已过期,请重新获取"}`},
		"令牌失效 in message": {http.StatusOK, `{"code":500,"message":"访问令牌失效"}`},
		"Token 无效":        {http.StatusOK, `{"code":"10001","msg":"Token无效"}`},
	}
	for name, r := range refusals {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathBlueTicket, expiredOnce(r.status, r.body, issuedOK))
			got, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
			if err != nil {
				t.Fatalf("Issue: %v", err)
			}
			if got.Number != "22111111111111111180" {
				t.Errorf("number %q", got.Number)
			}
			calls := fs.recorded()
			if len(calls) != 2 || fs.tokenCount() != 2 {
				t.Fatalf("%d calls and %d token calls, want 2 and 2", len(calls), fs.tokenCount())
			}
			if calls[0].Auth != tokenN(1) || calls[1].Auth != tokenN(2) {
				t.Errorf("tokens used %q then %q", calls[0].Auth, calls[1].Auth)
			}
			if calls[0].Form.Get("fpqqlsh") != calls[1].Form.Get("fpqqlsh") {
				t.Error("the retry changed the serial")
			}
		})
	}
}

func TestSecondExpiryInARowIsCredentials(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, reply(http.StatusOK, `{"code":401,"msg":"token已失效"}`))
	_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
	providerErr(t, err, app.KindCredentials)
	if n, tn := len(fs.recorded()), fs.tokenCount(); n != 2 || tn != 2 {
		t.Errorf("%d calls and %d token calls, want 2 and 2 (one retry only)", n, tn)
	}
}

func TestConcurrentCallersShareOneRefresh(t *testing.T) {
	fs := newFakeServer(t)
	fs.tokenDelay = 20 * time.Millisecond
	// Every call made with the first token is refused.
	fs.handle(pathInvoiceQuery, func(w http.ResponseWriter, _ *http.Request, call recordedCall) {
		if call.Auth == tokenN(1) {
			writeJSON(w, http.StatusOK, `{"code":401,"msg":"token已过期"}`)
			return
		}
		writeJSON(w, http.StatusOK, notFoundReply)
	})
	c := newTestClient(t, fs.URL)
	const callers = 16

	// Start all callers with no token yet: one obtains it for all. Then the
	// first token is refused to all of them: one renews it for all.
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for i := 0; i < callers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- lookup(c)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, app.ErrNotFound) {
			t.Errorf("caller got %v, want not found", err)
		}
	}
	if n := fs.tokenCount(); n != 2 {
		t.Errorf("%d obtainToken calls for %d concurrent callers, want 2 (first token, one refresh)", n, callers)
	}
}

func TestTokenRenewedAMinuteBeforeExpiry(t *testing.T) {
	for name, data := range map[string]func(now time.Time) string{
		"expires_in number": func(time.Time) string { return `{"token":"%s","expires_in":3600}` },
		"expiresIn string":  func(time.Time) string { return `{"accessToken":"%s","expiresIn":"3600"}` },
		"expire_time": func(now time.Time) string {
			return `{"access_token":"%s","expire_time":"` + now.Add(time.Hour).In(app.ChinaTime).Format(time.DateTime) + `"}`
		},
	} {
		t.Run(name, func(t *testing.T) {
			now := time.Date(2025, 3, 1, 9, 0, 0, 0, app.ChinaTime)
			clock := now
			fs := newFakeServer(t)
			fs.tokenReply = func(n int) (int, string) {
				return http.StatusOK, fmt.Sprintf(`{"code":200,"msg":"成功","data":`+data(now)+`}`, tokenN(n))
			}
			fs.handle(pathInvoiceQuery, reply(http.StatusOK, notFoundReply))
			c := newTestClient(t, fs.URL)
			c.now = func() time.Time { return clock }

			_ = lookup(c)
			clock = now.Add(time.Hour - refreshMargin - time.Second)
			_ = lookup(c)
			if n := fs.tokenCount(); n != 1 {
				t.Fatalf("%d token calls before the margin, want 1", n)
			}
			clock = now.Add(time.Hour - refreshMargin)
			_ = lookup(c)
			if n := fs.tokenCount(); n != 2 {
				t.Fatalf("%d token calls at the margin, want 2", n)
			}
			if got := fs.recorded()[2].Auth; got != tokenN(2) {
				t.Errorf("third call used %q, want the renewed token", got)
			}
		})
	}
}

func TestTokenWithoutExpiryLastsTwoHours(t *testing.T) {
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, app.ChinaTime)
	got, err := decodeTokenData([]byte(`"abc.def"`), now)
	if err != nil || got.value != "abc.def" || !got.expiresAt.Equal(now.Add(2*time.Hour)) {
		t.Errorf("got %+v, %v", got, err)
	}
	got, err = decodeTokenData([]byte(`{"token":"abc","expires_in":"soon"}`), now)
	if err != nil || !got.expiresAt.Equal(now.Add(2*time.Hour)) {
		t.Errorf("unreadable expiry: got %+v, %v", got, err)
	}
	got, err = decodeTokenData([]byte(`{"token":"abc","expires_in":1e30}`), now)
	if err != nil || !got.expiresAt.Equal(now.Add(maxTokenTTL)) {
		t.Errorf("huge expiry: got %+v, %v", got, err)
	}
	for _, bad := range []string{`null`, `""`, `{}`, `{"token":"a b"}`, `{"token":"令牌"}`, `[1]`, `12`} {
		if _, err := decodeTokenData([]byte(bad), now); err == nil {
			t.Errorf("%s accepted as token data", bad)
		}
	}
}

func TestObtainTokenFailures(t *testing.T) {
	for name, r := range map[string]struct {
		status int
		body   string
		kind   app.ErrorKind
	}{
		"40000 wrong password": {http.StatusOK, `{"code":40000,"msg":"用户名或密码错误","data":null}`, app.KindCredentials},
		"20000 missing param":  {http.StatusOK, `{"code":20000,"msg":"参数不能为空","data":null}`, app.KindCredentials},
		"HTTP 401":             {http.StatusUnauthorized, `{}`, app.KindCredentials},
		"HTTP 503":             {http.StatusServiceUnavailable, ``, app.KindTransient},
		"token in odd shape":   {http.StatusOK, `{"code":200,"data":{"jwt":"` + testPassword + `"}}`, app.KindTransient},
		"not JSON":             {http.StatusOK, `token=` + testPassword, app.KindTransient},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.tokenReply = func(int) (int, string) { return r.status, r.body }
			fs.handle(pathBlueTicket, reply(http.StatusOK, issuedOK))
			_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
			pe := providerErr(t, err, r.kind)
			if pe.Op != opObtainToken {
				t.Errorf("op %q, want %q", pe.Op, opObtainToken)
			}
			if len(fs.recorded()) != 0 {
				t.Error("blueTicket sent without a token")
			}
		})
	}
}

func TestWaitingForTokenHonoursContext(t *testing.T) {
	ts := newTokenSource(func(ctx context.Context) (accessToken, error) {
		<-ctx.Done()
		return accessToken{}, ctx.Err()
	}, time.Now)
	ts.refresh <- struct{}{} // someone else is renewing
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := ts.get(ctx)
	providerErr(t, err, app.KindTransient)
}
