package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// inboundCheckCall posts the control endpoint with query and returns the
// HTTP status and the answer.
func (e *env) inboundCheckCall(query url.Values) (int, inboundCheckAnswer) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.base+"/sandbox/inbound/check?"+query.Encode(), nil)
	resp, body := e.mustDo(req)
	var a inboundCheckAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		e.t.Fatalf("HTTP %d %s: %v", resp.StatusCode, body, err)
	}
	return resp.StatusCode, a
}

// keysOfList is the keys of a list, in order.
func keysOfList(t *testing.T, list []testInbound) []string {
	t.Helper()
	out := make([]string, len(list))
	for i, inv := range list {
		out[i] = inv.key(t)
	}
	return out
}

func TestCheckInboundMovesTheFirstUnchecked(t *testing.T) {
	t.Parallel()
	e := start(t)
	unchecked, _ := e.all(map[string]any{"rzzt": "10"}, 1000)
	checked, _ := e.all(map[string]any{"rzzt": "11"}, 1000)

	if n, err := e.srv.CheckInbound(inboundCompany, 3); err != nil || n != 3 {
		t.Fatalf("CheckInbound 3: %d, %v", n, err)
	}
	status, a := e.inboundCheckCall(url.Values{"nsrsbh": {inboundCompany}, "n": {"4"}})
	if status != http.StatusOK || a.Checked != 4 || a.TaxID != inboundCompany || !strings.Contains(a.Msg, "4") {
		t.Fatalf("the control endpoint answered %d %+v", status, a)
	}

	left, count10 := e.all(map[string]any{"rzzt": "10"}, 1000)
	now, count11 := e.all(map[string]any{"rzzt": "11"}, 1000)
	if count10 != len(unchecked)-7 || count11 != len(checked)+7 {
		t.Fatalf("after checking 7: %d unchecked (was %d), %d checked (was %d)", count10, len(unchecked), count11, len(checked))
	}
	if strings.Join(keysOfList(t, left), ",") != strings.Join(keysOfList(t, unchecked[7:]), ",") {
		t.Error("the invoices left unchecked are not the ones after the first 7")
	}
	moved := map[string]testInbound{}
	for _, inv := range now {
		moved[inv.key(t)] = inv
	}
	for _, before := range unchecked[:7] {
		inv, ok := moved[before.key(t)]
		if !ok {
			t.Fatalf("%s was checked but is not listed under 11", before.key(t))
		}
		if inv.str(t, "checkStatus") != "1" || inv.str(t, "checkDate") != testToday ||
			inv.str(t, "deductiblePeriod") != "202603" || inv.str(t, "deductibleType") != "1" {
			t.Errorf("%s after the check: status %s date %s period %s", before.key(t), inv.str(t, "checkStatus"),
				inv.str(t, "checkDate"), inv.str(t, "deductiblePeriod"))
		}
		for _, f := range []string{"billingDate", "totalTax", "salesTaxNo", "state"} {
			if string(inv[f]) != string(before[f]) {
				t.Errorf("%s: %s changed from %s to %s", before.key(t), f, before[f], inv[f])
			}
		}
	}
	// The check date filter of 11 finds them on today.
	if _, n := e.all(map[string]any{"rzzt": "11", "rq_q": testToday, "rq_z": testToday}, 1000); n < 7 {
		t.Errorf("11 checked today: %d, want at least the 7", n)
	}
}

func TestCheckInboundIsKeptAndCapped(t *testing.T) {
	t.Parallel()
	e := start(t, func(o *Options) { o.InboundCount = 100 }) // 40 unchecked
	if n, err := e.srv.CheckInbound(inboundCompany, 30); err != nil || n != 30 {
		t.Fatalf("CheckInbound 30: %d, %v", n, err)
	}
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	e.open(Options{DBPath: e.dbPath, Now: e.clock.Now, InboundCount: 100})
	if p := e.plain(map[string]any{"rzzt": "10"}); *p.Count != 10 {
		t.Fatalf("after a restart %d unchecked, want 10", *p.Count)
	}
	if n, err := e.srv.CheckInbound(inboundCompany, 30); err != nil || n != 10 {
		t.Errorf("checking 30 of the 10 left: %d, %v", n, err)
	}
	if n, err := e.srv.CheckInbound(inboundCompany, 1); err != nil || n != 0 {
		t.Errorf("checking with none left: %d, %v", n, err)
	}
	if p := e.plain(map[string]any{"rzzt": "11"}); *p.Count != 20+40 {
		t.Errorf("%d checked, want the 20 of the block and the 40 moved", *p.Count)
	}
	for _, bad := range []struct {
		taxID string
		n     int
	}{{"91510113MA6739XPX3", 1}, {inboundCompany, 0}, {inboundCompany, -2}} {
		if _, err := e.srv.CheckInbound(bad.taxID, bad.n); err == nil {
			t.Errorf("CheckInbound(%q, %d) accepted", bad.taxID, bad.n)
		}
	}
}

