package leqi

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestNewValidatesConfig(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*Config)
		want string
	}{
		"no base URL":                  {func(c *Config) { c.BaseURL = "" }, "base_url"},
		"relative URL":                 {func(c *Config) { c.BaseURL = "lqpt.chinatax.gov.cn" }, "base_url"},
		"ftp URL":                      {func(c *Config) { c.BaseURL = "ftp://lqpt.chinatax.gov.cn" }, "base_url"},
		"credentials in URL":           {func(c *Config) { c.BaseURL = "https://u:" + testKey + "@lqpt.example" }, "base_url"},
		"query":                        {func(c *Config) { c.BaseURL = "https://lqpt.example/?k=" + testKey }, "base_url"},
		"no platform number":           {func(c *Config) { c.Jrdwptbh = " " }, "jrdwptbh"},
		"platform number with a space": {func(c *Config) { c.Jrdwptbh = "JR DW" }, "jrdwptbh"},
		"platform number too long":     {func(c *Config) { c.Jrdwptbh = strings.Repeat("9", 33) }, "jrdwptbh"},
		"no key":                       {func(c *Config) { c.Key = "" }, "key_env"},
		"short key":                    {func(c *Config) { c.Key = testKey[:31] }, "key_env"},
		"long key":                     {func(c *Config) { c.Key = testKey + "0" }, "key_env"},
		"key not hex":                  {func(c *Config) { c.Key = "g" + testKey[1:] }, "key_env"},
		"key as base64":                {func(c *Config) { c.Key = "o/HJ4ntdQIb+HSw7SllodwAAAAAAAAA=" }, "key_env"},
		"capability with a slash":      {func(c *Config) { c.Capability = "LQ/KP" }, "nlbm"},
		"no seller":                    {func(c *Config) { c.SellerTaxID = "" }, "seller.tax_id"},
		"bad check digit":              {func(c *Config) { c.SellerTaxID = "9111011457319202X8" }, "seller.tax_id"},
		"negative timeout":             {func(c *Config) { c.Timeout = -time.Second }, "超时"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig("https://lqpt.example")
			tc.edit(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error naming %s", err, tc.want)
			}
			assertNoKeyIn(t, "error", err.Error())
		})
	}
}

func TestNewNormalizes(t *testing.T) {
	cfg := testConfig(" https://lqpt.example/api/ ")
	cfg.Timeout = 0
	cfg.Key = " " + strings.ToUpper(testKey) + "\n" // as an environment variable may hold it
	cfg.SellerTaxID = " 9111011457319202x9 "
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.BaseURL != "https://lqpt.example/api" || c.cfg.Timeout != DefaultTimeout ||
		c.cfg.SellerTaxID != testTaxID || c.cfg.Capability != DefaultCapability {
		t.Errorf("normalized %+v", c.cfg)
	}
	if c.keyHex != testKey {
		t.Errorf("key not decoded to the same 16 bytes")
	}
	if c.cfg.Key != "" {
		t.Error("the client keeps the key's text in its config")
	}
	if c.Name() != "乐企" {
		t.Errorf("Name %q", c.Name())
	}
}

func TestConfigNeverPrintsTheKey(t *testing.T) {
	cfg := testConfig("https://lqpt.example")
	var logs logBuffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "cfg", cfg)
	for _, text := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), logs.String()} {
		assertNoKeyIn(t, "printed config", text)
		if !strings.Contains(text, testPlatform) {
			t.Errorf("printed config lacks the platform number: %s", text)
		}
	}
}

func TestCapabilityIsConfigurable(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(`{"returncode":"00","zsxed":"1","sysxed":"1"}`)))
	cfg := testConfig(f.URL)
	cfg.Capability = "LQKP2"
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreditLine(t.Context()); err != nil {
		t.Fatal(err)
	}
	if call := f.only(); call.Path != "/access/v2/invoke/LQKP2/CXSXED" || call.Nlbm != "LQKP2" {
		t.Errorf("path %s, nlbm %s", call.Path, call.Nlbm)
	}
}
