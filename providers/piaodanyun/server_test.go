package piaodanyun

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

// Test account. The password and tokens are distinctive so that a test can
// prove they never leak into an error message.
const (
	testPhone    = "13500001111"
	testPassword = "pw-S3cret-Zq9"
	testUsername = "13512345678"
	testTenantID = 42
	testTaxID    = "9111011457319202X9"
	tokenPrefix  = "TKN-7f3a9-"
	// testEtaxPassword is the 电子税务局 password (loginDppt).
	testEtaxPassword = "etax-Pw-8Kq2v"
)

// recordedCall is one request the fake server received.
type recordedCall struct {
	Method      string
	Path        string
	Query       url.Values // the URL's query (getFaceImg)
	Form        url.Values // the POST body's form
	Auth        string
	ContentType string
}

// fakeServer answers like 票单云 in the seed's examples: obtainToken hands
// out TKN-7f3a9-1, -2, … and each qdjk path answers with its handler.
type fakeServer struct {
	*httptest.Server
	t *testing.T

	mu          sync.Mutex
	tokenCalls  int
	tokenBodies []map[string]any
	calls       []recordedCall
	tokenReply  func(n int) (status int, body string) // nil: a string token
	tokenDelay  time.Duration
	handlers    map[string]func(w http.ResponseWriter, r *http.Request, call recordedCall)
}

func newFakeServer(t *testing.T) *fakeServer {
	t.Helper()
	fs := &fakeServer{t: t, handlers: map[string]func(http.ResponseWriter, *http.Request, recordedCall){}}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func tokenN(n int) string { return fmt.Sprintf("%s%d", tokenPrefix, n) }

func (fs *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == pathObtainToken {
		fs.serveToken(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	call := recordedCall{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Form: r.PostForm,
		Auth: r.Header.Get("Authorization"), ContentType: r.Header.Get("Content-Type"),
	}
	fs.mu.Lock()
	fs.calls = append(fs.calls, call)
	h := fs.handlers[r.URL.Path]
	fs.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r, call)
}

func (fs *fakeServer) serveToken(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	raw, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(raw, &body); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		http.Error(w, "want JSON, got "+ct, http.StatusBadRequest)
		return
	}
	fs.mu.Lock()
	fs.tokenCalls++
	n := fs.tokenCalls
	fs.tokenBodies = append(fs.tokenBodies, body)
	reply, delay := fs.tokenReply, fs.tokenDelay
	fs.mu.Unlock()
	time.Sleep(delay) // widens the window in which concurrent callers could race
	if reply != nil {
		status, text := reply(n)
		writeJSON(w, status, text)
		return
	}
	writeJSON(w, http.StatusOK, fmt.Sprintf(`{"code":200,"msg":"成功","data":%q}`, tokenN(n)))
}

// handle sets the answer for one path.
func (fs *fakeServer) handle(path string, h func(w http.ResponseWriter, r *http.Request, call recordedCall)) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.handlers[path] = h
}

// reply makes a handler that always answers status and body.
func reply(status int, body string) func(http.ResponseWriter, *http.Request, recordedCall) {
	return func(w http.ResponseWriter, _ *http.Request, _ recordedCall) { writeJSON(w, status, body) }
}

func (fs *fakeServer) tokenCount() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.tokenCalls
}

func (fs *fakeServer) recorded() []recordedCall {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]recordedCall(nil), fs.calls...)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func testConfig(base string) Config {
	return Config{
		BaseURL: base, Phone: testPhone, Password: testPassword, TenantID: testTenantID,
		Username: testUsername, SellerTaxID: testTaxID, Timeout: 5 * time.Second,
		EtaxPassword: testEtaxPassword,
	}
}

func newTestClient(t *testing.T, base string) *Client {
	t.Helper()
	c, err := New(testConfig(base))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// assertNoSecrets fails when an error message carries a password or any
// token the fake server handed out.
func assertNoSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if strings.Contains(msg, testPassword) || strings.Contains(msg, testEtaxPassword) || strings.Contains(msg, tokenPrefix) {
		t.Errorf("error message leaks a secret: %s", msg)
	}
}

// providerErr asserts err is a *app.ProviderError of kind and returns it.
func providerErr(t *testing.T, err error, kind app.ErrorKind) *app.ProviderError {
	t.Helper()
	assertNoSecrets(t, err)
	pe, ok := err.(*app.ProviderError)
	if !ok {
		t.Fatalf("error %T %v, want *app.ProviderError", err, err)
	}
	if pe.Kind != kind {
		t.Fatalf("kind %v (%s), want %v", pe.Kind, pe.Error(), kind)
	}
	if pe.Provider != providerName {
		t.Errorf("provider %q, want %q", pe.Provider, providerName)
	}
	return pe
}

// seedSeller and seedInvoice are the seed's blueTicket example.
var seedSeller = app.Party{
	Name: "北京民诺科技有限公司", TaxID: testTaxID,
	Address: "北京市昌平区东小口镇天通中苑二区21号楼2层1428", Phone: "13581913319",
	Bank: "中国工商银行股份有限公司北京西三旗支行", Account: "0200240109200016984",
}

func seedInvoice(t *testing.T) app.Invoice {
	t.Helper()
	return prepare(t, app.DraftLine{
		Name: "*软件*票单云财税管理系统", TaxCode: "1060301020100000000", Spec: "V1", Unit: "年",
		Quantity: "1", Price: "1", Amount: "1", TaxRate: "0.01", TaxIncluded: true,
	})
}

func prepare(t *testing.T, lines ...app.DraftLine) app.Invoice {
	t.Helper()
	inv, err := app.Prepare(app.Draft{
		Type:  "82",
		Buyer: app.Party{Name: "上海市某某科技有限公司", TaxID: "91510113MA6739XPX2"},
		Lines: lines,
	}, seedSeller)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	inv.RequestSerial = testTaxID + "_01"
	return inv
}

const issuedOK = `{"code":200,"msg":"成功","data":{"Fphm":"22111111111111111180","Kprq":"2022-11-28 15:28:11","Gmfyx":null,"GmfSsjswjgdm":null},"total":0}`

// assertFields fails unless got holds exactly want: each key once, with its
// value, and nothing else.
func assertFields(t *testing.T, what string, got url.Values, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if vs := got[k]; len(vs) != 1 || vs[0] != v {
			t.Errorf("%s %s = %q, want [%q]", what, k, vs, v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s has unexpected field %s = %q", what, k, got[k])
		}
	}
}
