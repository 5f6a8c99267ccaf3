package sandbox

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// A signature computed outside Go (Python's hmac) for a fixed call: the
// sandbox must accept exactly the README's algorithm.
const (
	vectorContent   = "eyJyenp0IjoiMTAiLCJwYWdlIjoxLCJwYWdlU2l6ZSI6Mn0=" // {"rzzt":"10","page":1,"pageSize":2}
	vectorSignature = "tUVGA8Wc83Zy6+BRo9PXwuLGUKSN6KD+X9CuamO3pWo="
)

var uuidShape = regexp.MustCompile(`^[0-9a-f]{32}$`)

func TestInboundAcceptsTheReferenceSignature(t *testing.T) {
	e := start(t)
	env := map[string]string{"appid": DemoInboundAppID, "serviceid": "S000621", "jtnsrsbh": inboundGroup,
		"nsrsbh": inboundCompany, "content": vectorContent, "signType": "0", "signature": vectorSignature}
	if got := testSign(DemoInboundSecret, env); got != vectorSignature {
		t.Fatalf("the test's own signing gives %s, the reference %s", got, vectorSignature)
	}
	reply := e.inboundPost(env)
	if reply.Status != http.StatusOK || reply.Code != "0000" || reply.Msg != "请求成功" {
		t.Fatalf("reference call answered HTTP %d %s %s", reply.Status, reply.Code, reply.Msg)
	}
	if reply.Sfjf != "Y" || reply.JfNum != 1 || !uuidShape.MatchString(reply.UUID) {
		t.Errorf("sfjf %q jf_num %d uuid %q, want Y, 1, 32 hex digits", reply.Sfjf, reply.JfNum, reply.UUID)
	}
	page := decodeTestContent(t, reply.Content, false)
	if !strings.Contains(string(page), `"pageSize":2`) {
		t.Errorf("content %s does not page by 2", page)
	}
}

func TestInboundRefusesWrongEnvelopes(t *testing.T) {
	e := start(t)
	good := func() map[string]string { return inboundEnvelope(t, map[string]any{"rzzt": "10"}) }
	resign := func(env map[string]string) { env["signature"] = testSign(DemoInboundSecret, env) }
	cases := []struct {
		name     string
		edit     func(map[string]string)
		code     string
		contains string
	}{
		{"wrong secret", func(env map[string]string) { env["signature"] = testSign("not-the-secret", env) }, "1001", "签名校验失败"},
		{"content changed after signing", func(env map[string]string) {
			env["content"] = base64.StdEncoding.EncodeToString([]byte(`{"rzzt":"11"}`))
		}, "1001", "签名校验失败"},
		{"signature not base64", func(env map[string]string) { env["signature"] = "%%%" }, "1001", "签名校验失败"},
		{"unknown appid", func(env map[string]string) { env["appid"] = "someone-else"; resign(env) }, "1002", "appid"},
		{"other service", func(env map[string]string) { env["serviceid"] = "S000622"; resign(env) }, "1003", "serviceid"},
		{"sign type", func(env map[string]string) { env["signType"] = "1" }, "1004", "signType"},
		{"missing content", func(env map[string]string) { delete(env, "content"); resign(env) }, "1004", "content"},
		{"missing group", func(env map[string]string) { env["jtnsrsbh"] = ""; resign(env) }, "1004", "jtnsrsbh"},
		{"bad company", func(env map[string]string) { env["nsrsbh"] = "91510113MA6739XPX3"; resign(env) }, "1005", "nsrsbh"},
		{"bad group", func(env map[string]string) { env["jtnsrsbh"] = "ABC"; resign(env) }, "1005", "jtnsrsbh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := good()
			c.edit(env)
			reply := e.inboundPost(env)
			if reply.Status != http.StatusOK || reply.Code != c.code || !strings.Contains(reply.Msg, c.contains) {
				t.Errorf("HTTP %d %s %q, want 200 %s mentioning %s", reply.Status, reply.Code, reply.Msg, c.code, c.contains)
			}
			if reply.Sfjf != "N" || reply.JfNum != 0 || reply.Content != "" {
				t.Errorf("a refusal answered sfjf %q jf_num %d content %q", reply.Sfjf, reply.JfNum, reply.Content)
			}
			if strings.Contains(reply.Msg, DemoInboundSecret) {
				t.Errorf("message %q reveals the secret", reply.Msg)
			}
		})
	}
	if reply := e.inboundPost("not an object"); reply.Code != "1004" {
		t.Errorf("a JSON string as the body answered %s %s, want 1004", reply.Code, reply.Msg)
	}
}

