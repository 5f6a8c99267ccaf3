package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// lineOf is line i of an fpxx made by leqiInvoice.
func lineOf(fpxx map[string]any, i int) map[string]any {
	return fpxx["mxxx"].([]map[string]any)[i]
}

// TestUploadAccepted: an invoice on a granted number is accepted at once
// (by sllsh and by fphm), becomes an issued invoice invoiceQueryMx finds,
// and consumes the credit line getCreditLine and CXSXED both report.
func TestUploadAccepted(t *testing.T) {
	e := start(t, func(o *Options) { o.CreditLine = decimal.RequireFromString("10000") })
	seg := e.grant(10, newYwlsh("u1"))
	kprq := kprqOf(testNow.Add(-time.Minute))
	fpxx := leqiInvoice(seg.First, "up1", kprq)
	ticket := e.upload(fpxx)
	for _, res := range []leqiData{e.uploadResult(ticket, ""), e.uploadResult("", seg.First), e.uploadResult(ticket, seg.First)} {
		if res.Clzt != "02" || res.Fphm != seg.First || res.Kprq != kprq || res.Cwxx != "" {
			t.Errorf("result %+v, want 02 for %s at %s", res, seg.First, kprq)
		}
	}

	d := decodeDetail(t, e.query("", seg.First))
	if d.Fpqqlsh != sellerID+"_up1" || d.Kprq != "20260315095900" || d.Hjje != "2002.97" || d.Se != "260.39" ||
		d.Jshj != "2263.36" || d.Czydm != DemoJrdwptbh || len(d.Zbmx) != 2 || d.Zbmx[1].Je != "2.97" {
		t.Errorf("invoiceQueryMx: %+v", d)
	}
	if got := decodeDetail(t, e.query(sellerID+"_up1", "")); got.Fphm != seg.First {
		t.Errorf("invoiceQueryMx by fpqqlsh found %q", got.Fphm)
	}

	paid := decodeCredit(t, e.creditLine())
	if paid.Zsxed != "10000.00" || paid.Ysysxed != "2002.97" || paid.Sysxed != "7997.03" {
		t.Errorf("getCreditLine: %+v", paid)
	}
	// One credit line, one 30 s limit across both channels.
	e.leqiRefused(fwbmCreditLine, map[string]string{"nsrsbh": sellerID}, "05", "查询过于频繁")
	e.srv.AdvanceClock(creditMinInterval)
	line := e.leqiOK(fwbmCreditLine, map[string]string{"nsrsbh": sellerID})
	if line.Zsxed != paid.Zsxed || line.Sysxed != paid.Sysxed || line.Ysysxed != paid.Ysysxed {
		t.Errorf("CXSXED %+v, getCreditLine %+v", line, paid)
	}
	refused(t, "getCreditLine right after CXSXED", e.creditLine(), "频繁")
}

// TestUploadedInvoiceHasLayoutFiles: getInvoicePdfOfd serves an uploaded
// invoice like any other.
func TestUploadedInvoiceHasLayoutFiles(t *testing.T) {
	e := startWithRender(t, fakeRender)
	seg := e.grant(1, newYwlsh("lf"))
	e.upload(leqiInvoice(seg.First, "lf1", kprqOf(testNow)))
	if env := e.post(pathLayoutFiles, layoutForm(seg.First, "1")); env.Code != 200 {
		t.Errorf("getInvoicePdfOfd: %d %s", env.Code, env.Msg)
	}
}

