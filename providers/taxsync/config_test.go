package taxsync

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestConfigIsChecked(t *testing.T) {
	for _, tc := range []struct {
		mod   func(*Config)
		words string
	}{
		{func(c *Config) { c.BaseURL = "" }, "base_url"},
		{func(c *Config) { c.BaseURL = "ftp://x" }, "base_url"},
		{func(c *Config) { c.BaseURL = "https://u:p@x" }, "base_url"},
		{func(c *Config) { c.BaseURL = "https://x/?a=1" }, "base_url"},
		{func(c *Config) { c.AppID = "" }, "appid"},
		{func(c *Config) { c.AppID = "a&b" }, "appid"},
		{func(c *Config) { c.Secret = "  " }, "secret_env"},
		{func(c *Config) { c.Jtnsrsbh = "" }, "jtnsrsbh"},
		{func(c *Config) { c.Nsrsbh = "" }, "nsrsbh"},
		{func(c *Config) { c.Nsrsbh = "9111011457319202X8" }, "校验位"},
		{func(c *Config) { c.Timeout = -time.Second }, "超时"},
	} {
		cfg := testConfig("https://sync.example")
		tc.mod(&cfg)
		_, err := New(cfg)
		if err == nil || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%v: error %v, want it to name %s", cfg, err, tc.words)
			continue
		}
		assertNoSecret(t, "config error", err.Error())
	}
}

func TestConfigDefaults(t *testing.T) {
	cfg := testConfig(" https://sync.example/base/ ")
	cfg.Secret = testSecret + "\n"
	cfg.Nsrsbh = strings.ToLower(testNsrsbh)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.BaseURL != "https://sync.example/base" || c.cfg.Timeout != DefaultTimeout || !c.cfg.zipped() ||
		c.cfg.Nsrsbh != testNsrsbh || string(c.secret) != testSecret || c.cfg.Secret != "" {
		t.Errorf("normalized %+v", c.cfg)
	}
	cfg.Zip = boolPtr(false)
	if c, _ := New(cfg); c.cfg.zipped() {
		t.Error("Zip false is ignored")
	}
}

func TestConfigHidesTheSecret(t *testing.T) {
	cfg := testConfig("https://sync.example")
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "cfg", cfg)
	for _, text := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), logs.String()} {
		assertNoSecret(t, "printed config", text)
		if !strings.Contains(text, testAppID) {
			t.Errorf("the config prints nothing useful: %s", text)
		}
	}
}
