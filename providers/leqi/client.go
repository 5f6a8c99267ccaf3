package leqi

import (
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
)

// maxResponseBytes bounds an answer: the largest, an upload's result, is a
// few hundred bytes; this leaves room for verbose servers and nothing more.
const maxResponseBytes = 4 << 20

// Client talks to the platform for one company. It is safe for concurrent
// use. It never retries on its own: the app decides, with the same ywlsh or
// the same invoice, when to ask again.
type Client struct {
	cfg    Config // Key blanked; the key lives only in seal and keyHex
	keyHex string // for redaction only
	seal   *sealer
	api    *resty.Client
	now    func() time.Time
	log    *slog.Logger
}

var (
	_ app.NumberSource   = (*Client)(nil)
	_ app.Uploader       = (*Client)(nil)
	_ app.CreditProvider = (*Client)(nil)
)

// New checks cfg — the base URL, the platform number, the key (32 hex
// characters; the message names key_env and never quotes it) and the
// seller's tax ID — and builds a client. It sends nothing.
func New(cfg Config) (*Client, error) {
	cfg, key, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	seal, err := newSealer(key)
	if err != nil {
		return nil, errors.New("乐企配置有误:key_env(乐企SM4密钥)" + err.Error())
	}
	c := &Client{cfg: cfg, keyHex: hex.EncodeToString(key), seal: seal, now: time.Now, log: cfg.Log}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.cfg.Log = nil
	c.api = newAPIClient(cfg.Timeout)
	return c, nil
}

// Name is the provider's name for messages.
func (c *Client) Name() string { return providerName }

// newAPIClient refuses redirects: a redirected POST loses its body, and the
// platform number must only ever go to the configured host. TLS
// verification stays on (resty's default transport verifies).
func newAPIClient(timeout time.Duration) *resty.Client {
	return resty.New().
		SetTimeout(timeout).
		SetLogger(silentLogger{}).
		SetResponseBodyLimit(maxResponseBytes).
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