// TestUploadIdempotent: the same number under the same fpqqlsh answers the
// same sllsh and issues nothing twice; under another fpqqlsh it is used.
func TestUploadIdempotent(t *testing.T) {
	e := start(t)
	seg := e.grant(5, newYwlsh("i1"))
	fpxx := leqiInvoice(seg.First, "same", kprqOf(testNow))
	ticket := e.upload(fpxx)
	if again := e.upload(fpxx); again != ticket {
		t.Errorf("re-upload answered sllsh %s, want %s", again, ticket)
	}
	if line := decodeCredit(t, e.creditLine()); line.Kjlpzs != "1" {
		t.Errorf("after a re-upload the seller has %s invoices", line.Kjlpzs)
	}
	e.rejected("the number under another fpqqlsh", leqiInvoice(seg.First, "other", kprqOf(testNow)), "发票号码已使用")
	// Asked by number, the accepted upload answers, not the rejected one.
	if res := e.uploadResult("", seg.First); res.Clzt != "02" {
		t.Errorf("by number after a rejected duplicate: %+v", res)
	}
	// The serial is taken too, whatever the number.
	e.rejected("the serial on another number", leqiInvoice(seg.Nth(1), "same", kprqOf(testNow)), "发票请求流水号重复")
}

// TestUploadRejections: what a strict bureau refuses is rejected (clzt 03,
// cwxx naming the rule), and a rejection does not use the number.
func TestUploadRejections(t *testing.T) {
	e := start(t)
	seg := e.grant(3, newYwlsh("r1"))
	now := kprqOf(testNow)
	// Each bad invoice has a serial of its own: the same number under the
	// same serial would answer the first verdict again.
	n := 0
	bad := func(edit func(map[string]any)) map[string]any {
		n++
		f := leqiInvoice(seg.First, fmt.Sprintf("bad%d", n), now)
		edit(f)
		return f
	}
	for _, c := range []struct {
		name string
		fpxx map[string]any
		want []string
	}{
		{"a number not granted", leqiInvoice(seg.Nth(3), "ng", now), []string{"发票号码(fphm)", "不是通过批量预赋码"}},
		{"a number not 20 digits", leqiInvoice("2611100000001", "short", now), []string{"发票号码(fphm)", "20位"}},
		{"a wrong total", bad(func(f map[string]any) { f["hjje"] = "2002.96" }), []string{"合计金额(hjje)", "2002.97"}},
		{"jshj not hjje + hjse", bad(func(f map[string]any) { f["jshj"] = "2263.37" }), []string{"价税合计(jshj)"}},
		{"a line's tax off", bad(func(f map[string]any) { lineOf(f, 0)["se"] = "259.00" }), []string{"第1行税额(mxxx[0][se])"}},
		{"three decimals", bad(func(f map[string]any) { lineOf(f, 1)["je"] = "2.975" }), []string{"第2行金额(mxxx[1][je])", "2位小数"}},
		{"a rate not in force", bad(func(f map[string]any) { lineOf(f, 0)["sl"] = "0.17" }), []string{"mxxx[0][sl]", "税率"}},
		{"quantity × price off", bad(func(f map[string]any) { lineOf(f, 0)["dj"] = "999" }), []string{"mxxx[0][spsl]", "mxxx[0][dj]"}},
		{"xh out of order", bad(func(f map[string]any) { lineOf(f, 1)["xh"] = 3 }), []string{"序号(mxxx[1][xh])"}},
		{"no lines", bad(func(f map[string]any) { f["mxxx"] = []any{} }), []string{"明细信息(mxxx)不能为空"}},
		{"no buyer name", bad(func(f map[string]any) { f["ghdwmc"] = "" }), []string{"购方名称(ghdwmc)不能为空"}},
		{"a bad buyer tax ID", bad(func(f map[string]any) { f["ghdwsbh"] = "91510113MA6739XPX3" }), []string{"购方税号(ghdwsbh)"}},
		{"a seller name too long in GBK", bad(func(f map[string]any) { f["xhdwmc"] = strings.Repeat("税", 51) }), []string{"销方名称(xhdwmc)", "GBK"}},
		{"another seller's invoice", bad(func(f map[string]any) { f["xhdwsbh"] = buyerID }), []string{"销方识别号(xhdwsbh)", "不一致"}},
		{"a bad serial", bad(func(f map[string]any) { f["fpqqlsh"] = "x_1" }), []string{"发票请求流水号(fpqqlsh)"}},
		{"a red invoice", bad(func(f map[string]any) { f["kplx"] = "1"; f["yfphm"] = seg.Nth(2) }), []string{"开票类型(kplx)", "红字"}},
		{"type 83", bad(func(f map[string]any) { f["fplxdm"] = "83" }), []string{"发票类型代码(fplxdm)"}},
		{"kprq in the future", bad(func(f map[string]any) { f["kprq"] = kprqOf(testNow.Add(time.Hour)) }), []string{"开票日期(kprq)", "未来"}},
		{"kprq compact", bad(func(f map[string]any) { f["kprq"] = "20260315100000" }), []string{"开票日期(kprq)", "格式错误"}},
	} {
		e.rejected(c.name, c.fpxx, c.want...)
	}
	// A few minutes of clock skew are forgiven.
	skewed := leqiInvoice(seg.First, "skew", kprqOf(testNow.Add(4*time.Minute)))
	if res := e.uploadResult(e.upload(skewed), ""); res.Clzt != "02" {
		t.Errorf("kprq 4 minutes ahead: %+v", res)
	}
	e.leqiRefused(fwbmUpload, map[string]any{"nsrsbh": sellerID}, "01", "发票信息(fpxx)不能为空")
	e.leqiRefused(fwbmUpload, map[string]any{"nsrsbh": "123", "fpxx": skewed}, "01", "纳税人识别号(nsrsbh)")
}

