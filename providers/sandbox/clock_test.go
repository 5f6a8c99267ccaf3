package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestClockControl: POST /sandbox/clock/advance moves the clock, needs no
// token, escapes injected faults and is counted.
func TestClockControl(t *testing.T) {
	e := start(t)
	e.srv.FailNext(1)
	status, body := e.control(pathClockAdvance+"?by=72h", nil)
	if status != 200 || body["offset"] != "72h0m0s" || body["now"] != "2026-03-18 10:00:00" {
		t.Fatalf("advance: %d %v", status, body)
	}
	if status, body := e.control(pathClockAdvance, url.Values{"by": {"90s"}}); status != 200 || body["offset"] != "72h1m30s" {
		t.Errorf("advance by form: %d %v", status, body)
	}
	if got := e.srv.ClockOffset(); got != 72*time.Hour+90*time.Second {
		t.Errorf("offset %v", got)
	}
	for _, bad := range []string{"", "?by=", "?by=soon", "?by=-1h"} {
		if status, _ := e.control(pathClockAdvance+bad, nil); status != 400 {
			t.Errorf("%q: %d, want 400", bad, status)
		}
	}
	e.srv.AdvanceClock(-time.Hour) // ignored
	if got := e.srv.ClockOffset(); got != 72*time.Hour+90*time.Second {
		t.Errorf("a negative advance moved the clock to %v", got)
	}
	if n := e.srv.Stats()[pathClockAdvance]; n != 6 {
		t.Errorf("Stats[%s] = %d, want 6", pathClockAdvance, n)
	}
	// The injected failure is still pending for the next API call.
	if resp, _, _ := e.postFormRaw(pathQueryMx, "", nil); resp.StatusCode != 503 {
		t.Errorf("next API call: %d, want the pending 503", resp.StatusCode)
	}
}

// TestClockMovesEverything: the advanced clock dates invoices and forms
// and ages tokens.
func TestClockMovesEverything(t *testing.T) {
	e := start(t)
	e.token = e.obtainToken()
	e.srv.AdvanceClock(3 * time.Hour)
	if env := e.query("", "26112000000000000001"); env.Code != 401 {
		t.Errorf("a 2 h token after 3 h: %d", env.Code)
	}
	e.advanceSandbox(0)
	if got := e.issue(seedInvoice("late")); got.Kprq != "2026-03-15 13:00:00" {
		t.Errorf("issued at %s, want the advanced clock", got.Kprq)
	}
}

// TestRedStateSurvivesRestart: forms, reversals and red invoices are in
// the database; the clock offset is not.
func TestRedStateSurvivesRestart(t *testing.T) {
	e := start(t, never)
	blue := e.issue(invoiceOf("keep", threeLines))
	part := e.mustApply(blue.Fphm, "02", "mxzb[0][xh]", "2", "mxzb[0][spsl]", "-4", "mxzb[0][je]", "-100",
		"mxzb[0][se]", "-13")
	e.mustRedIssue("keep1", part.Xxbbh, blue.Fphm)
	big := e.issue(bigInvoice("keepbig"))
	pending := e.mustApply(big.Fphm, "01")
	e.srv.AdvanceClock(time.Hour)
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}

	e.open(Options{DBPath: e.dbPath, Now: e.clock.Now, BuyerConfirmDelay: new(time.Duration)})
	if off := e.srv.ClockOffset(); off != 0 {
		t.Errorf("clock offset %v after a restart, want 0", off)
	}
	if d := e.mustCheck(blue.Fphm); len(d.Mxzb) != 3 || d.Mxzb[1].Spsl != "-6" || d.Mxzb[1].Je != "-150" {
		t.Errorf("reversal lost: %+v", d.Mxzb)
	}
	if again := e.mustApply(big.Fphm, "01"); again.Xxbbh != pending.Xxbbh || again.XxbztDm != "02" {
		t.Errorf("pending form after restart: %+v", again)
	}
	if err := e.srv.BuyerAnswer(pending.Xxbbh, true); err != nil {
		t.Fatal(err)
	}
	e.mustRedIssue("keep2", pending.Xxbbh, big.Fphm)
	// Numbers keep growing across the restart.
	if d := decodeDetail(t, e.query(sellerID+"_keep2", "")); d.Fphm != "26112000000000000004" {
		t.Errorf("red number after restart %s", d.Fphm)
	}
	if forms, _ := e.srv.Inbox(sellerID).IncomingRedForms(t.Context()); len(forms) != 1 {
		t.Errorf("the seeded inbox form: %d after restart, want 1 (seeded once)", len(forms))
	}
}

