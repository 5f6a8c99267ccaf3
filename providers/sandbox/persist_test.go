package sandbox

import (
	"context"
	"net/http"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestStateSurvivesReopen(t *testing.T) {
	e := start(t)
	form := seedInvoice("p1")
	first := e.issue(form)
	token := e.token
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}

	e.open(Options{DBPath: e.dbPath, Now: e.clock.Now})
	// The token, the invoice and the number sequence all survived.
	d := decodeDetail(t, e.query(form.Get("fpqqlsh"), ""))
	if e.token != token || d.Fphm != first.Fphm || len(d.Zbmx) != 1 {
		t.Fatalf("after reopen: %+v", d)
	}
	if n := e.issue(seedInvoice("p2")).Fphm; n <= first.Fphm {
		t.Errorf("number %s after reopen does not follow %s", n, first.Fphm)
	}
	if env := e.post(pathBlueTicket, form); env.Msg != "发票请求流水号重复" {
		t.Errorf("old serial after reopen: %d %q", env.Code, env.Msg)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	dir := t.TempDir()
	for name, o := range map[string]Options{
		"no path":     {},
		"bad rate":    {DBPath: dir + "/a.db", Faults: Faults{ErrorRate: 1.5}},
		"bad channel": {DBPath: dir + "/b.db", Channel: 'x'},
	} {
		if s, err := New(o); err == nil {
			_ = s.Close()
			t.Errorf("%s: New accepted %+v", name, o)
		}
	}
}

// TestCloseLeavesNoGoroutines closes the server while a request waits out
// injected latency: Close must cut it short and leave nothing running.
func TestCloseLeavesNoGoroutines(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv, err := New(Options{DBPath: t.TempDir() + "/s.db", Faults: Faults{Latency: time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport}
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, base+pathObtainToken, nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	waitFor(t, func() bool { return srv.Stats()[pathObtainToken] == 1 })
	began := time.Now()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("Close took %v with a request in flight", took)
	}
	if err := <-done; err != nil {
		t.Logf("in-flight request: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := srv.Start("127.0.0.1:0"); err == nil {
		t.Error("Start after Close succeeded")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
		time.Sleep(time.Millisecond)
	}
}
