package leqi

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm4"

	"fapiao/app"
)

// Test account. The key is distinctive so a test can prove it never leaks.
const (
	testKey      = "a3f1c9e27b5d4086fe1d2c3b4a596877"
	testPlatform = "JRDW4401000123"
	testTaxID    = "9111011457319202X9"
)

// recordedCall is one request the fake platform received, decrypted.
type recordedCall struct {
	Method      string
	Path        string
	Fwbm        string
	Nlbm        string
	Jrdwptbh    string
	ContentType string
	Body        string         // as sent: base64 text
	JSON        map[string]any // decrypted, numbers as json.Number
	Plain       []byte         // decrypted
}

// fakeLeqi decrypts every request with the test key, on its own ECB and
// PKCS7 code (not the package's), records it and answers with reply.
type fakeLeqi struct {
	*httptest.Server
	t   *testing.T
	key []byte

	mu    sync.Mutex
	calls []recordedCall
	reply func(call recordedCall) (status int, body string)
}

func newFakeLeqi(t *testing.T, reply func(recordedCall) (int, string)) *fakeLeqi {
	t.Helper()
	key, _ := hex.DecodeString(testKey)
	f := &fakeLeqi{t: t, key: key, reply: reply}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeLeqi) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	call := recordedCall{
		Method: r.Method, Path: r.URL.Path, Fwbm: r.Header.Get("fwbm"), Nlbm: r.Header.Get("nlbm"),
		Jrdwptbh: r.Header.Get("jrdwptbh"), ContentType: r.Header.Get("Content-Type"), Body: string(raw),
	}
	plain, err := testOpen(f.key, string(raw))
	if err == nil {
		call.Plain = plain
		dec := json.NewDecoder(bytes.NewReader(plain))
		dec.UseNumber()
		err = dec.Decode(&call.JSON)
	}
	f.mu.Lock()
	f.calls = append(f.calls, call)
	reply := f.reply
	f.mu.Unlock()
	if err != nil {
		writeText(w, http.StatusOK, errorBody(`"1001"`, "报文解密失败"))
		return
	}
	status, body := reply(call)
	writeText(w, status, body)
}

func (f *fakeLeqi) recorded() []recordedCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedCall(nil), f.calls...)
}

// only returns the one call made, failing the test otherwise.
func (f *fakeLeqi) only() recordedCall {
	f.t.Helper()
	calls := f.recorded()
	if len(calls) != 1 {
		f.t.Fatalf("%d calls, want 1: %+v", len(calls), calls)
	}
	return calls[0]
}

