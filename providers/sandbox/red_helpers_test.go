package sandbox

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Tax codes of the tests' lines: goods start with 1, services with 3.
const (
	codeSoftware = "1060301020100000000" // the seed's line: goods (软件产品)
	codePrinter  = "1090511030000000000"
	codePaper    = "1060103020000000000"
	codeService  = "3040201030000000000" // 软件维护服务
)

// msgEnvelope is an answer that also carries message, as the red-invoice
// calls and getCreditLine answer.
type msgEnvelope struct {
	envelope
	Message *string `json:"message"`
}

// postMsg posts a form with the token and decodes an answer with message.
func (e *env) postMsg(path string, form url.Values) msgEnvelope {
	e.t.Helper()
	if e.token == "" {
		e.token = e.obtainToken()
	}
	resp, body, err := e.postFormRaw(path, e.token, form)
	if err != nil {
		e.t.Fatalf("POST %s: %v", path, err)
	}
	e.decode(resp, body)
	var m msgEnvelope
	if err := json.Unmarshal(body, &m); err != nil {
		e.t.Fatalf("%s answered %s: %v", path, body, err)
	}
	if m.Code == 200 && (m.Message == nil || *m.Message != m.Msg) {
		e.t.Errorf("%s: message %v differs from msg %q", path, m.Message, m.Msg)
	}
	return m
}

// blueCheck asks retInviceMsg about one of the seller's invoices.
func (e *env) blueCheck(number string) msgEnvelope {
	e.t.Helper()
	return e.postMsg(pathBlueCheck, url.Values{"username": {DemoUsername}, "nsrsbh": {sellerID},
		"fphm": {number}, "sqyy[0]": {"2"}})
}

// checkData is retInviceMsg's data as the tests read it.
type checkData struct {
	Fphm, Message, Xhdwsbh, Xhdwmc, Ghdwmc, Kprq, Fplxdm, Zsfs string
	Ghdwsbh                                                    *string
	Hjje, Hjse                                                 json.Number
	XfsytDm                                                    string `json:"XfsytDm"`
	ZzsytDm                                                    string `json:"ZzsytDm"`
	FprzztDm                                                   string `json:"FprzztDm"`
	Mxzb                                                       []checkedLine
}

type checkedLine struct {
	Xh           int
	Fphxz        string
	Sl, Se, Je   json.Number
	Spdj, Spsl   string
	Spmc, Spbm   string
	Dw, Ggxh     string
	Zxbm, Yhzcbs string
}

// mustCheck asks retInviceMsg and decodes an accepted answer.
func (e *env) mustCheck(number string) checkData {
	e.t.Helper()
	env := e.blueCheck(number)
	if env.Code != 200 {
		e.t.Fatalf("retInviceMsg %s: %d %s", number, env.Code, env.Msg)
	}
	var d checkData
	if err := json.Unmarshal(env.Data, &d); err != nil {
		e.t.Fatalf("retInviceMsg data %s: %v", env.Data, err)
	}
	return d
}

