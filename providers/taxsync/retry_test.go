package taxsync

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestTransientFailuresAreRetried(t *testing.T) {
	f := newFakeSync(t, func(n int, _ recordedCall) (int, string) {
		switch n {
		case 1:
			return 503, "busy"
		case 2:
			return 200, "<html>gateway</html>"
		}
		return 200, okAnswer(seedPlainPage, true)
	})
	c, logs := newTestClient(t, f.URL)
	page, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked, Page: 1, PageSize: 100})
	if err != nil || len(page.Invoices) != 1 {
		t.Fatalf("%+v %v", page, err)
	}
	calls := f.Calls()
	if len(calls) != 3 {
		t.Fatalf("%d calls, want 3", len(calls))
	}
	for _, call := range calls[1:] {
		if string(call.Body) != string(calls[0].Body) {
			t.Error("a retry sent another request")
		}
	}
	if n := strings.Count(logs.String(), "进项同步 retry"); n != 2 {
		t.Errorf("%d retries logged", n)
	}
	assertNoBodies(t, logs.String(), calls[0])
}

func TestRefusalsAreNotRetried(t *testing.T) {
	for _, answer := range []string{envelopeWith("2001", "rzzt参数错误", ""), envelopeWith("1001", "签名错误", "")} {
		f := newFakeSync(t, always(200, answer))
		c, _ := newTestClient(t, f.URL)
		if _, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked}); err == nil {
			t.Fatal("no error")
		}
		if n := len(f.Calls()); n != 1 {
			t.Errorf("%s: %d calls, want 1", answer, n)
		}
	}
}

func TestRetriesAreBounded(t *testing.T) {
	for _, tc := range []struct{ retries, calls int }{{0, 1 + DefaultRetries}, {-1, 1}, {1, 2}, {5, 6}} {
		f := newFakeSync(t, always(500, ""))
		c, _ := newTestClient(t, f.URL, func(cfg *Config) { cfg.Retries = tc.retries })
		_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
		providerErr(t, err, app.KindTransient)
		if n := len(f.Calls()); n != tc.calls {
			t.Errorf("Retries %d: %d calls, want %d", tc.retries, n, tc.calls)
		}
	}
}

func TestBackoffSchedule(t *testing.T) {
	var got []time.Duration
	for attempt := 0; attempt < 8; attempt++ {
		got = append(got, backoffFor(firstBackoff, attempt))
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second,
		8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("wait before retry %d: %v, want %v", i+1, got[i], want[i])
		}
	}
	if backoffFor(firstBackoff, 1000) != maxBackoff {
		t.Error("a large attempt number does not cap")
	}
	c, err := New(testConfig("http://127.0.0.1:1"))
	if err != nil || c.backoff != firstBackoff || c.cfg.Retries != DefaultRetries {
		t.Errorf("defaults: %v %v %v", c.backoff, c.cfg.Retries, err)
	}
}

// A cancelled context cuts the backoff short and says so, keeping both the
// context's error and the last failure.
func TestCancelDuringBackoff(t *testing.T) {
	f := newFakeSync(t, always(503, ""))
	c, _ := newTestClient(t, f.URL)
	c.backoff = time.Hour
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	started := time.Now()
	_, err := c.FetchInbound(ctx, app.InboundFetch{Status: app.InboundUnchecked})
	if time.Since(started) > 5*time.Second {
		t.Error("the backoff ignored the context")
	}
	pe := providerErr(t, err, app.KindTransient)
	if !errors.Is(err, context.Canceled) || !strings.Contains(pe.Message, "HTTP 503") {
		t.Errorf("error %v", err)
	}
	if n := len(f.Calls()); n != 1 {
		t.Errorf("%d calls", n)
	}
}

func TestCancelledBeforeSending(t *testing.T) {
	f := newFakeSync(t, always(200, okAnswer(smallPage, false)))
	c, _ := newTestClient(t, f.URL)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.FetchInbound(ctx, app.InboundFetch{Status: app.InboundUnchecked})
	if pe := providerErr(t, err, app.KindTransient); !pe.NotSent || !errors.Is(err, context.Canceled) {
		t.Errorf("error %+v", pe)
	}
	if n := len(f.Calls()); n != 0 {
		t.Errorf("%d calls", n)
	}
}

// Cancelling while a request is in flight ends it at once and asks no more.
func TestCancelDuringRequest(t *testing.T) {
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // so the server notices the client leave
		arrived <- struct{}{}
		select { // answer nothing until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, _ := newTestClient(t, srv.URL)
	ctx, cancel := context.WithCancel(t.Context())
	go func() { <-arrived; cancel() }()
	started := time.Now()
	_, err := c.FetchInbound(ctx, app.InboundFetch{Status: app.InboundUnchecked})
	if time.Since(started) > 5*time.Second {
		t.Error("the request ignored the context")
	}
	pe := providerErr(t, err, app.KindTransient)
	if !errors.Is(err, context.Canceled) || !strings.Contains(pe.Message, "请求已取消") {
		t.Errorf("error %+v", pe)
	}
	select {
	case <-arrived:
		t.Error("a cancelled page was asked again")
	default:
	}
}
