package taxsync

import (
	"archive/zip"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

// Test account. The secret is distinctive so a test can prove it never leaks.
const (
	testAppID    = "APP20240001"
	testSecret   = "s3cr3t-HMAC-Kx9Qz7"
	testJtnsrsbh = "91510113MA6739XPX2"
	testNsrsbh   = "9111011457319202X9"
)

// recordedCall is one request the fake service received.
type recordedCall struct {
	Method      string
	Path        string
	ContentType string
	Body        []byte
	Envelope    map[string]any // the body's fields
	Query       map[string]any // content decoded, numbers as json.Number
	SignatureOK bool           // checked by the test's own HMAC
}

// fakeSync records every request, checks its signature with the test's own
// HMAC code (not the package's) and answers with reply.
type fakeSync struct {
	*httptest.Server
	mu    sync.Mutex
	calls []recordedCall
	reply func(n int, call recordedCall) (status int, body string) // n counts from 1
}

func newFakeSync(t *testing.T, reply func(n int, call recordedCall) (int, string)) *fakeSync {
	t.Helper()
	f := &fakeSync{reply: reply}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		call := recordedCall{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Body: body}
		if err := json.Unmarshal(body, &call.Envelope); err == nil {
			content, _ := call.Envelope["content"].(string)
			call.SignatureOK = call.Envelope["signature"] == testSignature(testSecret, str(call.Envelope, "appid"), content,
				str(call.Envelope, "jtnsrsbh"), str(call.Envelope, "nsrsbh"), str(call.Envelope, "serviceid"))
			if plain, err := base64.StdEncoding.DecodeString(content); err == nil {
				dec := json.NewDecoder(bytes.NewReader(plain))
				dec.UseNumber()
				_ = dec.Decode(&call.Query)
			}
		}
		f.mu.Lock()
		f.calls = append(f.calls, call)
		n := len(f.calls)
		f.mu.Unlock()
		status, answer := f.reply(n, call)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, answer)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSync) Calls() []recordedCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedCall(nil), f.calls...)
}

func str(m map[string]any, k string) string { s, _ := m[k].(string); return s }

// testSignature is the seed's signature written out by hand: the five
// parameters in the order their names sort to, no sorting code involved.
func testSignature(secret, appid, content, jtnsrsbh, nsrsbh, serviceid string) string {
	text := "?appid=" + appid + "&content=" + content + "&jtnsrsbh=" + jtnsrsbh + "&nsrsbh=" + nsrsbh + "&serviceid=" + serviceid
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(text))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// always answers every request the same way.
func always(status int, body string) func(int, recordedCall) (int, string) {
	return func(int, recordedCall) (int, string) { return status, body }
}

// okAnswer wraps a page's JSON the way the service does: Base64, zipped or not.
func okAnswer(pageJSON string, zipped bool) string {
	data := []byte(pageJSON)
	if zipped {
		data = zipOf(map[string][]byte{"data.json": data}, "data.json")
	}
	return envelopeWith("0000", "请求成功", base64.StdEncoding.EncodeToString(data))
}

func envelopeWith(code, msg, content string) string {
	b, _ := json.Marshal(map[string]any{"uuid": "4f1c2a", "code": code, "msg": msg, "sfjf": "Y", "jf_num": 1, "content": content})
	return string(b)
}

// zipOf builds a zip archive with the named entries, first first.
func zipOf(entries map[string][]byte, first string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string) {
		w, _ := zw.Create(name)
		_, _ = w.Write(entries[name])
	}
	write(first)
	for name := range entries {
		if name != first {
			write(name)
		}
	}
	_ = zw.Close()
	return buf.Bytes()
}

func testConfig(baseURL string) Config {
	return Config{BaseURL: baseURL, AppID: testAppID, Secret: testSecret, Jtnsrsbh: testJtnsrsbh, Nsrsbh: testNsrsbh}
}

// logBuffer collects a client's log lines for inspection.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// newTestClient builds a client for baseURL with short backoffs and a log
// at debug level, after applying mods to the config.
func newTestClient(t *testing.T, baseURL string, mods ...func(*Config)) (*Client, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	cfg := testConfig(baseURL)
	cfg.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	for _, m := range mods {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.backoff = time.Millisecond
	return c, logs
}

// providerErr asserts err is a *app.ProviderError of kind and returns it.
func providerErr(t *testing.T, err error, kind app.ErrorKind) *app.ProviderError {
	t.Helper()
	var pe *app.ProviderError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want *app.ProviderError", err, err)
	}
	if pe.Kind != kind {
		t.Fatalf("kind %v, want %v: %v", pe.Kind, kind, pe)
	}
	if pe.Provider != "进项同步" || pe.Op != "S000621" {
		t.Errorf("provider %q op %q", pe.Provider, pe.Op)
	}
	return pe
}

func assertNoSecret(t testing.TB, where, text string) {
	t.Helper()
	if strings.Contains(text, testSecret) {
		t.Errorf("the secret appears in the %s: %s", where, text)
	}
}

func boolPtr(b bool) *bool { return &b }

func day(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, app.ChinaTime)
	if err != nil {
		panic(err)
	}
	return t
}
