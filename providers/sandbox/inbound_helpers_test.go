package sandbox

import (
	"archive/zip"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"
)

// The tests speak S000621 with their own signing and decoding, not the
// sandbox's, so a mistake there cannot hide itself.

// inboundCompany is the company whose inbound invoices the tests sync
// (the Sichuan buyer of the other tests); inboundGroup its group.
const (
	inboundCompany = buyerID
	inboundGroup   = sellerID
)

// testSign is seed 002's signature as the README states it: the five
// parameters sorted by name, k=v joined with &, after "?", HMAC-SHA256
// under the secret, Base64.
func testSign(secret string, env map[string]string) string {
	names := []string{"serviceid", "nsrsbh", "jtnsrsbh", "content", "appid"}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + "=" + env[n]
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("?" + strings.Join(parts, "&")))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// inboundEnvelope is a correctly signed call for the company asking query.
func inboundEnvelope(t *testing.T, query map[string]any) map[string]string {
	t.Helper()
	plain, err := json.Marshal(query)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"appid": DemoInboundAppID, "serviceid": "S000621", "jtnsrsbh": inboundGroup,
		"nsrsbh": inboundCompany, "content": base64.StdEncoding.EncodeToString(plain), "signType": "0"}
	env["signature"] = testSign(DemoInboundSecret, env)
	return env
}

// inboundReply is the answer's envelope.
type inboundReply struct {
	Status  int
	UUID    string `json:"uuid"`
	Code    string `json:"code"`
	Msg     string `json:"msg"`
	Sfjf    string `json:"sfjf"`
	JfNum   int    `json:"jf_num"`
	Content string `json:"content"`
}

// inboundPost posts an envelope (any JSON value) to S000621.
func (e *env) inboundPost(body any) inboundReply {
	e.t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		e.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, e.base+"/invoice/S000621", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	resp, data := e.mustDo(req)
	var reply inboundReply
	if err := json.Unmarshal(data, &reply); err != nil {
		e.t.Fatalf("HTTP %d %q is not the S000621 envelope: %v", resp.StatusCode, data, err)
	}
	reply.Status = resp.StatusCode
	return reply
}

// inboundFetch asks query, which must succeed, and returns the content
// decoded: the JSON, unzipped when the query asked for a zip.
func (e *env) inboundFetch(query map[string]any) []byte {
	e.t.Helper()
	reply := e.inboundPost(inboundEnvelope(e.t, query))
	if reply.Status != http.StatusOK || reply.Code != "0000" {
		e.t.Fatalf("query %v: HTTP %d, %s %s", query, reply.Status, reply.Code, reply.Msg)
	}
	return decodeTestContent(e.t, reply.Content, query["iszip"] == "1")
}

// decodeTestContent undoes Base64 and, when zipped, the zip: one entry,
// data.json.
func decodeTestContent(t *testing.T, content string, zipped bool) []byte {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		t.Fatalf("content is not Base64: %v", err)
	}
	if !zipped {
		if bytes.HasPrefix(raw, []byte("PK")) {
			t.Fatal("content is a zip though iszip was not 1")
		}
		return raw
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatalf("content is not a zip: %v", err)
	}
	if len(zr.File) != 1 || zr.File[0].Name != "data.json" {
		t.Fatalf("zip holds %d entries (first %q), want data.json alone", len(zr.File), zr.File[0].Name)
	}
	f, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// testInbound is an invoice of InvoiceList, every field as sent.
type testInbound map[string]json.RawMessage

// str is a string field, failing when the field is not a string.
func (inv testInbound) str(t *testing.T, name string) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(inv[name], &s); err != nil {
		t.Fatalf("field %s = %s is not a string: %v", name, inv[name], err)
	}
	return s
}

// key is the invoice's identity: type, code, number.
func (inv testInbound) key(t *testing.T) string {
	t.Helper()
	return inv.str(t, "invoiceType") + "/" + inv.str(t, "invoiceCode") + "/" + inv.str(t, "invoiceNumber")
}

// testPlainPage is a plain-format page.
type testPlainPage struct {
	PageSize    int           `json:"pageSize"`
	CurrentPage int           `json:"currentPage"`
	Count       *int          `json:"count"`
	InvoiceList []testInbound `json:"InvoiceList"`
	Skssq       string        `json:"skssq"`
}

// plain fetches one plain-format page.
func (e *env) plain(query map[string]any) testPlainPage {
	e.t.Helper()
	var p testPlainPage
	data := e.inboundFetch(query)
	if err := json.Unmarshal(data, &p); err != nil {
		e.t.Fatalf("plain page %s: %v", data, err)
	}
	if p.Count == nil {
		e.t.Fatalf("plain page has no count: %s", data)
	}
	return p
}

// all pages through query at size, checking every page's figures, and
// returns the invoices and the count the pages reported.
func (e *env) all(query map[string]any, size int) ([]testInbound, int) {
	e.t.Helper()
	var out []testInbound
	count := -1
	for page := 1; ; page++ {
		q := withParams(query, map[string]any{"page": page, "pageSize": size})
		p := e.plain(q)
		if p.CurrentPage != page || p.PageSize != size {
			e.t.Fatalf("page %d of %d answered as page %d of %d", page, size, p.CurrentPage, p.PageSize)
		}
		if count >= 0 && *p.Count != count {
			e.t.Fatalf("count changed from %d to %d between pages", count, *p.Count)
		}
		count = *p.Count
		out = append(out, p.InvoiceList...)
		if len(p.InvoiceList) < size {
			return out, count
		}
	}
}

// withParams is query with more parameters.
func withParams(query, more map[string]any) map[string]any {
	q := map[string]any{}
	for k, v := range query {
		q[k] = v
	}
	for k, v := range more {
		q[k] = v
	}
	return q
}

// testToday is the sandbox's date at testNow, in China.
var testToday = testNow.In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
