package taxsync

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"fapiao/app"
)

// DefaultTimeout bounds one request when Config.Timeout is zero: a page of
// a large company's invoices can take the bureau a while to assemble.
const DefaultTimeout = 60 * time.Second

// DefaultRetries is how many times a page is asked again after a transient
// failure when Config.Retries is zero.
const DefaultRetries = 3

// DefaultPageSize is the page size asked for when the query names none; the
// seed recommends 100.
const DefaultPageSize = 100

// Config is what the client needs to sync one company's inbound invoices.
type Config struct {
	BaseURL  string        // the service's base; requests go to {BaseURL}/invoice/S000621
	AppID    string        // appid
	Secret   string        // the HMAC secret — never logged, never in an error
	Jtnsrsbh string        // 集团纳税人识别号, the group's taxpayer ID
	Nsrsbh   string        // the company's taxpayer ID
	Timeout  time.Duration // per request; DefaultTimeout when zero
	Zip      *bool         // ask for zipped content (iszip); nil means true: smaller answers
	// Retries of a page after a transient failure, with backoff 0.5 s, 1 s,
	// 2 s…; zero means DefaultRetries and a negative number none at all.
	Retries int
	Log     *slog.Logger // optional: call outcomes, never the secret or a body
}

// String hides the secret, so printing a Config by mistake leaks nothing.
func (cfg Config) String() string {
	return fmt.Sprintf("taxsync.Config{BaseURL:%q AppID:%q Secret:*** Jtnsrsbh:%q Nsrsbh:%q Timeout:%s Retries:%d}",
		cfg.BaseURL, cfg.AppID, cfg.Jtnsrsbh, cfg.Nsrsbh, cfg.Timeout, cfg.Retries)
}

// GoString hides the secret from %#v as String does from %v.
func (cfg Config) GoString() string { return cfg.String() }

// LogValue hides the secret from slog.
func (cfg Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", cfg.BaseURL), slog.String("appid", cfg.AppID),
		slog.String("jtnsrsbh", cfg.Jtnsrsbh), slog.String("nsrsbh", cfg.Nsrsbh))
}

// zipped reports whether answers are asked for zipped.
func (cfg Config) zipped() bool { return cfg.Zip == nil || *cfg.Zip }

// normalized checks cfg and fills in defaults. Messages name the
// config.toml key at fault ([inbound] section) and never quote the secret.
func (cfg Config) normalized() (Config, error) {
	var problems []string
	note := func(err error) {
		if err != nil {
			problems = append(problems, err.Error())
		}
	}
	var err error
	cfg.BaseURL, err = parseBaseURL(cfg.BaseURL)
	note(err)
	cfg.AppID = strings.TrimSpace(cfg.AppID)
	note(checkPlain("appid", cfg.AppID))
	// A trailing newline from an environment variable is not part of the
	// secret; anything inside it is.
	cfg.Secret = strings.TrimSpace(cfg.Secret)
	if cfg.Secret == "" {
		note(errors.New("secret_env(进项同步签名密钥)未设置或为空"))
	}
	cfg.Jtnsrsbh = strings.ToUpper(strings.TrimSpace(cfg.Jtnsrsbh))
	note(checkPlain("jtnsrsbh(集团纳税人识别号)", cfg.Jtnsrsbh))
	cfg.Nsrsbh = strings.ToUpper(strings.TrimSpace(cfg.Nsrsbh))
	if cfg.Nsrsbh == "" {
		note(errors.New("nsrsbh(纳税人识别号)不能为空"))
	} else if e := app.ValidateTaxID(cfg.Nsrsbh); e != nil {
		note(errors.New("nsrsbh(纳税人识别号)" + e.Message))
	}
	switch {
	case cfg.Timeout < 0:
		note(errors.New("超时时间不能为负数"))
	case cfg.Timeout == 0:
		cfg.Timeout = DefaultTimeout
	}
	switch {
	case cfg.Retries == 0:
		cfg.Retries = DefaultRetries
	case cfg.Retries < 0:
		cfg.Retries = 0
	}
	if len(problems) > 0 {
		return cfg, errors.New("进项同步配置有误:" + strings.Join(problems, ";"))
	}
	return cfg, nil
}

// checkPlain accepts a non-empty value of letters, digits, "-", "_" and ".".
// Such values are signed as they are: an "&" or "=" inside one would make
// the signed string ambiguous.
func checkPlain(name, v string) error {
	if v == "" {
		return errors.New(name + "不能为空")
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_' || c == '.') {
			return errors.New(name + "只能包含字母、数字、-、_ 和 .")
		}
	}
	return nil
}

// parseBaseURL accepts an absolute http(s) URL without credentials, query or
// fragment, and returns it without a trailing slash so paths can be appended.
func parseBaseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("base_url(接口地址)不能为空")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", errors.New("base_url(接口地址)无法解析")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("base_url(接口地址)应以 http:// 或 https:// 开头")
	case u.Host == "":
		return "", errors.New("base_url(接口地址)缺少主机名")
	case u.User != nil:
		// Credentials in a URL end up in logs and error messages.
		return "", errors.New("base_url(接口地址)不能包含用户名或密码")
	case u.RawQuery != "" || u.Fragment != "":
		return "", errors.New("base_url(接口地址)不能包含查询参数或锚点")
	}
	return strings.TrimRight(u.String(), "/"), nil
}