// applyForm posts hzxxbsq for the seller's invoice with reason; extra are
// name/value pairs added to the form (hzxxbcheck, mxzb[i][…]).
func (e *env) applyForm(number, reason string, extra ...string) msgEnvelope {
	e.t.Helper()
	f := url.Values{"username": {DemoUsername}, "xhdwsbh": {sellerID}, "yfphm": {number},
		"chyydm": {reason}, "sqyy": {"2"}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return e.postMsg(pathRedForm, f)
}

// formAnswer is hzxxbsq's data.
type formAnswer struct {
	Sqsj, XxbztDm, Xxbbh, UUID, Xxbzt string
}

// mustApply applies for a form that must be granted.
func (e *env) mustApply(number, reason string, extra ...string) formAnswer {
	e.t.Helper()
	env := e.applyForm(number, reason, extra...)
	if env.Code != 200 {
		e.t.Fatalf("hzxxbsq %s %s: %d %s", number, reason, env.Code, env.Msg)
	}
	var d formAnswer
	if err := json.Unmarshal(env.Data, &d); err != nil {
		e.t.Fatalf("hzxxbsq data %s: %v", env.Data, err)
	}
	return d
}

// redIssue posts hzfpkj with serial suffix on form against blue.
func (e *env) redIssue(suffix, form, blue string) msgEnvelope {
	e.t.Helper()
	return e.postMsg(pathRedIssue, url.Values{"username": {DemoUsername}, "fpqqlsh": {sellerID + "_" + suffix},
		"xhdwsbh": {sellerID}, "tzdbh": {form}, "yfphm": {blue}})
}

// redAnswer is hzfpkj's data.
type redAnswer struct {
	Fphm, Kprq, Xhdwsbh, Ghdwsbh, Xhdwmc, Ghdwmc, Xxbbh string
	Jshj                                                json.Number
}

// mustRedIssue issues a red invoice that must be accepted.
func (e *env) mustRedIssue(suffix, form, blue string) redAnswer {
	e.t.Helper()
	env := e.redIssue(suffix, form, blue)
	if env.Code != 200 || env.Msg != "负数发票开具成功" {
		e.t.Fatalf("hzfpkj on %s: %d %s", form, env.Code, env.Msg)
	}
	var d redAnswer
	if err := json.Unmarshal(env.Data, &d); err != nil {
		e.t.Fatalf("hzfpkj data %s: %v", env.Data, err)
	}
	return d
}

// creditLine asks getCreditLine for the seller.
func (e *env) creditLine() msgEnvelope {
	e.t.Helper()
	return e.postMsg(pathCreditLine, url.Values{"nsrsbh": {sellerID}, "username": {DemoUsername}})
}

// refused checks an answer is 999 with a message containing each of want.
func refused(t *testing.T, what string, env msgEnvelope, want ...string) {
	t.Helper()
	if env.Code != 999 || string(env.Data) != "null" {
		t.Errorf("%s: %d %q %s, want 999", what, env.Code, env.Msg, env.Data)
		return
	}
	for _, w := range want {
		if !strings.Contains(env.Msg, w) {
			t.Errorf("%s: message %q does not say %q", what, env.Msg, w)
		}
	}
}

// advanceSandbox moves the sandbox clock on (AdvanceClock) and renews
// what may have lapsed meanwhile — the token, the e-tax login, the face
// scan — the way a clerk would.
func (e *env) advanceSandbox(d time.Duration) {
	e.t.Helper()
	e.srv.AdvanceClock(d)
	e.token = ""
	mustLogIn(e.t, e.login(loginForm("cert", "1")))
	if !e.faceScanNeeded(sellerID) {
		return
	}
	if code, body := e.scanFace(e.newFaceQR(sellerID).Rzid); code != 200 {
		e.t.Fatalf("face scan after advancing the clock: %d %v", code, body)
	}
}

// invoiceLine is a line of a test invoice, tax-exclusive with a quantity.
type invoiceLine struct {
	name, code, quantity, price, amount, tax string
}

// threeLines is two goods lines and a service line: 2,350.00 + 305.50 tax.
var threeLines = []invoiceLine{
	{"*计算机外部设备*激光打印机", codePrinter, "2", "1000", "2000", "260"},
	{"*纸制品*A4复印纸", codePaper, "10", "25", "250", "32.5"},
	{"*信息技术服务*软件维护服务", codeService, "1", "100", "100", "13"},
}

// invoiceOf is a blueTicket form with lines at 13% (tax-exclusive) and
// the totals they add up to.
func invoiceOf(suffix string, lines []invoiceLine) url.Values {
	f := seedInvoice(suffix)
	for k := range f {
		if strings.HasPrefix(k, "fyxm[") {
			f.Del(k)
		}
	}
	var amount, tax float64 // test figures only; the sandbox checks them with decimals
	for i, l := range lines {
		for k, v := range map[string]string{"fphxz": "0", "spmc": l.name, "spbm": l.code, "spsl": l.quantity,
			"dj": l.price, "je": l.amount, "sl": "0.13", "se": l.tax, "hsbz": "0", "dw": "个"} {
			f.Set(fmt.Sprintf("fyxm[%d][%s]", i, k), v)
		}
		var a, t float64
		fmt.Sscan(l.amount, &a)
		fmt.Sscan(l.tax, &t)
		amount, tax = amount+a, tax+t
	}
	f.Set("hjje", fmt.Sprintf("%.2f", amount))
	f.Set("hjse", fmt.Sprintf("%.2f", tax))
	f.Set("jshj", fmt.Sprintf("%.2f", amount+tax))
	return f
}

// formNumberShape is the seller's province (11), "0", the date 260315
// (testNow in China) and an 11-digit sequence.
var formNumberShape = regexp.MustCompile(`^110260315\d{11}$`)