func writeText(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// testSeal and testOpen are the platform's side of the envelope, written
// independently of sealer: block by block, PKCS7 by hand.
func testSeal(key, plain []byte) string {
	block, err := sm4.NewCipher(key)
	if err != nil {
		panic(err)
	}
	n := sm4.BlockSize - len(plain)%sm4.BlockSize
	padded := append(append([]byte(nil), plain...), bytes.Repeat([]byte{byte(n)}, n)...)
	out := make([]byte, len(padded))
	for i := 0; i < len(padded); i += sm4.BlockSize {
		block.Encrypt(out[i:i+sm4.BlockSize], padded[i:i+sm4.BlockSize])
	}
	return base64.StdEncoding.EncodeToString(out)
}

func testOpen(key []byte, text string) ([]byte, error) {
	raw, err := base64.StdEncoding.Strict().DecodeString(text)
	if err != nil || len(raw) == 0 || len(raw)%sm4.BlockSize != 0 {
		return nil, errors.New("not sealed")
	}
	block, _ := sm4.NewCipher(key)
	out := make([]byte, len(raw))
	for i := 0; i < len(raw); i += sm4.BlockSize {
		block.Decrypt(out[i:i+sm4.BlockSize], raw[i:i+sm4.BlockSize])
	}
	n := int(out[len(out)-1])
	if n == 0 || n > sm4.BlockSize || !bytes.Equal(out[len(out)-n:], bytes.Repeat([]byte{byte(n)}, n)) {
		return nil, errors.New("bad padding")
	}
	return out[:len(out)-n], nil
}

// sealedData is an answer whose Data is the JSON text data, encrypted with
// the test key — the platform's normal shape.
func sealedData(data string) string {
	key, _ := hex.DecodeString(testKey)
	return fmt.Sprintf(`{"Response":{"RequestId":"R1234567890ABCDE","Data":%q}}`, testSeal(key, []byte(data)))
}

// plainData is an answer whose Data is the object itself, as seed 000 prints it.
func plainData(data string) string {
	return `{"Response":{"RequestId":"R1234567890ABCDE","Data":` + data + `}}`
}

// errorBody is an Error answer; code is raw JSON (a string or a number).
func errorBody(code, message string) string {
	return fmt.Sprintf(`{"Response":{"RequestId":"R1234567890ABCDE","Error":{"Code":%s,"Message":%q}}}`, code, message)
}

func always(status int, body string) func(recordedCall) (int, string) {
	return func(recordedCall) (int, string) { return status, body }
}

func testConfig(baseURL string) Config {
	return Config{BaseURL: baseURL, Jrdwptbh: testPlatform, Key: testKey, SellerTaxID: testTaxID, Timeout: 5 * time.Second}
}

// logBuffer collects a client's log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestClient builds a client for url whose log, at debug level, is
// checked for the key when the test ends.
func newTestClient(t *testing.T, url string) (*Client, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	cfg := testConfig(url)
	cfg.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { assertNoKeyIn(t, "log", logs.String()) })
	return c, logs
}

// assertNoKeyIn fails when text holds the key or any 8 characters of it in
// a row, in any case.
func assertNoKeyIn(t *testing.T, what, text string) {
	t.Helper()
	lower := strings.ToLower(text)
	for i := 0; i+8 <= len(testKey); i++ {
		if strings.Contains(lower, testKey[i:i+8]) {
			t.Errorf("%s carries part of the key (%q): %s", what, testKey[i:i+8], text)
			return
		}
	}
}

// providerErr checks that err is a *app.ProviderError of kind, from 乐企,
// without the key, and returns it.
func providerErr(t *testing.T, err error, kind app.ErrorKind) *app.ProviderError {
	t.Helper()
	var pe *app.ProviderError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want *app.ProviderError", err, err)
	}
	if pe.Kind != kind {
		t.Fatalf("kind %v, want %v: %v", pe.Kind, kind, err)
	}
	if pe.Provider != "乐企" {
		t.Errorf("provider %q", pe.Provider)
	}
	assertNoKeyIn(t, "error", err.Error())
	assertNoKeyIn(t, "error", fmt.Sprintf("%+v %#v", err, pe))
	return pe
}

// assertJSON compares a decrypted request with the JSON text want, exactly:
// same keys, same values, same types (numbers stay numbers).
func assertJSON(t *testing.T, call recordedCall, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(call.Plain, &got); err != nil {
		t.Fatalf("request is not JSON: %v", err)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad expectation: %v", err)
	}
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if !bytes.Equal(g, e) {
		t.Errorf("request\n got %s\nwant %s", g, e)
	}
}

// assertEnvelope checks the path and headers of a call to fwbm.
func assertEnvelope(t *testing.T, call recordedCall, fwbm string) {
	t.Helper()
	if call.Method != http.MethodPost || call.Path != "/access/v2/invoke/LQKP/"+fwbm {
		t.Errorf("%s %s, want POST /access/v2/invoke/LQKP/%s", call.Method, call.Path, fwbm)
	}
	if call.Fwbm != fwbm || call.Nlbm != "LQKP" || call.Jrdwptbh != testPlatform {
		t.Errorf("headers fwbm=%q nlbm=%q jrdwptbh=%q", call.Fwbm, call.Nlbm, call.Jrdwptbh)
	}
	if call.ContentType != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", call.ContentType)
	}
	if call.JSON == nil {
		t.Errorf("body %q did not decrypt to a JSON object", call.Body)
	}
	assertNoKeyIn(t, "request body", call.Body)
}

func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
