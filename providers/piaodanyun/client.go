package piaodanyun

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
)

// Client talks to one 票单云 account. It is safe for concurrent use.
type Client struct {
	cfg    Config
	api    *resty.Client // calls to cfg.BaseURL, with the token
	files  *resty.Client // layout-file downloads from the bureau's URLs, never with the token
	tokens *tokenSource
	now    func() time.Time
	log    *slog.Logger
	// callSecrets are blanked out of messages besides the configured
	// secrets; set only on a per-call copy (see withSecrets).
	callSecrets []string
}

var (
	_ app.Issuer           = (*Client)(nil)
	_ app.FaceAuthProvider = (*Client)(nil)
	_ app.LoginProvider    = (*Client)(nil)
	_ app.RedProvider      = (*Client)(nil)
	_ app.CreditProvider   = (*Client)(nil)
)

// New checks cfg and builds a client. It sends nothing: the token is
// obtained on the first call.
func New(cfg Config) (*Client, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	c := &Client{cfg: cfg, now: time.Now, log: cfg.Log}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.api = newAPIClient(cfg.Timeout)
	c.files = newDownloadClient(cfg.Timeout)
	c.tokens = newTokenSource(c.obtainToken, func() time.Time { return c.now() })
	return c, nil
}

// Name is the provider's name for messages.
func (c *Client) Name() string { return providerName }

// newAPIClient refuses redirects: a redirected POST loses its form, and the
// token must only ever go to the configured host.
func newAPIClient(timeout time.Duration) *resty.Client {
	return resty.New().
		SetTimeout(timeout).
		SetLogger(silentLogger{}).
		SetResponseBodyLimit(maxResponseBytes).
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(req *http.Request, _ []*http.Request) error {
			return fmt.Errorf("服务器要求跳转到 %s://%s,请把接口地址(base_url)改为跳转后的地址", req.URL.Scheme, req.URL.Host)
		}))
}

// newDownloadClient follows a few redirects (the bureau's file service uses
// them) over http or https only, with TLS verification left on.
func newDownloadClient(timeout time.Duration) *resty.Client {
	return resty.New().
		SetTimeout(timeout).
		SetLogger(silentLogger{}).
		SetResponseBodyLimit(maxDocumentBytes).
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxDownloadRedirects {
				return fmt.Errorf("跳转超过%d次", maxDownloadRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("不支持跳转到 %s 地址", req.URL.Scheme)
			}
			req.Header.Del("Authorization")
			return nil
		}))
}

// silentLogger keeps resty from writing anything: its messages could quote
// requests, and this package reports through errors instead.
type silentLogger struct{}

func (silentLogger) Errorf(string, ...interface{}) {}
func (silentLogger) Warnf(string, ...interface{})  {}
func (silentLogger) Debugf(string, ...interface{}) {}

var _ resty.Logger = silentLogger{}
