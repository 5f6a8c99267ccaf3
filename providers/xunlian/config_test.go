package xunlian

import (
	"strings"
	"testing"
	"time"
)

func TestNewRefusesABadConfigNamingTheField(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Config)
		says   string
	}{
		{"no base URL", func(c *Config) { c.BaseURL = "" }, "base_url"},
		{"ftp base URL", func(c *Config) { c.BaseURL = "ftp://x" }, "base_url"},
		{"credentials in URL", func(c *Config) { c.BaseURL = "https://u:p@x" }, "base_url"},
		{"query in URL", func(c *Config) { c.BaseURL = "https://x/?a=1" }, "base_url"},
		{"no data source", func(c *Config) { c.CompanyDataResource = " " }, "company_data_resource"},
		{"data source with a dash", func(c *Config) { c.CompanyDataResource = "tb-1" }, "只能是字母或数字"},
		{"data source over 36", func(c *Config) { c.CompanyDataResource = strings.Repeat("a", 37) }, "最多36"},
		{"no terminal", func(c *Config) { c.TerminalCode = "" }, "terminal_code"},
		{"terminal over 100 bytes", func(c *Config) { c.TerminalCode = strings.Repeat("终", 51) }, "terminal_code"},
		{"no seller name", func(c *Config) { c.Seller.Name = "" }, "seller.name"},
		{"seller name over 100 bytes", func(c *Config) { c.Seller.Name = strings.Repeat("公", 51) }, "sellerName"},
		{"bad seller tax ID", func(c *Config) { c.Seller.TaxID = "91310000631757739A" }, "seller.tax_id"},
		{"seller address over 100 bytes", func(c *Config) { c.Seller.Address = strings.Repeat("址", 50) }, "sellerAddress"},
		{"negative timeout", func(c *Config) { c.Timeout = -time.Second }, "超时"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig("https://xunlian.example.com")
			tc.change(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.says) || !strings.HasPrefix(err.Error(), "迅联云配置有误") {
				t.Errorf("error %v, want one naming %q", err, tc.says)
			}
		})
	}
}

func TestNewFillsDefaults(t *testing.T) {
	cfg := testConfig(" https://xunlian.example.com/api/ ")
	cfg.Timeout = 0
	cfg.Seller.TaxID = " 91310000631757739e "
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.Timeout != DefaultTimeout || c.cfg.BaseURL != "https://xunlian.example.com/api" || c.cfg.Seller.TaxID != "91310000631757739E" {
		t.Errorf("%+v", c.cfg)
	}
	if c.Name() != "迅联云" {
		t.Errorf("Name %q", c.Name())
	}
}
