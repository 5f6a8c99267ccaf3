package xunlian

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"fapiao/app"
)

// DefaultTimeout bounds one request when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Limits the seed sets on configured fields.
const (
	maxDataResourceLen  = 36  // companyDataResource: letters and digits
	maxTerminalCodeLen  = 100 // terminalCode
	maxConfigValueQuote = 40  // how much of a bad base_url a message quotes
)

// Config is what the client needs to issue through one 迅联云 account.
type Config struct {
	// BaseURL is the service's address; requests go to
	// {BaseURL}/sco-invoice-legged-biz/tax/output/openapi/serverIssue.
	BaseURL string
	// CompanyDataResource (数据来源) identifies this system to 迅联云:
	// letters and digits only, at most 36.
	CompanyDataResource string
	// TerminalCode (终端编号) is the issuing device; required for blue and
	// red invoices alike.
	TerminalCode string
	// Seller (销方) is sent as sellerName, sellerTaxId, sellerAddress
	// (address and phone) and sellerBankAndId (bank and account).
	Seller app.Party
	// Timeout bounds one request; DefaultTimeout when zero.
	Timeout time.Duration
	// Render draws an invoice's layout file. 迅联云 returns none, so
	// Document uses it; nil means the client has no documents.
	Render func(app.Invoice, app.DocFormat) ([]byte, error)
	// Log receives one record per call. Nil discards them.
	Log *slog.Logger
}

// normalized checks the configuration and fills in defaults. Messages name
// the config.toml key at fault.
func (cfg Config) normalized() (Config, error) {
	var problems []string
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		problems = append(problems, err.Error())
	}
	cfg.BaseURL = base
	cfg.CompanyDataResource = strings.TrimSpace(cfg.CompanyDataResource)
	cfg.TerminalCode = strings.TrimSpace(cfg.TerminalCode)
	cfg.Seller = trimParty(cfg.Seller)
	problems = append(problems, dataResourceProblems(cfg.CompanyDataResource)...)
	problems = append(problems, terminalCodeProblems(cfg.TerminalCode)...)
	problems = append(problems, sellerProblems(cfg.Seller)...)
	switch {
	case cfg.Timeout < 0:
		problems = append(problems, "超时时间不能为负数")
	case cfg.Timeout == 0:
		cfg.Timeout = DefaultTimeout
	}
	if len(problems) > 0 {
		return cfg, errors.New("迅联云配置有误:" + strings.Join(problems, ";"))
	}
	return cfg, nil
}

func dataResourceProblems(v string) []string {
	const key = "xunlian.company_data_resource(数据来源 companyDataResource)"
	switch {
	case v == "":
		return []string{key + "不能为空"}
	case len(v) > maxDataResourceLen:
		return []string{fmt.Sprintf("%s最多%d个字符,当前%d个", key, maxDataResourceLen, len(v))}
	}
	for _, r := range v {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return []string{fmt.Sprintf("%s只能是字母或数字,含有 %q", key, string(r))}
		}
	}
	return nil
}

func terminalCodeProblems(v string) []string {
	const key = "xunlian.terminal_code(终端编号 terminalCode)"
	if v == "" {
		return []string{key + "不能为空:开蓝票和红票都须填写"}
	}
	if msg := byteLimitProblem(v, maxTerminalCodeLen); msg != "" {
		return []string{key + msg}
	}
	return nil
}

// sellerProblems checks the [seller] section against what sellerName,
// sellerTaxId, sellerAddress and sellerBankAndId accept.
func sellerProblems(s app.Party) []string {
	var out []string
	if s.Name == "" {
		out = append(out, "seller.name(销方名称)不能为空")
	} else if msg := byteLimitProblem(s.Name, app.MaxPartyNameBytes); msg != "" {
		out = append(out, "seller.name(销方名称 sellerName)"+msg)
	}
	switch {
	case s.TaxID == "":
		out = append(out, "seller.tax_id(销方税号)不能为空")
	case app.ValidateTaxID(s.TaxID) != nil:
		out = append(out, "seller.tax_id(销方税号):"+app.ValidateTaxID(s.TaxID).Message)
	}
	if msg := byteLimitProblem(s.AddressPhone(), app.MaxAddressPhoneBytes); msg != "" {
		out = append(out, "seller.address 与 seller.phone(销方地址、电话 sellerAddress)"+msg)
	}
	if msg := byteLimitProblem(s.BankAccount(), app.MaxBankAccountBytes); msg != "" {
		out = append(out, "seller.bank 与 seller.account(销方开户行及账号 sellerBankAndId)"+msg)
	}
	return out
}

// byteLimitProblem says what is wrong with a configured text against a GBK
// byte limit, or "" when nothing is.
func byteLimitProblem(v string, limit int) string {
	n, err := app.GBKLen(v)
	switch {
	case err != nil:
		return ":" + err.Error()
	case n > limit:
		return fmt.Sprintf("最多%d字节(按GBK计,汉字占2字节),当前%d字节", limit, n)
	}
	return ""
}

// trimParty trims the seller's fields and writes the tax ID the way the
// bureau knows it: upper case, no spaces.
func trimParty(p app.Party) app.Party {
	t := strings.TrimSpace
	p.Name, p.Address, p.Phone, p.Bank, p.Account = t(p.Name), t(p.Address), t(p.Phone), t(p.Bank), t(p.Account)
	p.TaxID = normalizeTaxID(p.TaxID)
	return p
}

func normalizeTaxID(id string) string {
	return strings.ToUpper(strings.Join(strings.Fields(id), ""))
}

// parseBaseURL accepts an absolute http(s) URL without credentials, query or
// fragment, and returns it without a trailing slash so the path can be
// appended.
func parseBaseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("xunlian.base_url(接口地址)不能为空")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "", fmt.Errorf("xunlian.base_url(接口地址)无法解析:%q", clipTo(raw, maxConfigValueQuote))
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("xunlian.base_url(接口地址)应以 http:// 或 https:// 开头:%q", clipTo(raw, maxConfigValueQuote))
	case u.Host == "":
		return "", fmt.Errorf("xunlian.base_url(接口地址)缺少主机名:%q", clipTo(raw, maxConfigValueQuote))
	case u.User != nil:
		// Credentials in a URL end up in logs and error messages.
		return "", errors.New("xunlian.base_url(接口地址)不能包含用户名或密码")
	case u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("xunlian.base_url(接口地址)不能包含查询参数或锚点:%q", clipTo(raw, maxConfigValueQuote))
	}
	return strings.TrimRight(u.String(), "/"), nil
}