func TestInboundOtherAppAndSecret(t *testing.T) {
	e := start(t, func(o *Options) { o.InboundAppID, o.InboundSecret = "erp-7", "erp-secret" })
	env := inboundEnvelope(t, map[string]any{"rzzt": "10"})
	if reply := e.inboundPost(env); reply.Code != "1002" {
		t.Fatalf("the demo appid answered %s %s on a sandbox configured for another", reply.Code, reply.Msg)
	}
	env["appid"] = "erp-7"
	env["signature"] = testSign("erp-secret", env)
	if reply := e.inboundPost(env); reply.Code != "0000" {
		t.Fatalf("the configured appid and secret answered %s %s", reply.Code, reply.Msg)
	}
}

func TestInboundRefusesBadQueries(t *testing.T) {
	e := start(t)
	cases := []struct {
		query    map[string]any
		contains string
	}{
		{map[string]any{}, "rzzt"},
		{map[string]any{"rzzt": "13"}, "rzzt"},
		{map[string]any{"rzzt": true}, "rzzt"},
		{map[string]any{"rzzt": "10", "page": 0}, "page"},
		{map[string]any{"rzzt": "10", "page": "x"}, "page"},
		{map[string]any{"rzzt": "10", "pageSize": 1001}, "pageSize"},
		{map[string]any{"rzzt": "10", "pageSize": 0}, "pageSize"},
		{map[string]any{"rzzt": "40", "skssq": "2026-01"}, "skssq"},
		{map[string]any{"rzzt": "40", "skssq": "202613"}, "skssq"},
		{map[string]any{"rzzt": "10", "rq_q": "2026/01/01"}, "rq_q"},
		{map[string]any{"rzzt": "10", "rq_z": "2026-02-30"}, "rq_z"},
		{map[string]any{"rzzt": "10", "rq_q": "2026-03-01", "rq_z": "2026-02-01"}, "rq_q"},
		{map[string]any{"rzzt": "10", "iszip": "2"}, "iszip"},
		{map[string]any{"rzzt": "10", "adapter": "1"}, "adapter"},
		{map[string]any{"rzzt": "40", "adapter": "yes"}, "adapter"},
		{map[string]any{"rzzt": "10", "znxpz": "Y"}, "znxpz"},
		{map[string]any{"rzzt": "12", "znxpz": "X"}, "znxpz"},
		{map[string]any{"rzzt": "10", "gxrq_q": "2026-03-01"}, "gxrq"},
		{map[string]any{"rzzt": "10", "fphm": "12345678"}, "fphm"},
	}
	for _, c := range cases {
		reply := e.inboundPost(inboundEnvelope(t, c.query))
		if reply.Code != "1005" || !strings.Contains(reply.Msg, c.contains) {
			t.Errorf("query %v answered %s %q, want 1005 naming %s", c.query, reply.Code, reply.Msg, c.contains)
		}
	}
	for name, content := range map[string]string{
		"not base64": "!!!", "not JSON": base64.StdEncoding.EncodeToString([]byte("rzzt=10")),
		"a JSON array": base64.StdEncoding.EncodeToString([]byte(`["10"]`)),
	} {
		env := inboundEnvelope(t, nil)
		env["content"] = content
		env["signature"] = testSign(DemoInboundSecret, env)
		if reply := e.inboundPost(env); reply.Code != "1004" || !strings.Contains(reply.Msg, "content") {
			t.Errorf("content %s answered %s %q, want 1004 naming content", name, reply.Code, reply.Msg)
		}
	}
}

func TestInboundQueryDefaultsAndTolerance(t *testing.T) {
	e := start(t)
	p := e.plain(map[string]any{"rzzt": "10"})
	if p.CurrentPage != 1 || p.PageSize != 100 || len(p.InvoiceList) != 100 {
		t.Errorf("defaults: page %d size %d holding %d, want 1, 100, 100", p.CurrentPage, p.PageSize, len(p.InvoiceList))
	}
	// Numbers as strings and a status as a number, as sloppy clients send them.
	q := e.plain(map[string]any{"rzzt": 10, "page": "2", "pageSize": "7"})
	if q.CurrentPage != 2 || q.PageSize != 7 || len(q.InvoiceList) != 7 || *q.Count != *p.Count {
		t.Errorf("page \"2\" of \"7\": page %d size %d holding %d count %d", q.CurrentPage, q.PageSize,
			len(q.InvoiceList), *q.Count)
	}
	if q.InvoiceList[0].key(t) != p.InvoiceList[7].key(t) {
		t.Errorf("page 2 of 7 starts with %s, want the 8th invoice %s", q.InvoiceList[0].key(t), p.InvoiceList[7].key(t))
	}
}

func TestInboundNeedsPost(t *testing.T) {
	e := start(t)
	req, _ := http.NewRequest(http.MethodGet, e.base+"/invoice/S000621", nil)
	resp, _ := e.mustDo(req)
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET answered %d, want 405", resp.StatusCode)
	}
}
