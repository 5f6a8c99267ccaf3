package leqi

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"fapiao/app"
)

// DefaultCapability is the capability code (能力编码 nlbm) used when
// Config.Capability is empty.
const DefaultCapability = "LQKP"

// DefaultTimeout bounds one request when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// keyHexLength is the length of the SM4 key written in hex (16 bytes).
const keyHexLength = 32

// maxPlatformNumberLength keeps a business serial (platform number + 32 hex
// characters) within 64 characters, the most the bureau is likely to take.
const maxPlatformNumberLength = maxBusinessSerialLength - serialRandomHex

// Config is what the client needs to talk to the platform for one company.
type Config struct {
	BaseURL     string        // e.g. https://… or http://127.0.0.1:PORT (the sandbox)
	Jrdwptbh    string        // 接入单位平台编号 (header jrdwptbh)
	Key         string        // SM4 key as 32 hex characters — a secret: never logged, never in an error
	Capability  string        // nlbm, the capability code in the path; DefaultCapability when empty
	SellerTaxID string        // nsrsbh
	Timeout     time.Duration // per request; DefaultTimeout when zero
	Log         *slog.Logger  // optional: call outcomes, never the key or a request body
}

// String hides the key, so printing a Config by mistake leaks nothing.
func (cfg Config) String() string {
	return fmt.Sprintf("leqi.Config{BaseURL:%q Jrdwptbh:%q Key:*** Capability:%q SellerTaxID:%q Timeout:%s}",
		cfg.BaseURL, cfg.Jrdwptbh, cfg.Capability, cfg.SellerTaxID, cfg.Timeout)
}

// GoString hides the key from %#v as String does from %v.
func (cfg Config) GoString() string { return cfg.String() }

// LogValue hides the key from slog.
func (cfg Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", cfg.BaseURL), slog.String("jrdwptbh", cfg.Jrdwptbh),
		slog.String("capability", cfg.Capability), slog.String("seller_tax_id", cfg.SellerTaxID))
}

// normalized checks cfg, fills in defaults and decodes the key. Messages
// name the config.toml key at fault and never quote the key, not even a
// part of it.
func (cfg Config) normalized() (Config, []byte, error) {
	var problems []string
	note := func(err error) {
		if err != nil {
			problems = append(problems, err.Error())
		}
	}
	var err error
	cfg.BaseURL, err = parseBaseURL(cfg.BaseURL)
	note(err)
	cfg.Jrdwptbh = strings.TrimSpace(cfg.Jrdwptbh)
	note(checkPlatformNumber(cfg.Jrdwptbh))
	key, err := parseKey(cfg.Key)
	note(err)
	cfg.Capability = strings.TrimSpace(cfg.Capability)
	if cfg.Capability == "" {
		cfg.Capability = DefaultCapability
	}
	note(checkCode("能力编码(nlbm)", cfg.Capability))
	cfg.SellerTaxID = strings.ToUpper(strings.TrimSpace(cfg.SellerTaxID))
	if cfg.SellerTaxID == "" {
		note(errors.New("seller.tax_id(销方纳税人识别号)不能为空"))
	} else if e := app.ValidateTaxID(cfg.SellerTaxID); e != nil {
		note(errors.New("seller.tax_id(销方纳税人识别号)" + e.Message))
	}
	switch {
	case cfg.Timeout < 0:
		note(errors.New("超时时间不能为负数"))
	case cfg.Timeout == 0:
		cfg.Timeout = DefaultTimeout
	}
	if len(problems) > 0 {
		return cfg, nil, errors.New("乐企配置有误:" + strings.Join(problems, ";"))
	}
	cfg.Key = ""
	return cfg, key, nil
}

// parseKey decodes the 32-hex-character SM4 key. Surrounding blanks (a
// newline at the end of an environment variable) are forgiven.
func parseKey(text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return nil, errors.New("key_env(乐企SM4密钥)未设置或为空")
	case len(text) != keyHexLength:
		return nil, fmt.Errorf("key_env(乐企SM4密钥)应为%d位十六进制字符,当前为%d个字符", keyHexLength, len([]rune(text)))
	}
	key, err := hex.DecodeString(text)
	if err != nil {
		return nil, errors.New("key_env(乐企SM4密钥)只能包含十六进制字符 0–9、a–f")
	}
	return key, nil
}

// checkPlatformNumber accepts a platform number that can go into a header
// and a path-free business serial of at most 64 characters.
func checkPlatformNumber(n string) error {
	if n == "" {
		return errors.New("jrdwptbh(接入单位平台编号)不能为空")
	}
	if len(n) > maxPlatformNumberLength {
		return fmt.Errorf("jrdwptbh(接入单位平台编号)超过%d个字符", maxPlatformNumberLength)
	}
	return checkCode("jrdwptbh(接入单位平台编号)", n)
}

// checkCode accepts letters, digits, "-" and "_": what a header value and a
// path segment carry without escaping.
func checkCode(name, code string) error {
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_') {
			return fmt.Errorf("%s只能包含字母、数字、- 和 _", name)
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
