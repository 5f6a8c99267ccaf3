package app

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// ValidateConfig checks what the settings screen is about to save: the
// seller, and the section of the provider chosen to issue, plus the
// [leqi] and [inbound] sections where they name a server. Field names are
// config.toml's ("seller.tax_id", "xunlian.base_url").
func ValidateConfig(cfg Config) error {
	v := &validator{}
	switch cfg.Provider {
	case ProviderSandbox, ProviderPiaodanyun, ProviderXunlian, ProviderLeqi:
	default:
		v.add("provider", "one_of", "开票服务", "应为沙箱、票单云、迅联云或乐企")
	}
	validateSeller(v, cfg.Seller)
	switch cfg.Provider {
	case ProviderPiaodanyun:
		p := cfg.Piaodanyun
		v.baseURL("piaodanyun.base_url", "票单云地址", p.BaseURL, true)
		v.required("piaodanyun.phone", "票单云账号(手机号)", p.Phone)
		v.required("piaodanyun.username", "局端账号", p.Username)
	case ProviderXunlian:
		// Without a base_url the sandbox answers as 迅联云 (a rehearsal),
		// and its demo account stands in for the rest.
		x := cfg.Xunlian
		if x.BaseURL == "" {
			break
		}
		v.baseURL("xunlian.base_url", "迅联云地址", x.BaseURL, true)
		v.required("xunlian.company_data_resource", "数据来源", x.CompanyDataResource)
		if x.CompanyDataResource != "" && !alnum.MatchString(x.CompanyDataResource) {
			v.add("xunlian.company_data_resource", "alnum_36", "数据来源", "只能是字母或数字,最多36位")
		}
		v.required("xunlian.terminal_code", "终端编号", x.TerminalCode)
		v.gbkMax("xunlian.terminal_code", "终端编号", x.TerminalCode, 100)
	case ProviderLeqi:
		v.baseURL("leqi.base_url", "乐企地址", cfg.Leqi.BaseURL, true)
	}
	if cfg.Leqi.BaseURL != "" || cfg.Provider == ProviderLeqi {
		v.baseURL("leqi.base_url", "乐企地址", cfg.Leqi.BaseURL, false)
		v.required("leqi.jrdwptbh", "接入单位平台编号", cfg.Leqi.Jrdwptbh)
	}
	if cfg.Inbound.BaseURL != "" {
		v.baseURL("inbound.base_url", "进项同步地址", cfg.Inbound.BaseURL, false)
		v.required("inbound.appid", "进项同步 appid", cfg.Inbound.AppID)
		for field, id := range map[string]string{"inbound.nsrsbh": cfg.Inbound.Nsrsbh, "inbound.jtnsrsbh": cfg.Inbound.Jtnsrsbh} {
			if id != "" {
				if err := ValidateTaxID(id); err != nil {
					v.add(field, "tax_id", "纳税人识别号", err.Error())
				}
			}
		}
	}
	return v.result()
}

func (v *validator) result() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: v.errs}
}

var alnum = regexp.MustCompile(`^[A-Za-z0-9]{1,36}$`)

func validateSeller(v *validator, s SellerConfig) {
	v.required("seller.name", "销方名称", s.Name)
	v.gbkMax("seller.name", "销方名称", s.Name, 100)
	if err := ValidateTaxID(s.TaxID); err != nil {
		v.add("seller.tax_id", "tax_id", "销方税号", err.Error())
	}
	v.gbkMax("seller.address", "销方地址", s.Address, 100)
	v.gbkMax("seller.bank", "销方开户行", s.Bank, 100)
}

func (v *validator) required(field, label, value string) {
	if strings.TrimSpace(value) == "" {
		v.add(field, "required", label, "必填")
	}
}

func (v *validator) gbkMax(field, label, value string, limit int) {
	if n, err := GBKLen(value); err == nil && n > limit {
		v.add(field, "max_bytes", label, fmt.Sprintf("超长:%d 字节,最多 %d 字节(中文占2字节)", n, limit))
	}
}

// baseURL accepts https, and plain http only on the loopback (a local
// test server): credentials never cross a network in the clear.
func (v *validator) baseURL(field, label, raw string, required bool) {
	if raw == "" {
		if required {
			v.add(field, "required", label, "必填")
		}
		return
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "":
		v.add(field, "url", label, "应为完整地址,例如 https://api.example.com")
	case u.Scheme == "https":
	case u.Scheme == "http" && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost" || u.Hostname() == "::1"):
	default:
		v.add(field, "https", label, "须使用 https(仅本机测试服务可用 http)")
	}
}

// SaveConfig writes config.toml in home: to a temporary file first, then
// renamed over the old one, so a crash leaves the old or the new file,
// never half of one. It holds no secrets (Config has none).
func SaveConfig(home string, cfg Config) error {
	if err := ValidateConfig(cfg); err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("# Fapiao 设置(由「设置」界面写入;密钥不在此文件中)\n")
	if err := toml.NewEncoder(&buf).Encode(cfg); err != nil {
		return fmt.Errorf("生成 config.toml: %w", err)
	}
	if _, err := ParseConfig(buf.Bytes(), ConfigFileName); err != nil {
		return fmt.Errorf("生成的 config.toml 无法读回: %w", err)
	}
	tmp, err := os.CreateTemp(home, ".config-*.toml")
	if err != nil {
		return fmt.Errorf("保存设置: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("保存设置: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("保存设置: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("保存设置: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(home, ConfigFileName)); err != nil {
		return fmt.Errorf("保存设置: %w", err)
	}
	return nil
}
