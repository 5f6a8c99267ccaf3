package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"fapiao/app"
)

// Server is the simulated tax service. Create it with New, serve it with
// Start (or mount Handler yourself), and Close it when done.
type Server struct {
	opts    Options
	db      *sql.DB
	log     *slog.Logger
	now     func() time.Time // Options.Now plus clockOffset: every handler's clock
	handler http.Handler
	// render makes a layout file; tests of the envelope replace it.
	render func(inv issuedInvoice, format app.DocFormat) ([]byte, error)
	// leqiSeal encrypts and decrypts the 乐企 bodies with Options.LeqiKey.
	leqiSeal *leqiSealer

	mu       sync.Mutex // guards the fields below
	faults   Faults
	dropNext int
	failNext int
	rng      *rand.Rand
	stats    map[string]int

	// closing is closed by Close so that handlers waiting out injected
	// latency stop at once; inflight lets Close wait for them before the
	// database goes away.
	closing   chan struct{}
	closed    bool // under mu; once set, no request joins inflight
	inflight  sync.WaitGroup
	closeOnce sync.Once
	closeErr  error

	srv       *http.Server
	serveDone chan struct{}

	// clockOffset is how far AdvanceClock moved the clock (nanoseconds);
	// in memory only, so a restart resets it.
	clockOffset atomic.Int64
	// creditAsked is when each seller last had its credit line answered,
	// for the bureau's 30 s limit; under mu, in memory like the bureau's cache.
	creditAsked map[string]time.Time
	// inboundMade counts the inbound invoices made up for answers, so tests
	// can tell a page from a scan.
	inboundMade atomic.Int64
}

// New opens (or creates) the sandbox database and builds the server. It does
// not listen yet: call Start, or serve Handler.
func New(opts Options) (*Server, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	seal, err := newLeqiSealer(opts.LeqiKey)
	if err != nil {
		return nil, err
	}
	db, err := openDB(opts.DBPath)
	if err != nil {
		return nil, err
	}
	seed := uint64(time.Now().UnixNano())
	s := &Server{
		opts: opts, db: db, log: opts.Log,
		faults:      opts.Faults,
		creditAsked: map[string]time.Time{},
		rng:         rand.New(rand.NewPCG(seed, seed>>17|1)),
		stats:       map[string]int{},
		closing:     make(chan struct{}),
		render:      renderLayout,
		leqiSeal:    seal,
	}
	s.now = s.clockNow
	s.handler = s.track(s.count(s.injectFaults(s.routes())))
	return s, nil
}

// Handler serves the sandbox's HTTP API.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on addr (e.g. "127.0.0.1:0") and serves in the background.
// It returns the base URL clients use, e.g. "http://127.0.0.1:41234".
func (s *Server) Start(addr string) (baseURL string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return "", errors.New("sandbox: already started")
	}
	if s.closed {
		return "", errors.New("sandbox: closed")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sandbox: listen on %s: %w", addr, err)
	}
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.serveDone = make(chan struct{})
	go func(srv *http.Server, done chan<- struct{}) {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sandbox stopped serving", "err", err)
		}
	}(s.srv, s.serveDone)
	s.log.Info("sandbox listening", "addr", ln.Addr().String())
	return "http://" + ln.Addr().String(), nil
}

// Close stops serving, waits for the requests under way, and closes the
// database. No goroutine of the server is left when it returns. Closing
// twice is harmless.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		close(s.closing)
		srv, done := s.srv, s.serveDone
		s.mu.Unlock()
		var errs []error
		if srv != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if err := srv.Shutdown(ctx); err != nil {
				errs = append(errs, srv.Close())
			}
			cancel()
			<-done
		}
		s.inflight.Wait()
		errs = append(errs, s.db.Close())
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// track counts the requests under way so Close can wait for them.
func (s *Server) track(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Add under the same lock Close sets closed with, so Wait never
		// races an Add.
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			http.Error(w, "sandbox closed", http.StatusServiceUnavailable)
			return
		}
		s.inflight.Add(1)
		s.mu.Unlock()
		defer s.inflight.Done()
		next.ServeHTTP(w, r)
	})
}
