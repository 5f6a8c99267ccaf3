package piaodanyun

import (
	"strings"
	"testing"
	"time"
)

func TestNewValidatesConfig(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*Config)
		want string
	}{
		"no base URL":      {func(c *Config) { c.BaseURL = "" }, "base_url"},
		"relative URL":     {func(c *Config) { c.BaseURL = "open.piaodanyun.com" }, "base_url"},
		"ftp URL":          {func(c *Config) { c.BaseURL = "ftp://open.piaodanyun.com" }, "base_url"},
		"credentials":      {func(c *Config) { c.BaseURL = "https://u:" + testPassword + "@open.piaodanyun.com" }, "base_url"},
		"query":            {func(c *Config) { c.BaseURL = "https://open.piaodanyun.com/?a=1" }, "base_url"},
		"no phone":         {func(c *Config) { c.Phone = " " }, "phone"},
		"no password":      {func(c *Config) { c.Password = "" }, "password_env"},
		"no username":      {func(c *Config) { c.Username = "" }, "username"},
		"no seller":        {func(c *Config) { c.SellerTaxID = "" }, "seller.tax_id"},
		"negative tenant":  {func(c *Config) { c.TenantID = -1 }, "tenant_id"},
		"negative timeout": {func(c *Config) { c.Timeout = -time.Second }, "超时"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig("https://open.piaodanyun.com")
			tc.edit(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error naming %s", err, tc.want)
			}
			assertNoSecrets(t, err)
		})
	}
}

func TestNewNormalizes(t *testing.T) {
	cfg := testConfig(" https://open.piaodanyun.com/api/ ")
	cfg.Timeout = 0
	cfg.SellerTaxID = " 9111011457319202x9 "
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.BaseURL != "https://open.piaodanyun.com/api" || c.cfg.Timeout != DefaultTimeout || c.cfg.SellerTaxID != testTaxID {
		t.Errorf("normalized %+v", c.cfg)
	}
	if c.Name() != "票单云" {
		t.Errorf("Name %q", c.Name())
	}
}
