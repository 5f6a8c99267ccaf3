package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestDropAfterCommit(t *testing.T) {
	e := start(t)
	e.token = e.obtainToken()
	e.srv.DropNext(1)
	form := seedInvoice("drop1")
	resp, _, err := e.postFormRaw(pathBlueTicket, e.token, form)
	if err == nil {
		t.Fatalf("got HTTP %d, want the connection dropped", resp.StatusCode)
	}
	// The bureau committed it: the same serial finds the invoice.
	d := decodeDetail(t, e.query(form.Get("fpqqlsh"), ""))
	if d.Fphm != "26112000000000000001" {
		t.Errorf("dropped invoice has number %q", d.Fphm)
	}
	// Resending the serial is a duplicate, not a second invoice.
	if env := e.post(pathBlueTicket, form); env.Code != 999 || env.Msg != "发票请求流水号重复" {
		t.Errorf("resend: %d %q", env.Code, env.Msg)
	}
	// The drop was used up.
	if n := e.issue(seedInvoice("drop2")).Fphm; n != "26112000000000000002" {
		t.Errorf("next number %s", n)
	}
}

func TestDropOnlyUsedByCommits(t *testing.T) {
	e := start(t)
	e.srv.DropNext(1)
	bad := seedInvoice("bad")
	bad.Set("hjje", "9")
	if env := e.post(pathBlueTicket, bad); env.Code != 999 {
		t.Fatalf("refused invoice answered %d", env.Code)
	}
	if _, _, err := e.postFormRaw(pathBlueTicket, e.token, seedInvoice("good")); err == nil {
		t.Error("the pending drop was not applied to the next committed invoice")
	}
}

func TestDropRate(t *testing.T) {
	e := start(t, func(o *Options) { o.Faults.DropRate = 1 })
	e.token = e.obtainToken()
	if _, _, err := e.postFormRaw(pathBlueTicket, e.token, seedInvoice("rate1")); err == nil {
		t.Fatal("DropRate 1 answered")
	}
	// Drops concern blueTicket only.
	decodeDetail(t, e.query(sellerID+"_rate1", ""))
}

func TestErrorRateAnswers503AndDoesNothing(t *testing.T) {
	e := start(t)
	e.token = e.obtainToken()
	e.srv.SetFaults(Faults{ErrorRate: 1})
	for _, path := range []string{pathBlueTicket, pathObtainToken, pathQueryMx} {
		resp, body, err := e.postFormRaw(path, e.token, seedInvoice("e1"))
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusServiceUnavailable || strings.HasPrefix(string(body), "{") {
			t.Errorf("%s: HTTP %d %q, want a 503 text", path, resp.StatusCode, body)
		}
	}
	e.srv.SetFaults(Faults{})
	if env := e.query(sellerID+"_e1", ""); env.Code != 999 {
		t.Errorf("a 503'd blueTicket was stored: %s", env.Data)
	}
	if n := e.issue(seedInvoice("e2")).Fphm; n != "26112000000000000001" {
		t.Errorf("a 503'd blueTicket used number 1: next is %s", n)
	}
}

func TestFailNext(t *testing.T) {
	e := start(t)
	e.token = e.obtainToken()
	e.srv.FailNext(2)
	for i := range 3 {
		resp, _, err := e.postFormRaw(pathBlueTicket, e.token, seedInvoice("f1"))
		if err != nil {
			t.Fatal(err)
		}
		want := http.StatusServiceUnavailable
		if i == 2 {
			want = http.StatusOK
		}
		if resp.StatusCode != want {
			t.Errorf("request %d: HTTP %d, want %d", i+1, resp.StatusCode, want)
		}
	}
}

func TestLatency(t *testing.T) {
	e := start(t, func(o *Options) { o.Faults.Latency = 60 * time.Millisecond })
	began := time.Now()
	e.obtainToken()
	if took := time.Since(began); took < 60*time.Millisecond {
		t.Errorf("answered after %v, want at least the 60ms latency", took)
	}
}

func TestStatsCountEveryRequest(t *testing.T) {
	e := start(t)
	e.obtainToken()
	e.postFormRaw(pathQueryMx, "", nil)     // refused: no token
	e.postFormRaw("/no/such/path", "", nil) // 404
	e.srv.FailNext(1)
	e.postFormRaw(pathBlueTicket, "", nil) // 503
	e.postFormRaw(pathBlueTicket, "", nil) // 401
	want := map[string]int{pathObtainToken: 1, pathQueryMx: 1, "/no/such/path": 1, pathBlueTicket: 2}
	got := e.srv.Stats()
	for path, n := range want {
		if got[path] != n {
			t.Errorf("Stats[%s] = %d, want %d (all: %v)", path, got[path], n, got)
		}
	}
	got[pathObtainToken] = 100 // a copy: the server's count is unchanged
	if e.srv.Stats()[pathObtainToken] != 1 {
		t.Error("Stats returned the server's own map")
	}
}

func TestControlEndpoints(t *testing.T) {
	e := start(t)
	post := func(body string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodPost, e.base+pathFaults, strings.NewReader(body))
		return e.mustDo(req)
	}
	resp, body := post(`{"latency_ms":5,"error_rate":0.25,"fail_next":1}`)
	var state struct {
		LatencyMS int64   `json:"latency_ms"`
		ErrorRate float64 `json:"error_rate"`
		DropRate  float64 `json:"drop_rate"`
		DropNext  int     `json:"drop_next"`
		FailNext  int     `json:"fail_next"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &state) != nil ||
		state.LatencyMS != 5 || state.ErrorRate != 0.25 || state.FailNext != 1 || state.DropNext != 0 {
		t.Fatalf("POST faults: %d %s", resp.StatusCode, body)
	}
	// Only the fields sent change.
	resp, body = post(`{"error_rate":0,"drop_next":2}`)
	if json.Unmarshal(body, &state) != nil || state.LatencyMS != 5 || state.ErrorRate != 0 || state.DropNext != 2 {
		t.Errorf("partial update: %d %s", resp.StatusCode, body)
	}
	if f, drop, fail := e.srv.currentFaults(); f.Latency != 5*time.Millisecond || drop != 2 || fail != 1 {
		t.Errorf("server faults %+v drop %d fail %d", f, drop, fail)
	}
	// The pending failure hits the next API request, but never the control endpoints.
	req, _ := http.NewRequest(http.MethodGet, e.base+pathHealth, nil)
	if resp, body := e.mustDo(req); resp.StatusCode != 200 || !strings.Contains(string(body), `"ok"`) {
		t.Errorf("health: %d %s", resp.StatusCode, body)
	}
	if resp, _, _ := e.postFormRaw(pathQueryMx, "", nil); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("fail_next did not fail the next request: %d", resp.StatusCode)
	}
	req, _ = http.NewRequest(http.MethodGet, e.base+pathStats, nil)
	resp, body = e.mustDo(req)
	var stats map[string]int
	if resp.StatusCode != 200 || json.Unmarshal(body, &stats) != nil || stats[pathFaults] != 2 || stats[pathQueryMx] != 1 {
		t.Errorf("stats: %d %s", resp.StatusCode, body)
	}
	for _, bad := range []string{`{"error_rate":2}`, `{"drop_rate":-1}`, `{"latency_ms":-5}`, `nope`} {
		if resp, body := post(bad); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 400", bad, resp.StatusCode, body)
		}
	}
}
