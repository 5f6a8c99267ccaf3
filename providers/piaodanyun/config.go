package piaodanyun

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds one request when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config is what the client needs to talk to one 票单云 account.
type Config struct {
	BaseURL     string        // e.g. https://open.piaodanyun.com or http://127.0.0.1:PORT
	Phone       string        // account phone (obtainToken)
	Password    string        // secret: never logged, never in an error message
	TenantID    int64         // 企业租户ID
	Username    string        // 局端账号: the username field of every qdjk call
	SellerTaxID string        // the seller's 纳税人识别号 (nsrsbh / xhdwsbh)
	Timeout     time.Duration // per request; DefaultTimeout when zero
	// EtaxPassword is the 电子税务局 account's password, loginDppt's
	// password. A secret like Password. It may be empty until a login is
	// attempted: only the e-tax login needs it.
	EtaxPassword string
	// PartialRed says whether this account accepts the partial-red
	// extension of hzxxbsq (mxzb lines, see addRedFormLines). The seed's
	// hzxxbsq only knows full reds; an account whose service takes the
	// extension is switched on in config.toml (partial_red = true).
	PartialRed bool
	// Log receives warnings about answers that were accepted but disagree
	// with what was expected (a red invoice's total). Nil discards them.
	Log *slog.Logger
}

// normalized checks the configuration and fills in defaults. Messages name
// the config.toml key at fault and never quote the password.
func (cfg Config) normalized() (Config, error) {
	var problems []string
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		problems = append(problems, err.Error())
	}
	cfg.BaseURL = base
	cfg.Phone = strings.TrimSpace(cfg.Phone)
	cfg.Username = strings.TrimSpace(cfg.Username)
	cfg.SellerTaxID = strings.ToUpper(strings.TrimSpace(cfg.SellerTaxID))
	required := []struct{ key, label, value string }{
		{"phone", "账号手机号", cfg.Phone},
		{"password_env", "账号密码", cfg.Password},
		{"username", "局端账号", cfg.Username},
		{"seller.tax_id", "销方纳税人识别号", cfg.SellerTaxID},
	}
	for _, r := range required {
		if r.value == "" {
			problems = append(problems, fmt.Sprintf("%s(%s)不能为空", r.key, r.label))
		}
	}
	if cfg.TenantID < 0 {
		problems = append(problems, "tenant_id(企业租户ID)不能为负数")
	}
	switch {
	case cfg.Timeout < 0:
		problems = append(problems, "超时时间不能为负数")
	case cfg.Timeout == 0:
		cfg.Timeout = DefaultTimeout
	}
	if len(problems) > 0 {
		return cfg, errors.New("票单云配置有误:" + strings.Join(problems, ";"))
	}
	return cfg, nil
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
		return "", fmt.Errorf("base_url(接口地址)无法解析:%q", raw)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("base_url(接口地址)应以 http:// 或 https:// 开头:%q", raw)
	case u.Host == "":
		return "", fmt.Errorf("base_url(接口地址)缺少主机名:%q", raw)
	case u.User != nil:
		// Credentials in a URL end up in logs and error messages.
		return "", errors.New("base_url(接口地址)不能包含用户名或密码")
	case u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("base_url(接口地址)不能包含查询参数或锚点:%q", raw)
	}
	return strings.TrimRight(u.String(), "/"), nil
}
