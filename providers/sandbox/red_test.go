package sandbox

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"testing"
)

// decodeOrdered decodes data keeping numbers as written.
func decodeOrdered(t *testing.T, data json.RawMessage) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return m
}

// TestBlueCheckShapeOfSeed: retInviceMsg on seed 001's blueTicket answers
// seed 001's retInviceMsg example, key for key and type for type.
func TestBlueCheckShapeOfSeed(t *testing.T) {
	e := start(t)
	blue := e.issue(seedInvoice("shape"))
	env := e.blueCheck(blue.Fphm)
	if env.Code != 200 || env.Msg != "成功" {
		t.Fatalf("retInviceMsg: %d %s", env.Code, env.Msg)
	}
	got := decodeOrdered(t, env.Data)
	want := map[string]any{
		"fphm": blue.Fphm, "message": "成功,本张发票可以开负数!", "xhdwsbh": sellerID,
		"xhdwmc": "北京民诺科技有限公司", "ghdwsbh": buyerID, "ghdwmc": "上海市某某科技有限公司",
		"kprq": "2026-03-15 10:00:00", "hjje": json.Number("-0.99"), "hjse": json.Number("-0.01"),
		"fplxdm": "82", "tdyslxdm": nil, "zsfs": "0", "jbr": nil, "XfsytDm": "00", "ZzsytDm": "03",
		"FprzztDm": "00",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	lines, _ := got["mxzb"].([]any)
	if len(lines) != 1 {
		t.Fatalf("mxzb %v", got["mxzb"])
	}
	line := lines[0].(map[string]any)
	wantLine := map[string]any{
		"xh": json.Number("1"), "sl": json.Number("0.01"), "dw": "年", "spmc": "*软件*票单云财税管理系统",
		"se": json.Number("-0.01"), "je": json.Number("-0.99"), "spdj": "0.990099009901", "ggxh": "V1",
		"spsl": "-1", "spbm": codeSoftware, "zxbm": "", "hsbz": "", "yhzcbs": "0", "bb": "",
		"zzstsgl": nil, "sqdh": "", "lslbs": "",
	}
	if !maps.Equal(line, wantLine) {
		t.Errorf("mxzb[0] = %v\nwant      %v", line, wantLine)
	}
	wantKeys := append(slices.Collect(maps.Keys(want)), "mxzb")
	if keys := slices.Collect(maps.Keys(got)); len(keys) != len(wantKeys) {
		t.Errorf("keys %v, want %v", keys, wantKeys)
	}
}

// TestFullRedOfSeedInvoice: the seed-like 1.00 invoice reversed in full
// (01), then nothing is left, and the credit line is whole again.
func TestFullRedOfSeedInvoice(t *testing.T) {
	e := start(t)
	blue := e.issue(seedInvoice("full"))
	if credit := decodeCredit(t, e.creditLine()); credit.Sysxed != "2999999.01" || credit.Ysysxed != "0.99" {
		t.Errorf("after the blue invoice: %+v", credit)
	}

	form := e.mustApply(blue.Fphm, "01")
	if form.XxbztDm != "01" || form.Xxbzt != "无需确认" || !formNumberShape.MatchString(form.Xxbbh) ||
		!hex32.MatchString(form.UUID) || form.Sqsj != "2026-03-15 10:00:00" {
		t.Fatalf("form %+v", form)
	}
	red := e.mustRedIssue("red1", form.Xxbbh, blue.Fphm)
	if red.Jshj != "-1" || red.Xxbbh != form.Xxbbh || red.Fphm != "26112000000000000002" ||
		red.Xhdwsbh != sellerID || red.Ghdwsbh != buyerID || red.Kprq != "2026-03-15 10:00:00" {
		t.Errorf("red invoice %+v", red)
	}
	refused(t, "retInviceMsg after a full red", e.blueCheck(blue.Fphm), "该发票已全额红冲,不能再开具红字发票")
	refused(t, "retInviceMsg on the red invoice", e.blueCheck(red.Fphm), "红字发票")
	refused(t, "hzxxbsq after a full red", e.applyForm(blue.Fphm, "01", "hzxxbcheck", "1"), "全额红冲")

	// invoiceQueryMx: the blue one says it is fully reversed, the red one
	// is found by its serial like a blue one.
	if raw := decodeOrdered(t, mustData(t, e.query("", blue.Fphm))); raw["hczt"] != "8" || raw["fpzt"] != "00" || raw["kplx"] != "0" {
		t.Errorf("blue hczt %v fpzt %v kplx %v", raw["hczt"], raw["fpzt"], raw["kplx"])
	}
	raw := decodeOrdered(t, mustData(t, e.query(sellerID+"_red1", "")))
	if raw["kplx"] != "1" || raw["yfphm"] != blue.Fphm || raw["tzdbh"] != form.Xxbbh || raw["jshj"] != "-1.00" ||
		raw["hjje"] != "-0.99" || raw["fphm"] != red.Fphm || raw["hczt"] != "" {
		t.Errorf("red invoice detail: kplx %v yfphm %v tzdbh %v jshj %v hjje %v", raw["kplx"], raw["yfphm"],
			raw["tzdbh"], raw["jshj"], raw["hjje"])
	}
	d := decodeDetail(t, e.query(sellerID+"_red1", ""))
	if len(d.Zbmx) != 1 || d.Zbmx[0].Je != "-0.99" || d.Zbmx[0].Se != "-0.01" || d.Zbmx[0].Spsl != "-1" ||
		d.Zbmx[0].Spdj != "0.990099009901" || d.Bz != "被红冲蓝字数电发票号码:"+blue.Fphm+" 红字发票信息确认单编号:"+form.Xxbbh {
		t.Errorf("red lines %+v remark %q", d.Zbmx, d.Bz)
	}

	e.srv.AdvanceClock(creditMinInterval)
	credit := decodeCredit(t, e.creditLine())
	if credit.Sysxed != "3000000.00" || credit.Ysysxed != "0.00" || credit.Kjlpzs != "2" || credit.Fpejse != "0.00" {
		t.Errorf("after the red invoice: %+v", credit)
	}
}

// TestPartialRedOfOneLine: one printer of two taken back (02, by
// quantity); what is left shows the rest; more than the rest is refused.
func TestPartialRedOfOneLine(t *testing.T) {
	e := start(t)
	blue := e.issue(invoiceOf("three", threeLines))
	form := e.mustApply(blue.Fphm, "02",
		"mxzb[0][xh]", "1", "mxzb[0][spsl]", "-1", "mxzb[0][je]", "-1000.00", "mxzb[0][se]", "-130.00")
	red := e.mustRedIssue("part1", form.Xxbbh, blue.Fphm)
	if red.Jshj != "-1130" {
		t.Errorf("red total %s, want -1130", red.Jshj)
	}
	left := e.mustCheck(blue.Fphm)
	if left.Hjje != "-1350" || left.Hjse != "-175.5" || len(left.Mxzb) != 3 {
		t.Fatalf("left %s / %s in %d lines", left.Hjje, left.Hjse, len(left.Mxzb))
	}
	if l := left.Mxzb[0]; l.Xh != 1 || l.Spsl != "-1" || l.Je != "-1000" || l.Se != "-130" || l.Spdj != "1000" {
		t.Errorf("printer line left %+v", l)
	}
	if l := left.Mxzb[1]; l.Xh != 2 || l.Spsl != "-10" || l.Je != "-250" {
		t.Errorf("paper line left %+v", l)
	}
	if raw := decodeOrdered(t, mustData(t, e.query("", blue.Fphm))); raw["hczt"] != "7" {
		t.Errorf("hczt %v after a partial red, want 7", raw["hczt"])
	}
	d := decodeDetail(t, e.query(sellerID+"_part1", ""))
	if len(d.Zbmx) != 1 || d.Zbmx[0].Spsl != "-1" || d.Zbmx[0].Spdj != "1000" || d.Zbmx[0].Je != "-1000.00" {
		t.Errorf("red line %+v", d.Zbmx)
	}

	// Two more printers than are left, or more money than is left.
	refused(t, "quantity beyond what is left", e.applyForm(blue.Fphm, "02", "hzxxbcheck", "1",
		"mxzb[0][xh]", "1", "mxzb[0][spsl]", "-2", "mxzb[0][je]", "-1000", "mxzb[0][se]", "-130"),
		"mxzb[0]", "数量", "超过")
	refused(t, "amount beyond what is left", e.applyForm(blue.Fphm, "04",
		"mxzb[0][xh]", "1", "mxzb[0][je]", "-1000.01", "mxzb[0][se]", "-130"), "mxzb[0]", "金额", "超过")
	refused(t, "zero amount", e.applyForm(blue.Fphm, "04",
		"mxzb[0][xh]", "2", "mxzb[0][je]", "0", "mxzb[0][se]", "0"), "mxzb[0][je]")
	refused(t, "no such line", e.applyForm(blue.Fphm, "04",
		"mxzb[0][xh]", "4", "mxzb[0][je]", "-1", "mxzb[0][se]", "0"), "mxzb[0][xh]")
	refused(t, "allowance by quantity", e.applyForm(blue.Fphm, "04",
		"mxzb[0][xh]", "2", "mxzb[0][spsl]", "-1", "mxzb[0][je]", "-25", "mxzb[0][se]", "-3.25"), "04", "spsl")

	// The rest, in full: the invoice is then fully reversed.
	rest := e.mustApply(blue.Fphm, "04", "hzxxbcheck", "1")
	e.mustRedIssue("part2", rest.Xxbbh, blue.Fphm)
	refused(t, "after the rest", e.blueCheck(blue.Fphm), "全额红冲")
}

// TestFormReasonRules: 02 needs goods, 03 services, 01 the whole invoice,
// and the invoice must be the seller's own blue one.
func TestFormReasonRules(t *testing.T) {
	e := start(t)
	services := e.issue(invoiceOf("svc", threeLines[2:]))
	goods := e.issue(invoiceOf("goods", threeLines[:2]))
	refused(t, "02 on services", e.applyForm(services.Fphm, "02"), "chyydm", "销货退回(02)")
	refused(t, "03 on goods", e.applyForm(goods.Fphm, "03"), "chyydm", "服务中止(03)")
	refused(t, "01 with lines", e.applyForm(goods.Fphm, "01",
		"mxzb[0][xh]", "1", "mxzb[0][je]", "-1", "mxzb[0][se]", "-0.13"), "01", "mxzb")
	refused(t, "bad reason", e.applyForm(goods.Fphm, "05"), "chyydm")
	refused(t, "buyer applies", e.postMsg(pathRedForm, url.Values{"username": {DemoUsername},
		"xhdwsbh": {sellerID}, "yfphm": {goods.Fphm}, "chyydm": {"02"}, "sqyy": {"3"}}), "sqyy")
	refused(t, "unknown invoice", e.applyForm("26112000000000000099", "02"), "未查询到该发票或非本单位开具")
	other := e.postMsg(pathRedForm, url.Values{"username": {DemoUsername}, "xhdwsbh": {buyerID},
		"yfphm": {goods.Fphm}, "chyydm": {"02"}, "sqyy": {"2"}})
	refused(t, "another seller's invoice", other, "未查询到该发票或非本单位开具")
	// The reasons that fit are granted.
	e.mustApply(services.Fphm, "03")
	e.mustApply(goods.Fphm, "02")
}

// TestFormReusedWithoutCheckFlag: without hzxxbcheck the same form comes
// back; with hzxxbcheck=1 a new one is made; another reason is another form.
func TestFormReusedWithoutCheckFlag(t *testing.T) {
	e := start(t)
	blue := e.issue(invoiceOf("reuse", threeLines))
	first := e.mustApply(blue.Fphm, "04")
	again := e.mustApply(blue.Fphm, "04")
	if again != first {
		t.Errorf("second application %+v, want the first %+v", again, first)
	}
	forced := e.mustApply(blue.Fphm, "04", "hzxxbcheck", "1")
	if forced.Xxbbh == first.Xxbbh || forced.UUID == first.UUID {
		t.Errorf("hzxxbcheck=1 returned the old form %s", forced.Xxbbh)
	}
	if other := e.mustApply(blue.Fphm, "02"); other.Xxbbh == first.Xxbbh || other.Xxbbh == forced.Xxbbh {
		t.Errorf("reason 02 reused form %s", other.Xxbbh)
	}
	// Once a form was used, the next application makes a new one.
	e.mustRedIssue("reuse1", forced.Xxbbh, blue.Fphm)
	if next := e.mustApply(blue.Fphm, "04"); next.Xxbbh != first.Xxbbh {
		t.Errorf("after the newest form was used: %s, want the older unused %s", next.Xxbbh, first.Xxbbh)
	}
}

// TestRedIssueRefusals: hzfpkj checks the form, the serial and the amounts.
func TestRedIssueRefusals(t *testing.T) {
	e := start(t)
	blue := e.issue(invoiceOf("refuse", threeLines))
	other := e.issue(invoiceOf("other", threeLines))
	a := e.mustApply(blue.Fphm, "02", "mxzb[0][xh]", "1", "mxzb[0][spsl]", "-2", "mxzb[0][je]", "-2000",
		"mxzb[0][se]", "-260")
	b := e.mustApply(blue.Fphm, "04", "hzxxbcheck", "1")
	refused(t, "unknown form", e.redIssue("x1", "11026031500000009999", blue.Fphm), "tzdbh")
	refused(t, "form of another invoice", e.redIssue("x2", a.Xxbbh, other.Fphm), "tzdbh", other.Fphm)
	refused(t, "bad serial", e.redIssue("", a.Xxbbh, blue.Fphm), "fpqqlsh")
	e.mustRedIssue("x3", a.Xxbbh, blue.Fphm)
	refused(t, "serial used", e.redIssue("x3", b.Xxbbh, blue.Fphm), "发票请求流水号重复")
	refused(t, "form used", e.redIssue("x4", a.Xxbbh, blue.Fphm), "该红字信息表已开具红字发票")
	// b was the full rest when it was applied for; the printers went since.
	refused(t, "form beyond what is left now", e.redIssue("x5", b.Xxbbh, blue.Fphm), "第1行", "超过")
	if q := e.query(sellerID+"_x5", ""); q.Code != 999 {
		t.Errorf("a refused red invoice was stored: %s", q.Data)
	}
}

// TestRedCallsNeedLoginAndFace: the red calls pass the same gates as
// blueTicket: 419 without the e-tax login, 420 without a face scan.
func TestRedCallsNeedLoginAndFace(t *testing.T) {
	e := start(t)
	blue := e.issue(seedInvoice("gate"))
	e.srv.LapseFaceAuth()
	for name, env := range map[string]msgEnvelope{
		"retInviceMsg": e.blueCheck(blue.Fphm),
		"hzxxbsq":      e.applyForm(blue.Fphm, "01"),
		"hzfpkj":       e.redIssue("g1", "11026031500000000001", blue.Fphm),
	} {
		if env.Code != 420 {
			t.Errorf("%s with face lapsed: %d %s", name, env.Code, env.Msg)
		}
	}
	if env := e.creditLine(); env.Code != 200 {
		t.Errorf("getCreditLine needs no face scan: %d %s", env.Code, env.Msg)
	}
	e.srv.LapseLogin()
	if env := e.blueCheck(blue.Fphm); env.Code != 419 {
		t.Errorf("retInviceMsg with login lapsed: %d %s", env.Code, env.Msg)
	}
	e.srv.AdvanceClock(creditMinInterval)
	if env := e.creditLine(); env.Code != 419 {
		t.Errorf("getCreditLine with login lapsed: %d %s", env.Code, env.Msg)
	}
}

// TestBlueCheckApplicantSpellings: sqyy as documented (sqyy[0]), as a
// plain field, as sqyy[] or absent; a buyer's application is refused.
func TestBlueCheckApplicantSpellings(t *testing.T) {
	e := start(t)
	blue := e.issue(seedInvoice("sqyy"))
	base := url.Values{"username": {DemoUsername}, "nsrsbh": {sellerID}, "fphm": {blue.Fphm}}
	for _, key := range []string{"sqyy[0]", "sqyy", "sqyy[]", ""} {
		f := maps.Clone(base)
		if key != "" {
			f.Set(key, "2")
		}
		if env := e.postMsg(pathBlueCheck, f); env.Code != 200 {
			t.Errorf("%q: %d %s", key, env.Code, env.Msg)
		}
	}
	f := maps.Clone(base)
	f.Set("sqyy[0]", "3")
	refused(t, "sqyy 3", e.postMsg(pathBlueCheck, f), "sqyy")
	f = maps.Clone(base)
	f.Del("fphm")
	refused(t, "no fphm", e.postMsg(pathBlueCheck, f), "fphm")
}

// TestDiscountLinesReversedWhole: a discounted line and its discount show
// their fphxz, go only with the whole invoice, and the discount's red line
// is positive.
func TestDiscountLinesReversedWhole(t *testing.T) {
	e := start(t)
	blue := e.issue(discounted("disc", "-10", "-1.15"))
	d := e.mustCheck(blue.Fphm)
	if len(d.Mxzb) != 2 || d.Mxzb[0].Fphxz != "2" || d.Mxzb[1].Fphxz != "1" || !isPositive(d.Mxzb[1].Je) {
		t.Fatalf("discount lines %+v", d.Mxzb)
	}
	refused(t, "part of a discounted line", e.applyForm(blue.Fphm, "04",
		"mxzb[0][xh]", "1", "mxzb[0][je]", "-1", "mxzb[0][se]", "-0.13"), "折扣")
	form := e.mustApply(blue.Fphm, "01")
	e.mustRedIssue("disc1", form.Xxbbh, blue.Fphm)
	refused(t, "after the full red", e.blueCheck(blue.Fphm), "全额红冲")
}

func isPositive(n json.Number) bool { return len(n) > 0 && n[0] != '-' && n != "0" }
