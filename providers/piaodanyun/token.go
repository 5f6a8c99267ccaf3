package piaodanyun

import (
	"context"
	"sync"
	"time"
)

const (
	// defaultTokenTTL is assumed when obtainToken names no expiry (the
	// provider's tokens last about two hours).
	defaultTokenTTL = 2 * time.Hour
	// refreshMargin renews a token this long before it expires, so that it
	// never expires between being read and reaching the server.
	refreshMargin = time.Minute
)

// accessToken is a token and when it stops being valid.
type accessToken struct {
	value     string
	expiresAt time.Time
}

// tokenSource caches the access token and renews it. Concurrent callers
// share one renewal: whoever holds the refresh slot obtains the token, the
// others wait for it and then use it.
type tokenSource struct {
	obtain  func(ctx context.Context) (accessToken, error)
	now     func() time.Time
	refresh chan struct{} // one slot: one obtainToken in flight at a time

	mu       sync.Mutex
	current  accessToken
	previous string // the token just replaced; still blanked out of messages
}

func newTokenSource(obtain func(context.Context) (accessToken, error), now func() time.Time) *tokenSource {
	return &tokenSource{obtain: obtain, now: now, refresh: make(chan struct{}, 1)}
}

// get returns a valid token, obtaining a new one when there is none or it is
// about to expire.
func (ts *tokenSource) get(ctx context.Context) (string, error) {
	if token, ok := ts.fresh(); ok {
		return token, nil
	}
	select {
	case ts.refresh <- struct{}{}:
	case <-ctx.Done():
		return "", transientError(opObtainToken, "等待获取访问令牌时请求被取消或超时", ctx.Err())
	}
	defer func() { <-ts.refresh }()
	// Someone else may have renewed it while we waited for the slot.
	if token, ok := ts.fresh(); ok {
		return token, nil
	}
	tok, err := ts.obtain(ctx)
	if err != nil {
		return "", err
	}
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.current.value != "" && ts.current.value != tok.value {
		ts.previous = ts.current.value
	}
	ts.current = tok
	return tok.value, nil
}

// fresh returns the cached token while it is more than refreshMargin from
// expiring.
func (ts *tokenSource) fresh() (string, bool) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.current.value == "" || !ts.now().Before(ts.current.expiresAt.Add(-refreshMargin)) {
		return "", false
	}
	return ts.current.value, true
}

// invalidate drops token after the server refused it. A token that has
// already been replaced is left alone, so that many callers refused at once
// cause one renewal, not one each.
func (ts *tokenSource) invalidate(token string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.current.value == token {
		ts.previous = token
		ts.current = accessToken{}
	}
}

// known lists the tokens that must never appear in a message.
func (ts *tokenSource) known() []string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return []string{ts.current.value, ts.previous}
}
