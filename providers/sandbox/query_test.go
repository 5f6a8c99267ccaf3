package sandbox

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// queryDetail is the part of invoiceQueryMx's data the tests read. Line
// numbers come as JSON numbers, so they are decoded as json.Number.
type queryDetail struct {
	Fphm, Fpqqlsh, Kprq, Fplxdm, Fpzt, Zsfs string
	Xhdwdm, Xhdwmc, Xhdwdzdh, Xhdwyhzh      string
	Ghdwdm, Ghdwmc, Ghdwdzdh, Ghdwyhzh      string
	Hjje, Se, Jshj, Bz, Kpr, Czydm          string
	Zbmx                                    []queryLine
	Tdys                                    []any
	Kdsbz                                   *string
}

type queryLine struct {
	Fpmxxh, Fphxz, Spmc, Ggxh, Dw, Je, Sl, Se, Hsbz, Spbm string
	Spsl, Spdj, Hsje, Hsdj                                json.Number
}

func decodeDetail(t *testing.T, env envelope) queryDetail {
	t.Helper()
	if env.Code != 200 {
		t.Fatalf("invoiceQueryMx: %d %s", env.Code, env.Msg)
	}
	var d queryDetail
	if err := json.Unmarshal(env.Data, &d); err != nil {
		t.Fatalf("decode %s: %v", env.Data, err)
	}
	return d
}

func TestQueryBySerialAndByNumber(t *testing.T) {
	e := start(t)
	form := seedInvoice("q1")
	got := e.issue(form)

	bySerial := decodeDetail(t, e.query(form.Get("fpqqlsh"), ""))
	byNumber := decodeDetail(t, e.query("", got.Fphm))
	both := decodeDetail(t, e.query(form.Get("fpqqlsh"), got.Fphm))
	for _, d := range []queryDetail{bySerial, byNumber, both} {
		if d.Fphm != got.Fphm || d.Fpqqlsh != form.Get("fpqqlsh") {
			t.Errorf("found %s/%s, want %s/%s", d.Fphm, d.Fpqqlsh, got.Fphm, form.Get("fpqqlsh"))
		}
	}
	d := bySerial
	want := map[string]string{
		"kprq": "20260315100000", "fplxdm": "82", "fpzt": "00", "zsfs": "0",
		"xhdwdm": sellerID, "xhdwmc": "北京民诺科技有限公司", "xhdwdzdh": form.Get("xhdwdzdh"),
		"xhdwyhzh": form.Get("xhdwyhzh"), "ghdwdm": buyerID, "ghdwmc": "上海市某某科技有限公司",
		"hjje": "0.99", "se": "0.01", "jshj": "1.00", "bz": "备注", "kpr": "张三", "czydm": DemoUsername,
	}
	gotFields := map[string]string{
		"kprq": d.Kprq, "fplxdm": d.Fplxdm, "fpzt": d.Fpzt, "zsfs": d.Zsfs,
		"xhdwdm": d.Xhdwdm, "xhdwmc": d.Xhdwmc, "xhdwdzdh": d.Xhdwdzdh,
		"xhdwyhzh": d.Xhdwyhzh, "ghdwdm": d.Ghdwdm, "ghdwmc": d.Ghdwmc,
		"hjje": d.Hjje, "se": d.Se, "jshj": d.Jshj, "bz": d.Bz, "kpr": d.Kpr, "czydm": d.Czydm,
	}
	for k, v := range want {
		if gotFields[k] != v {
			t.Errorf("%s = %q, want %q", k, gotFields[k], v)
		}
	}
	if len(d.Zbmx) != 1 {
		t.Fatalf("%d lines, want 1", len(d.Zbmx))
	}
	l := d.Zbmx[0]
	// Stored as the bureau stores it: excluding tax, with the derived unit
	// price (1 / 1.01 to 12 places, as in the seed's example).
	if l.Fpmxxh != "1" || l.Fphxz != "0" || l.Je != "0.99" || l.Se != "0.01" || l.Sl != "0.01" || l.Hsbz != "0" ||
		l.Spbm != "1060301020100000000" || l.Spmc != "*软件*票单云财税管理系统" || l.Ggxh != "V1" || l.Dw != "年" {
		t.Errorf("line %+v", l)
	}
	if l.Spsl != "1" || l.Spdj != "0.990099009901" || l.Hsje != "1" || l.Hsdj != "1" {
		t.Errorf("line numbers spsl %s spdj %s hsje %s hsdj %s", l.Spsl, l.Spdj, l.Hsje, l.Hsdj)
	}
	if d.Tdys == nil || d.Kdsbz != nil {
		t.Errorf("filler keys: tdys %v kdsbz %v", d.Tdys, d.Kdsbz)
	}
	// The seed's other keys are present too.
	raw := string(mustData(t, e.query("", got.Fphm)))
	for _, key := range []string{`"GFKHDH":""`, `"hcFphm":null`, `"mxzb":null`, `"tqm":""`} {
		if !strings.Contains(raw, key) {
			t.Errorf("data lacks %s", key)
		}
	}
}

func mustData(t *testing.T, env envelope) json.RawMessage {
	t.Helper()
	if env.Code != 200 {
		t.Fatalf("code %d %s", env.Code, env.Msg)
	}
	return env.Data
}

func TestQueryNotFound(t *testing.T) {
	e := start(t)
	form := seedInvoice("q2")
	got := e.issue(form)
	for name, env := range map[string]envelope{
		"unknown serial":          e.query(sellerID+"_nope", ""),
		"unknown number":          e.query("", "26112000000000000099"),
		"serial and number apart": e.query(sellerID+"_nope", got.Fphm),
		"another seller's": e.post(pathQueryMx, url.Values{"username": {DemoUsername}, "nsrsbh": {buyerID},
			"fphm": {got.Fphm}}),
	} {
		if env.Code != 999 || env.Msg != "未查询到发票信息" || string(env.Data) != "null" {
			t.Errorf("%s: %d %q %s", name, env.Code, env.Msg, env.Data)
		}
	}
}

func TestQueryNeedsSerialOrNumber(t *testing.T) {
	e := start(t)
	for field, form := range map[string]url.Values{
		"fphm":     {"username": {DemoUsername}, "nsrsbh": {sellerID}},
		"nsrsbh":   {"username": {DemoUsername}, "fphm": {"26112000000000000001"}},
		"username": {"nsrsbh": {sellerID}, "fphm": {"26112000000000000001"}},
	} {
		env := e.post(pathQueryMx, form)
		if env.Code != 999 || !strings.Contains(env.Msg, field) {
			t.Errorf("without %s: %d %q", field, env.Code, env.Msg)
		}
	}
}