func TestCheckInboundOfEveryCompany(t *testing.T) {
	t.Parallel()
	e := start(t)
	status, a := e.inboundCheckCall(url.Values{"n": {"5"}})
	if status != http.StatusOK || a.Checked != 5 || a.TaxID != "" {
		t.Fatalf("checking every company's: %d %+v", status, a)
	}
	for _, company := range []string{inboundCompany, sellerID} {
		env := inboundEnvelope(t, map[string]any{"rzzt": "10", "pageSize": 1})
		env["nsrsbh"] = company
		env["signature"] = testSign(DemoInboundSecret, env)
		reply := e.inboundPost(env)
		var p testPlainPage
		if err := json.Unmarshal(decodeTestContent(t, reply.Content, false), &p); err != nil || p.Count == nil {
			t.Fatalf("%s: %s %s, %v", company, reply.Code, reply.Msg, err)
		}
		if want := testShare(DefaultInboundCount, "10") - 5; *p.Count != want {
			t.Errorf("%s: %d unchecked, want %d", company, *p.Count, want)
		}
	}
	// A company's own check adds to every company's.
	if n, err := e.srv.CheckInbound(inboundCompany, 2); err != nil || n != 2 {
		t.Fatalf("CheckInbound: %d, %v", n, err)
	}
	if p := e.plain(map[string]any{"rzzt": "11", "pageSize": 1}); *p.Count != testShare(DefaultInboundCount, "11")+7 {
		t.Errorf("%d checked, want the block and 7", *p.Count)
	}
}

func TestInboundCheckEndpointRefusals(t *testing.T) {
	t.Parallel()
	e := start(t)
	for _, q := range []url.Values{
		{"n": {"0"}}, {"n": {"x"}}, {}, {"n": {"3"}, "nsrsbh": {"12345"}},
	} {
		req, _ := http.NewRequest(http.MethodPost, e.base+"/sandbox/inbound/check?"+q.Encode(), nil)
		resp, body := e.mustDo(req)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%v answered %d %s, want 400", q, resp.StatusCode, body)
		}
	}
	if p := e.plain(map[string]any{"rzzt": "10", "pageSize": 1}); *p.Count != testShare(DefaultInboundCount, "10") {
		t.Errorf("refused checks changed the list: %d unchecked", *p.Count)
	}
}

// Checked in one month, listed in the next as a past period's (40), in the
// period it was checked in — not today's.
func TestCheckedInvoicesBecomePastPeriods(t *testing.T) {
	t.Parallel()
	e := start(t)
	first := e.plain(map[string]any{"rzzt": "10", "pageSize": 3}).InvoiceList
	if n, err := e.srv.CheckInbound(inboundCompany, 3); err != nil || n != 3 {
		t.Fatalf("CheckInbound: %d, %v", n, err)
	}
	e.srv.AdvanceClock(20 * 24 * time.Hour) // 2026-04-04
	if p := e.plain(map[string]any{"rzzt": "11", "pageSize": 1}); *p.Count != testShare(DefaultInboundCount, "11") {
		t.Errorf("in April 11 holds %d, want its block alone", *p.Count)
	}
	p := e.adapter(map[string]any{"skssq": "202603", "pageSize": 1000})
	listed := map[string]testInbound{}
	for _, list := range p.InvoiceList["202603"] {
		for _, inv := range list {
			listed[inv.key(t)] = inv
		}
	}
	for _, before := range first {
		inv, ok := listed[before.key(t)]
		if !ok {
			t.Fatalf("%s checked in March is not among 40 of 202603", before.key(t))
		}
		if got := inv.str(t, "checkDate"); got != "2026-03-15 10:00:00" {
			t.Errorf("%s checked at %s, want 2026-03-15 10:00:00", before.key(t), got)
		}
		if got := inv.str(t, "billingDate"); got != before.str(t, "billingDate")+" 00:00:00" {
			t.Errorf("%s billed %s, was %s", before.key(t), got, before.str(t, "billingDate"))
		}
	}
}

func TestInboundFaultsAndStats(t *testing.T) {
	t.Parallel()
	e := start(t)
	query := map[string]any{"rzzt": "16"}
	e.srv.FailNext(1)
	req, _ := http.NewRequest(http.MethodPost, e.base+"/invoice/S000621", strings.NewReader("{}"))
	if resp, _ := e.mustDo(req); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("FailNext answered %d, want 503", resp.StatusCode)
	}
	e.plain(query)
	e.srv.SetFaults(Faults{Latency: 50 * time.Millisecond})
	began := time.Now()
	e.plain(query)
	if took := time.Since(began); took < 50*time.Millisecond {
		t.Errorf("a page with 50 ms latency took %v", took)
	}
	e.srv.SetFaults(Faults{})
	e.inboundCheckCall(url.Values{"n": {"1"}})
	if got := e.srv.Stats()["S000621"]; got != 3 {
		t.Errorf("Stats counts %d calls of S000621, want 3: %v", got, e.srv.Stats())
	}
}
