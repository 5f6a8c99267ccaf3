package taxsync

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
)

// maxResponseBytes bounds an answer as received. A zipped page of a few
// hundred invoices is tens of kilobytes and even an unzipped one a few
// megabytes; this leaves room for very large pages and nothing more.
const maxResponseBytes = 64 << 20

// maxContentBytes bounds a page's JSON after unzipping, so that a small zip
// that inflates without end (a zip bomb) is refused instead of filling
// memory.
const maxContentBytes = 256 << 20

// firstBackoff is the wait before the first retry; each further retry waits
// twice as long as the one before (0.5 s, 1 s, 2 s…).
const firstBackoff = 500 * time.Millisecond

// Client fetches one company's inbound invoices from S000621. It is safe
// for concurrent use.
type Client struct {
	cfg        Config // Secret blanked; the secret lives only in secret
	secret     []byte // the HMAC key, also used to scrub answers
	api        *resty.Client
	log        *slog.Logger
	maxContent int64         // maxContentBytes; lowered by tests
	backoff    time.Duration // firstBackoff; shortened by tests
}

var _ app.InboundSource = (*Client)(nil)

// New checks cfg — the base URL, appid, the secret (the message names
// secret_env and never quotes it), the group's and the company's taxpayer
// IDs — and builds a client. It sends nothing.
func New(cfg Config) (*Client, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, secret: []byte(cfg.Secret), log: cfg.Log,
		maxContent: maxContentBytes, backoff: firstBackoff}
	c.cfg.Secret, c.cfg.Log = "", nil
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.api = newAPIClient(cfg.Timeout, maxResponseBytes)
	return c, nil
}

// newAPIClient reads at most bodyLimit bytes of an answer and refuses
// redirects: a redirected POST loses its body, and the signed envelope must
// only ever go to the configured host. TLS verification stays on (resty's
// default transport verifies).
func newAPIClient(timeout time.Duration, bodyLimit int) *resty.Client {
	return resty.New().
		SetTimeout(timeout).
		SetLogger(silentLogger{}).
		SetResponseBodyLimit(bodyLimit).
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(req *http.Request, _ []*http.Request) error {
			return errors.New("服务器要求跳转到 " + req.URL.Scheme + "://" + req.URL.Host + ",请把 base_url 改为跳转后的地址")
		}))
}

// silentLogger keeps resty from writing anything: its messages could quote
// requests, and this package reports through errors and its own log.
type silentLogger struct{}

func (silentLogger) Errorf(string, ...interface{}) {}
func (silentLogger) Warnf(string, ...interface{})  {}
func (silentLogger) Debugf(string, ...interface{}) {}

var _ resty.Logger = silentLogger{}
