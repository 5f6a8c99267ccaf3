package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Parties of the tests: the seed's seller (Beijing, province 11) and a
// Sichuan buyer (province 51). Both pass the check digit.
const (
	sellerID = "9111011457319202X9"
	buyerID  = "91510113MA6739XPX2"
)

// clock is a settable clock for Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// testNow is 2026-03-15 10:00:00 in China.
var testNow = time.Date(2026, 3, 15, 2, 0, 0, 0, time.UTC)

// env is one running sandbox and a client for it.
type env struct {
	t      *testing.T
	srv    *Server
	base   string
	clock  *clock
	client *http.Client
	token  string
	dbPath string
}

// start runs a sandbox on 127.0.0.1 with a test clock; edit adjusts its options.
func start(t *testing.T, edit ...func(*Options)) *env {
	t.Helper()
	e := &env{t: t, clock: newClock(testNow), dbPath: filepath.Join(t.TempDir(), "sandbox.db")}
	opts := Options{DBPath: e.dbPath, Now: e.clock.Now}
	for _, f := range edit {
		f(&opts)
	}
	e.open(opts)
	return e
}

func (e *env) open(opts Options) { e.openWith(opts) }

// openWith creates the server, lets prepare adjust it, then starts it.
func (e *env) openWith(opts Options, prepare ...func(*Server)) {
	t := e.t
	t.Helper()
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, p := range prepare {
		p(srv)
	}
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	e.srv, e.base = srv, base
	transport := &http.Transport{}
	e.client = &http.Client{Transport: transport, Timeout: 10 * time.Second}
	t.Cleanup(func() {
		transport.CloseIdleConnections()
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
}

// envelope is the gateway's answer.
type envelope struct {
	Code  int             `json:"code"`
	Msg   string          `json:"msg"`
	Data  json.RawMessage `json:"data"`
	Total int             `json:"total"`
}

// do sends a request and returns the response with its body read.
func (e *env) do(req *http.Request) (*http.Response, []byte, error) {
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

// postJSON posts a JSON body and decodes the envelope.
func (e *env) postJSON(path, body string) envelope {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return e.decode(e.mustDo(req))
}

// postFormRaw posts a form with the given Authorization header value.
func (e *env) postFormRaw(path, auth string, form url.Values) (*http.Response, []byte, error) {
	req, _ := http.NewRequest(http.MethodPost, e.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return e.do(req)
}

// post posts a form with the env's token (obtained on first use).
func (e *env) post(path string, form url.Values) envelope {
	e.t.Helper()
	if e.token == "" {
		e.token = e.obtainToken()
	}
	resp, body, err := e.postFormRaw(path, e.token, form)
	if err != nil {
		e.t.Fatalf("POST %s: %v", path, err)
	}
	return e.decode(resp, body)
}

func (e *env) mustDo(req *http.Request) (*http.Response, []byte) {
	e.t.Helper()
	resp, body, err := e.do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	return resp, body
}

func (e *env) decode(resp *http.Response, body []byte) envelope {
	e.t.Helper()
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("HTTP %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		e.t.Fatalf("Content-Type %q, want JSON", ct)
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		e.t.Fatalf("decode %s: %v", body, err)
	}
	return env
}

func (e *env) obtainToken() string {
	e.t.Helper()
	env := e.postJSON(pathObtainToken, `{"phone":"13800000000","pass":"sandbox","tenant_id":1,"token_type":"TaxApi"}`)
	if env.Code != 200 {
		e.t.Fatalf("obtainToken: %d %s", env.Code, env.Msg)
	}
	var data struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(env.Data, &data); err != nil || data.Token == "" {
		e.t.Fatalf("obtainToken data %s: %v", env.Data, err)
	}
	return data.Token
}

// seedInvoice is seed 001's blueTicket example with real tax IDs: one
// tax-inclusive line of 1 at 1%.
func seedInvoice(serialSuffix string) url.Values {
	return url.Values{
		"username": {DemoUsername}, "fpqqlsh": {sellerID + "_" + serialSuffix},
		"fplxdm": {"82"}, "kplx": {"0"}, "xhdwsbh": {sellerID}, "xhdwmc": {"北京民诺科技有限公司"},
		"xhdwdzdh": {"北京市昌平区东小口镇 13581913319"}, "xhdwyhzh": {"中国工商银行北京西三旗支行 0200240109200016984"},
		"ghdwsbh": {buyerID}, "ghdwmc": {"上海市某某科技有限公司"}, "ghdwdzdh": {""}, "ghdwyhzh": {""},
		"fyxm[0][fphxz]": {"0"}, "fyxm[0][spmc]": {"*软件*票单云财税管理系统"}, "fyxm[0][ggxh]": {"V1"},
		"fyxm[0][dw]": {"年"}, "fyxm[0][spsl]": {"1"}, "fyxm[0][dj]": {"1"}, "fyxm[0][je]": {"1"},
		"fyxm[0][sl]": {"0.01"}, "fyxm[0][se]": {"0.01"}, "fyxm[0][hsbz]": {"1"},
		"fyxm[0][spbm]": {"1060301020100000000"},
		"hjje":          {"0.99"}, "hjse": {"0.01"}, "jshj": {"1"}, "kce": {"0"}, "kpr": {"张三"}, "bz": {"备注"},
	}
}

// issued is blueTicket's data.
type issued struct {
	Fphm string `json:"Fphm"`
	Kprq string `json:"Kprq"`
}

// issue sends a blueTicket that must be accepted.
func (e *env) issue(form url.Values) issued {
	e.t.Helper()
	env := e.post(pathBlueTicket, form)
	if env.Code != 200 {
		e.t.Fatalf("blueTicket %s refused: %d %s", form.Get("fpqqlsh"), env.Code, env.Msg)
	}
	var d issued
	if err := json.Unmarshal(env.Data, &d); err != nil {
		e.t.Fatalf("blueTicket data %s: %v", env.Data, err)
	}
	return d
}

// query asks invoiceQueryMx by serial and/or number for the seller.
func (e *env) query(serial, number string) envelope {
	e.t.Helper()
	return e.post(pathQueryMx, url.Values{"username": {DemoUsername}, "nsrsbh": {sellerID},
		"fpqqlsh": {serial}, "fphm": {number}})
}