// TestUploadNumberOfAnotherSeller: a number granted to one seller is not
// another's.
func TestUploadNumberOfAnotherSeller(t *testing.T) {
	e := start(t)
	seg := e.grant(1, newYwlsh("o1"))
	fpxx := leqiInvoice(seg.First, "o1", kprqOf(testNow))
	fpxx["xhdwsbh"], fpxx["fpqqlsh"] = buyerID, buyerID+"_o1"
	d := e.leqiOK(fwbmUpload, map[string]any{"nsrsbh": buyerID, "fpxx": fpxx})
	res := e.leqiOK(fwbmUploadResult, map[string]any{"nsrsbh": buyerID, "sllsh": d.Sllsh})
	if res.Clzt != "03" || !strings.Contains(res.Cwxx, "分配给纳税人 "+buyerID) {
		t.Errorf("another seller's number: %+v", res)
	}
	// And the seller cannot see the other's upload.
	e.leqiRefused(fwbmUploadResult, map[string]any{"nsrsbh": sellerID, "sllsh": d.Sllsh}, "04", "未查询到上传记录")
}

// TestUploadYearRule: past New Year a number of 26 cannot carry a 2027
// kprq; an invoice of 2026 may still be uploaded in 2027.
func TestUploadYearRule(t *testing.T) {
	e := start(t)
	seg := e.grant(3, newYwlsh("ny"))
	newYear := time.Date(2027, 1, 1, 0, 0, 5, 0, app.ChinaTime)
	e.srv.AdvanceClock(newYear.Sub(testNow))
	e.rejected("a 26 number dated 2027", leqiInvoice(seg.First, "ny1", kprqOf(newYear)), "跨年度", "2026年度")
	late := leqiInvoice(seg.Nth(1), "ny2", "2026-12-31 23:59:58")
	if res := e.uploadResult(e.upload(late), ""); res.Clzt != "02" {
		t.Errorf("a 2026 invoice uploaded in 2027: %+v", res)
	}
	// The rejected number is still free for an invoice of its year.
	if res := e.uploadResult(e.upload(leqiInvoice(seg.First, "ny3", "2026-12-31 10:00:00")), ""); res.Clzt != "02" {
		t.Errorf("the number rejected for its date, reused: %+v", res)
	}
}

