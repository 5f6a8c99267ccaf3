package leqi

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func ctxBackground() context.Context { return context.Background() }

func TestNoConnectionMeansNotSent(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, _ := newTestClient(t, "http://"+addr)
	_, err = c.DownloadSegment(t.Context(), 10, testSerial)
	if pe := providerErr(t, err, app.KindTransient); !pe.NotSent || !strings.Contains(pe.Message, "无法连接") {
		t.Errorf("error %+v", pe)
	}
}

func TestDroppedConnectionMaySilentlyHaveWorked(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // read the request, answer nothing
		}
	}))
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL)
	_, err := c.DownloadSegment(t.Context(), 10, testSerial)
	if pe := providerErr(t, err, app.KindTransient); pe.NotSent {
		t.Errorf("a request the server read is marked NotSent: %+v", pe)
	}
}

func TestTimeoutIsTransientAndMaybeSent(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	cfg := testConfig(srv.URL)
	cfg.Timeout = 100 * time.Millisecond
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreditLine(t.Context())
	if pe := providerErr(t, err, app.KindTransient); pe.NotSent || !strings.Contains(pe.Message, "超时") {
		t.Errorf("error %+v", pe)
	}
}

func TestCancelledContext(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(okCredit)))
	c, _ := newTestClient(t, f.URL)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.CreditLine(ctx)
	providerErr(t, err, app.KindTransient)
}

// TLS verification stays on: a server whose certificate is not trusted is
// refused before any request is written.
func TestUntrustedCertificateIsRefused(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("a request reached a server with an untrusted certificate")
	}))
	srv.Config.ErrorLog = discardLog()
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL)
	_, err := c.CreditLine(t.Context())
	if pe := providerErr(t, err, app.KindTransient); !pe.NotSent || !strings.Contains(pe.Message, "证书") {
		t.Errorf("error %+v", pe)
	}
}

func TestRedirectsAreRefused(t *testing.T) {
	target := newFakeLeqi(t, always(200, sealedData(okCredit)))
	srv := httptest.NewServer(http.RedirectHandler(target.URL+"/elsewhere", http.StatusTemporaryRedirect))
	t.Cleanup(srv.Close)
	c, _ := newTestClient(t, srv.URL)
	_, err := c.CreditLine(t.Context())
	if pe := providerErr(t, err, app.KindTransient); !strings.Contains(pe.Message, "base_url") {
		t.Errorf("error %+v", pe)
	}
	if n := len(target.recorded()); n != 0 {
		t.Errorf("the redirect was followed (%d calls)", n)
	}
}

func TestHugeAnswerIsRefused(t *testing.T) {
	huge := `{"Response":{"Data":"` + strings.Repeat("A", maxResponseBytes) + `"}}`
	f := newFakeLeqi(t, always(200, huge))
	c, _ := newTestClient(t, f.URL)
	_, err := c.CreditLine(t.Context())
	if pe := providerErr(t, err, app.KindTransient); !strings.Contains(pe.Message, "过大") {
		t.Errorf("error %+v", pe)
	}
}

// The client is used from the pool scheduler and the UI at once.
func TestConcurrentCalls(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(okCredit)))
	c, _ := newTestClient(t, f.URL)
	errs := make(chan error, 16)
	for i := 0; i < cap(errs); i++ {
		go func() {
			_, err := c.CreditLine(t.Context())
			errs <- err
		}()
	}
	for i := 0; i < cap(errs); i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if n := len(f.recorded()); n != cap(errs) {
		t.Errorf("%d calls", n)
	}
}