// TestDropOnRedIssue: hzfpkj commits, then the connection drops; the red
// invoice is found by its serial and a resend is a duplicate.
func TestDropOnRedIssue(t *testing.T) {
	e := start(t)
	blue := e.issue(seedInvoice("dropblue"))
	form := e.mustApply(blue.Fphm, "01")
	e.srv.DropNext(1)
	resp, _, err := e.postFormRaw(pathRedIssue, e.token, url.Values{"username": {DemoUsername},
		"fpqqlsh": {sellerID + "_dropred"}, "xhdwsbh": {sellerID}, "tzdbh": {form.Xxbbh}, "yfphm": {blue.Fphm}})
	if err == nil {
		t.Fatalf("got HTTP %d, want the connection dropped", resp.StatusCode)
	}
	raw := decodeOrdered(t, mustData(t, e.query(sellerID+"_dropred", "")))
	if raw["kplx"] != "1" || raw["yfphm"] != blue.Fphm || raw["tzdbh"] != form.Xxbbh || raw["jshj"] != "-1.00" {
		t.Errorf("dropped red invoice: %v", raw)
	}
	refused(t, "resend", e.redIssue("dropred", form.Xxbbh, blue.Fphm), "发票请求流水号重复")
	refused(t, "another serial", e.redIssue("dropred2", form.Xxbbh, blue.Fphm), "该红字信息表已开具红字发票")
}

// TestRedInvoiceLayout: getInvoicePdfOfd renders a red invoice, with the
// remark the bureau prints on it.
func TestRedInvoiceLayout(t *testing.T) {
	e := start(t)
	blue := e.issue(seedInvoice("layoutblue"))
	form := e.mustApply(blue.Fphm, "01")
	red := e.mustRedIssue("layoutred", form.Xxbbh, blue.Fphm)
	for downflag, check := range map[string]func([]byte) bool{
		"1": func(b []byte) bool { return strings.HasPrefix(string(b), "%PDF") },
		"3": func(b []byte) bool {
			return strings.Contains(string(b), blue.Fphm) && strings.Contains(string(b), form.Xxbbh) &&
				strings.Contains(string(b), "-0.99")
		},
	} {
		env := e.post(pathLayoutFiles, url.Values{"downflag": {downflag}, "nsrsbh": {sellerID},
			"fphm": {red.Fphm}, "username": {DemoUsername}})
		var b64 string
		if env.Code != 200 || json.Unmarshal(env.Data, &b64) != nil {
			t.Fatalf("downflag %s: %d %s", downflag, env.Code, env.Msg)
		}
		file, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || !check(file) {
			t.Errorf("downflag %s: %v, file starts %.200q", downflag, err, file)
		}
	}
}

// TestRedControlStatsFolded: per-invoice and per-form control paths are
// counted under one key per action.
func TestRedControlStatsFolded(t *testing.T) {
	e := start(t)
	e.control(buyerPrefix+"26112000000000000001/use", nil)
	e.control(buyerPrefix+"26112000000000000002/use", nil)
	e.control(redFormPrefix+"11026031500000000001/confirm", nil)
	e.control(pathIncomingForm, url.Values{"nsrsbh": {sellerID}})
	stats := e.srv.Stats()
	for key, want := range map[string]int{
		buyerPrefix + "{fphm}/use": 2, redFormPrefix + "{xxbbh}/confirm": 1, pathIncomingForm: 1,
	} {
		if stats[key] != want {
			t.Errorf("Stats[%s] = %d, want %d (all: %v)", key, stats[key], want, stats)
		}
	}
}
