package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// SetFaults replaces the injected faults. Invalid values (negative latency,
// rates outside [0, 1]) are clamped into range.
func (s *Server) SetFaults(f Faults) {
	f.Latency = max(f.Latency, 0)
	f.ErrorRate = min(max(f.ErrorRate, 0), 1)
	f.DropRate = min(max(f.DropRate, 0), 1)
	s.mu.Lock()
	s.faults = f
	s.mu.Unlock()
}

// DropNext makes the next n calls that commit something — blueTicket,
// hzfpkj or 迅联云 serverIssue issuing an invoice, 乐企 QDFPPLFM granting a segment or QDFPSC
// taking an upload — commit it and then drop the connection without
// answering. Calls that commit nothing (refused, or a repeat answered from
// what was committed before) answer normally and do not use one up.
func (s *Server) DropNext(n int) {
	s.mu.Lock()
	s.dropNext = max(n, 0)
	s.mu.Unlock()
}

// FailNext makes the next n requests, to any path but the control endpoints
// under /sandbox/ (faults, stats, health, the face and login scans and
// lapses), fail with HTTP 503 before anything is done.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	s.failNext = max(n, 0)
	s.mu.Unlock()
}

func (s *Server) currentFaults() (f Faults, dropNext, failNext int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults, s.dropNext, s.failNext
}

// injectFaults applies latency and transient failures. The control
// endpoints are exempt, so a test can always reach them to lift the faults.
func (s *Server) injectFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isControlPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		if !s.wait(w, r) {
			return
		}
		if s.shouldFail() {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("503 Service Unavailable: sandbox injected fault\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func isControlPath(path string) bool {
	return strings.HasPrefix(path, "/sandbox/") && !strings.HasPrefix(path, filesPrefix)
}

// wait sleeps the injected latency. It reports false when the client went
// away (nothing to answer) or the server is closing (answered 503) meanwhile.
func (s *Server) wait(w http.ResponseWriter, r *http.Request) bool {
	f, _, _ := s.currentFaults()
	if f.Latency <= 0 {
		return true
	}
	t := time.NewTimer(f.Latency)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.closing:
		http.Error(w, "sandbox closing", http.StatusServiceUnavailable)
	}
	return false
}

// shouldFail decides whether this request gets an injected 503.
func (s *Server) shouldFail() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failNext > 0 {
		s.failNext--
		return true
	}
	return s.faults.ErrorRate > 0 && s.rng.Float64() < s.faults.ErrorRate
}

// shouldDrop decides, after an invoice was committed, whether to drop the
// answer.
func (s *Server) shouldDrop() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropNext > 0 {
		s.dropNext--
		return true
	}
	return s.faults.DropRate > 0 && s.rng.Float64() < s.faults.DropRate
}

// dropConnection closes the client's connection without writing a byte, as
// a gateway that crashed after the bureau committed would. If the
// connection cannot be hijacked (HTTP/2), the handler panics with
// http.ErrAbortHandler, which makes net/http reset the stream instead.
func (s *Server) dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
