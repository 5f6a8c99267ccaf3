package xunlian

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
)

// Client issues invoices through one 迅联云 account. It is safe for
// concurrent use.
type Client struct {
	cfg Config
	api *resty.Client
	log *slog.Logger
}

var _ app.Issuer = (*Client)(nil)

// New checks cfg and builds a client. It sends nothing.
func New(cfg Config) (*Client, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, api: newAPIClient(cfg), log: cfg.Log}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// Name is the provider's name for messages.
func (c *Client) Name() string { return providerName }

// maxResponseBytes bounds an answer: serverIssue answers with a few hundred
// bytes, so anything near this is not an answer.
const maxResponseBytes = 1 << 20

// newAPIClient refuses redirects: a redirected POST may be replayed or turned
// into a GET, and an invoice must reach only the configured host. TLS
// verification stays on (resty's default transport).
func newAPIClient(cfg Config) *resty.Client {
	return resty.New().
		SetTimeout(cfg.Timeout).
		SetLogger(silentLogger{}).
		SetResponseBodyLimit(maxResponseBytes).
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(req *http.Request, _ []*http.Request) error {
			return fmt.Errorf("服务器要求跳转到 %s://%s,请把接口地址(xunlian.base_url)改为跳转后的地址", req.URL.Scheme, req.URL.Host)
		}))
}

// silentLogger keeps resty from writing anything: its messages could quote
// requests, which carry the buyer's details. This package reports through
// errors and its own log records instead.
type silentLogger struct{}

func (silentLogger) Errorf(string, ...interface{}) {}
func (silentLogger) Warnf(string, ...interface{})  {}
func (silentLogger) Debugf(string, ...interface{}) {}

var _ resty.Logger = silentLogger{}