// TestUploadProcessingWindow: for LeqiProcessing after the upload the
// answer is 01, then the verdict; re-uploading does not restart the wait.
func TestUploadProcessingWindow(t *testing.T) {
	e := start(t, func(o *Options) { o.LeqiProcessing = 2 * time.Minute })
	seg := e.grant(2, newYwlsh("w1"))
	good := leqiInvoice(seg.First, "w1", kprqOf(testNow))
	ticket := e.upload(good)
	wrong := leqiInvoice(seg.Nth(1), "w2", kprqOf(testNow))
	wrong["hjse"] = "1.00"
	wrongTicket := e.upload(wrong)
	for _, tk := range []string{ticket, wrongTicket} {
		if res := e.uploadResult(tk, ""); res.Clzt != "01" || res.Cwxx != "" {
			t.Errorf("right after the upload: %+v", res)
		}
	}
	e.srv.AdvanceClock(time.Minute)
	if again := e.upload(good); again != ticket {
		t.Fatalf("re-upload answered %s", again)
	}
	e.srv.AdvanceClock(time.Minute - time.Millisecond)
	if res := e.uploadResult("", seg.First); res.Clzt != "01" {
		t.Errorf("1 ms before the end: %+v", res)
	}
	e.srv.AdvanceClock(time.Millisecond)
	if res := e.uploadResult(ticket, ""); res.Clzt != "02" {
		t.Errorf("after the window: %+v", res)
	}
	if res := e.uploadResult(wrongTicket, ""); res.Clzt != "03" || !strings.Contains(res.Cwxx, "合计税额(hjse)") {
		t.Errorf("the wrong one after the window: %+v", res)
	}
}

// TestUploadResultRefusals: unknown tickets and numbers are 04, a query
// naming neither is 01.
func TestUploadResultRefusals(t *testing.T) {
	e := start(t)
	e.leqiRefused(fwbmUploadResult, map[string]any{"nsrsbh": sellerID, "sllsh": "20260315000000000099"}, "04", "未查询到上传记录")
	e.leqiRefused(fwbmUploadResult, map[string]any{"nsrsbh": sellerID, "fphm": "26111000000000000001"}, "04", "未查询到上传记录")
	e.leqiRefused(fwbmUploadResult, map[string]any{"nsrsbh": sellerID}, "01", "sllsh", "fphm")
}

// TestUploadDropAfterCommit: the upload is committed, the answer lost;
// the number finds it accepted, and uploading it again answers its ticket.
func TestUploadDropAfterCommit(t *testing.T) {
	e := start(t)
	seg := e.grant(1, newYwlsh("dr"))
	fpxx := leqiInvoice(seg.First, "dr1", kprqOf(testNow))
	plain := mustJSON(t, map[string]any{"nsrsbh": sellerID, "fpxx": fpxx})
	e.srv.DropNext(1)
	if resp, _, err := e.do(newLeqiRequest(t, e, fwbmUpload, plain)); err == nil {
		t.Fatalf("got HTTP %d, want the connection dropped", resp.StatusCode)
	}
	res := e.uploadResult("", seg.First)
	if res.Clzt != "02" {
		t.Fatalf("after the drop, by number: %+v", res)
	}
	ticket := e.upload(fpxx)
	if byTicket := e.uploadResult(ticket, ""); byTicket.Fphm != seg.First || byTicket.Clzt != "02" {
		t.Errorf("the re-upload's ticket tells %+v", byTicket)
	}
	if got := e.srv.Stats()["leqi:"+fwbmUpload]; got != 2 {
		t.Errorf("stats count %d QDFPSC calls, want 2", got)
	}
}

// TestUploadDropsOnlyCommits: a CXQDFPSCJG does not use up a pending drop.
func TestUploadDropsOnlyCommits(t *testing.T) {
	e := start(t)
	e.srv.DropNext(1)
	e.leqiRefused(fwbmUploadResult, map[string]any{"nsrsbh": sellerID, "fphm": "26111000000000000001"}, "04")
	e.leqiOK(fwbmCreditLine, map[string]string{"nsrsbh": sellerID})
	req := newLeqiRequest(t, e, fwbmSegment, `{"nsrsbh":"`+sellerID+`","lysl":1,"ywlsh":"`+newYwlsh("x")+`"}`)
	if resp, _, err := e.do(req); err == nil && resp.StatusCode == http.StatusOK {
		t.Error("the pending drop was not applied to the next grant")
	}
}
