package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	smcipher "github.com/emmansun/gmsm/cipher"
	"github.com/emmansun/gmsm/padding"
	"github.com/emmansun/gmsm/sm4"
)

// TestLeqiSealerStandardVector: the sandbox's SM4 under DemoLeqiKey gives
// GB/T 32907's sample ciphertext for its sample plaintext (the first
// block; PKCS7 adds a second), and opens what the tests' gmsm seals.
func TestLeqiSealerStandardVector(t *testing.T) {
	seal, err := newLeqiSealer(DemoLeqiKey)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := hex.DecodeString("0123456789abcdeffedcba9876543210")
	raw, err := base64.StdEncoding.DecodeString(seal.seal(plain))
	if err != nil || len(raw) != 32 {
		t.Fatalf("sealed 16 bytes into %d bytes (%v), want two blocks", len(raw), err)
	}
	if got := hex.EncodeToString(raw[:16]); got != "681edf34d206965e86b3e94f536e4246" {
		t.Errorf("first block %s, want GB/T 32907's 681edf34d206965e86b3e94f536e4246", got)
	}
	for _, n := range []int{0, 15, 16, 17, 1000} {
		text := bytes.Repeat([]byte("票"), n)[:n]
		got, err := seal.open(sm4Seal(t, demoKey(t), text))
		if err != nil || !bytes.Equal(got, text) {
			t.Errorf("length %d: opened %d bytes, %v", n, len(got), err)
		}
	}
}

// TestLeqiSealerRefusesGarbage: what is not base64 of whole blocks under
// the key fails cleanly, never panics.
func TestLeqiSealerRefusesGarbage(t *testing.T) {
	seal, err := newLeqiSealer(DemoLeqiKey)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := hex.DecodeString("00112233445566778899aabbccddeeff")
	for name, text := range map[string]string{
		"empty":         "",
		"not base64":    "这不是密文",
		"partial block": base64.StdEncoding.EncodeToString([]byte("short")),
		"other key":     sm4Seal(t, other, []byte(`{"nsrsbh":"9111011457319202X9"}`)),
	} {
		if got, err := seal.open(text); err == nil {
			t.Errorf("%s: opened to %q", name, got)
		}
	}
	wrapped := sm4Seal(t, demoKey(t), []byte(`{"a":1}`))
	if got, err := seal.open(wrapped[:10] + "\r\n" + wrapped[10:]); err != nil || string(got) != `{"a":1}` {
		t.Errorf("base64 wrapped with a line break: %q, %v", got, err)
	}
}

// TestLeqiEnvelopeErrors: each problem of the call has its code in
// Response.Error, and none of them runs a service.
func TestLeqiEnvelopeErrors(t *testing.T) {
	e := start(t)
	path := leqiPrefix + testCapability + "/" + fwbmSegment
	good := sm4Seal(t, demoKey(t), []byte(`{"nsrsbh":"`+sellerID+`","lysl":5,"ywlsh":"`+newYwlsh("env")+`"}`))
	other, _ := hex.DecodeString("00112233445566778899aabbccddeeff")
	with := func(k, v string) map[string]string {
		h := leqiHeaders(fwbmSegment)
		h[k] = v
		return h
	}
	for _, c := range []struct {
		name, path string
		headers    map[string]string
		body       string
		status     int
		code, msg  string
	}{
		{"wrong key", path, leqiHeaders(fwbmSegment), sm4Seal(t, other, []byte(`{"nsrsbh":"x"}`)), 200, "1002", "请求报文解密失败,请检查密钥"},
		{"not base64", path, leqiHeaders(fwbmSegment), "{\"nsrsbh\":1}", 200, "1002", "请求报文解密失败,请检查密钥"},
		{"empty body", path, leqiHeaders(fwbmSegment), "", 200, "1002", "请求报文解密失败,请检查密钥"},
		{"wrong platform", path, with("jrdwptbh", "JRDW-OTHER"), good, 200, "1001", "接入单位平台编号不存在"},
		{"no platform", path, with("jrdwptbh", ""), good, 200, "1001", "接入单位平台编号不存在"},
		{"fwbm header differs", path, with("fwbm", fwbmUpload), good, 200, "1005", "fwbm"},
		{"no fwbm header", path, with("fwbm", ""), good, 200, "1005", "fwbm"},
		{"nlbm header differs", path, with("nlbm", "OTHER"), good, 200, "1005", "nlbm"},
		{"unknown service", leqiPrefix + testCapability + "/NOSUCH", with("fwbm", "NOSUCH"), good, 200, "1003", "服务不存在"},
		{"no service in the path", leqiPrefix + testCapability, leqiHeaders(fwbmSegment), good, 404, "1003", "服务不存在"},
		{"not JSON", path, leqiHeaders(fwbmSegment), sm4Seal(t, demoKey(t), []byte(`{"nsrsbh":`)), 200, "1004", "请求报文格式错误"},
		{"an array", path, leqiHeaders(fwbmSegment), sm4Seal(t, demoKey(t), []byte(`[1]`)), 200, "1004", "JSON对象"},
		{"a field of the wrong type", path, leqiHeaders(fwbmSegment), sm4Seal(t, demoKey(t), []byte(`{"nsrsbh":9}`)), 200, "1004", "nsrsbh"},
	} {
		r := e.leqiPost(c.path, c.headers, c.body)
		switch {
		case r.Error == nil:
			t.Errorf("%s: answered Data %s, want Error %s", c.name, r.Data, c.code)
		case r.Status != c.status || r.Error.Code != c.code || !strings.Contains(r.Error.Message, c.msg):
			t.Errorf("%s: HTTP %d %+v, want %d %s %q", c.name, r.Status, *r.Error, c.status, c.code, c.msg)
		}
	}
	// Nothing was granted: the first segment still starts at 1.
	if seg := e.grant(5, newYwlsh("after")); seg.First != "26111000000000000001" {
		t.Errorf("first segment after the refused calls starts at %s", seg.First)
	}
	if got := e.srv.Stats()["leqi:"+fwbmSegment]; got < 10 {
		t.Errorf("stats count %d QDFPPLFM calls", got)
	}
}

// TestLeqiOnlyPost: the endpoint takes POST only.
func TestLeqiOnlyPost(t *testing.T) {
	e := start(t)
	req, _ := http.NewRequest(http.MethodGet, e.base+leqiPrefix+testCapability+"/"+fwbmSegment, nil)
	if resp, _ := e.mustDo(req); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET answered HTTP %d", resp.StatusCode)
	}
}

// TestLeqiOptions: another unit and key replace the demo ones; the demo
// key then fails to decrypt and the demo number is unknown.
func TestLeqiOptions(t *testing.T) {
	const key = "00112233445566778899aabbccddeeff"
	e := start(t, func(o *Options) { o.LeqiPlatform, o.LeqiKey = "JRDW-CO-7", key })
	k, _ := hex.DecodeString(key)
	body := `{"nsrsbh":"` + sellerID + `","lysl":1,"ywlsh":"JRDW-CO-7abc"}`
	h := leqiHeaders(fwbmSegment)
	path := leqiPrefix + testCapability + "/" + fwbmSegment
	if r := e.leqiPost(path, h, sm4Seal(t, k, []byte(body))); r.Error == nil || r.Error.Code != "1001" {
		t.Errorf("the demo platform number: %+v", r)
	}
	h["jrdwptbh"] = "JRDW-CO-7"
	if r := e.leqiPost(path, h, sm4Seal(t, demoKey(t), []byte(body))); r.Error == nil || r.Error.Code != "1002" {
		t.Errorf("the demo key: %+v", r)
	}
	// The right unit and key: the answer is sealed with that key too.
	req, _ := http.NewRequest(http.MethodPost, e.base+path, strings.NewReader(sm4Seal(t, k, []byte(body))))
	for name, v := range h {
		req.Header.Set(name, v)
	}
	_, raw := e.mustDo(req)
	sealed := between(string(raw), `"Data":"`, `"`)
	if got := string(sm4Open(t, k, sealed)); !strings.Contains(got, `"returncode":"00"`) {
		t.Errorf("own unit and key: %s", got)
	}
}

// between is the text of s between the first before and the after that
// follows it.
func between(s, before, after string) string {
	_, rest, _ := strings.Cut(s, before)
	inner, _, _ := strings.Cut(rest, after)
	return inner
}

// TestLeqiBadOptions: a key that is not 32 hex characters, a platform
// number with odd characters, a negative processing time are refused, and
// the message never quotes the key.
func TestLeqiBadOptions(t *testing.T) {
	dir := t.TempDir()
	const secret = "0123456789abcdeffedcba98765432zz"
	for name, o := range map[string]Options{
		"short key":           {LeqiKey: "0123"},
		"key not hex":         {LeqiKey: secret},
		"platform with slash": {LeqiPlatform: "JRDW/1"},
		"negative processing": {LeqiProcessing: -time.Second},
	} {
		o.DBPath = dir + "/" + strings.ReplaceAll(name, " ", "_") + ".db"
		s, err := New(o)
		if err == nil {
			_ = s.Close()
			t.Errorf("%s: New accepted it", name)
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "0123") {
			t.Errorf("%s: error quotes the key: %v", name, err)
		}
	}
}

// TestLeqiFaults: injected 503s and latency reach the 乐企 endpoint too.
func TestLeqiFaults(t *testing.T) {
	e := start(t, func(o *Options) { o.Faults.Latency = 30 * time.Millisecond })
	e.srv.FailNext(1)
	req, _ := http.NewRequest(http.MethodPost, e.base+leqiPrefix+testCapability+"/"+fwbmCreditLine, strings.NewReader("x"))
	if resp, _ := e.mustDo(req); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("FailNext: HTTP %d", resp.StatusCode)
	}
	began := time.Now()
	e.leqiOK(fwbmCreditLine, map[string]string{"nsrsbh": sellerID})
	if took := time.Since(began); took < 30*time.Millisecond {
		t.Errorf("answered after %v, want the 30ms latency", took)
	}
}

// TestLeqiWrongKeyWithValidPadding: about one body in 256 sealed with a
// wrong key still decrypts to valid padding; it is garbage, not UTF-8, and
// must be told as a key problem (1002), not as bad JSON (1004).
func TestLeqiWrongKeyWithValidPadding(t *testing.T) {
	e := start(t)
	other, _ := hex.DecodeString("00112233445566778899aabbccddeeff")
	block, err := sm4.NewCipher(demoKey(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100_000 {
		body := sm4Seal(t, other, []byte(fmt.Sprintf(`{"nsrsbh":"%s","n":%d}`, sellerID, i)))
		raw, _ := base64.StdEncoding.DecodeString(body)
		out := make([]byte, len(raw))
		smcipher.NewECBDecrypter(block).CryptBlocks(out, raw)
		if _, err := padding.NewPKCS7Padding(sm4.BlockSize).Unpad(out); err != nil {
			continue // the usual case: the padding gives the wrong key away
		}
		r := e.leqiPost(leqiPrefix+testCapability+"/"+fwbmCreditLine, leqiHeaders(fwbmCreditLine), body)
		if r.Error == nil || r.Error.Code != "1002" {
			t.Errorf("wrong key, valid padding (body %d): %+v", i, r)
		}
		return
	}
	t.Fatal("no wrong-key body with valid padding found")
}
