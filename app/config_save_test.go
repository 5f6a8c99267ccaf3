package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func xunlianConfig() Config {
	cfg := DefaultConfig()
	cfg.Provider = ProviderXunlian
	cfg.Xunlian = XunlianConfig{BaseURL: "https://xl.example.com", CompanyDataResource: "tb", TerminalCode: "921092123"}
	return cfg
}

func TestSaveConfigRoundTrips(t *testing.T) {
	home := t.TempDir()
	cfg := xunlianConfig()
	cfg.Inbound = InboundConfig{BaseURL: "https://sync.example.com", AppID: "app-1", SecretEnv: "MY_INBOUND_SECRET"}
	if err := SaveConfig(home, cfg); err != nil {
		t.Fatal(err)
	}
	back, err := LoadConfig(home)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, cfg) {
		t.Errorf("read back\n%+v\nwant\n%+v", back, cfg)
	}
	entries, _ := os.ReadDir(home)
	if len(entries) != 1 {
		t.Errorf("home holds %d files, want only config.toml (no temporary left)", len(entries))
	}
}

func TestValidateConfigNamesTheField(t *testing.T) {
	cases := map[string]func(*Config){
		"seller.tax_id":                 func(c *Config) { c.Seller.TaxID = "91510100MA6CXP8Q2A" },
		"seller.name":                   func(c *Config) { c.Seller.Name = strings.Repeat("公司", 51) },
		"xunlian.base_url":              func(c *Config) { c.Xunlian.BaseURL = "http://xl.example.com" },
		"xunlian.company_data_resource": func(c *Config) { c.Xunlian.CompanyDataResource = "t-b" },
		"xunlian.terminal_code":         func(c *Config) { c.Xunlian.TerminalCode = "" },
		"inbound.appid":                 func(c *Config) { c.Inbound.BaseURL = "https://sync.example.com" },
		"provider":                      func(c *Config) { c.Provider = "baiwang" },
	}
	for field, spoil := range cases {
		cfg := xunlianConfig()
		spoil(&cfg)
		err := SaveConfig(t.TempDir(), cfg)
		var verr *ValidationError
		if !errors.As(err, &verr) || verr.Errors[0].Field != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
	rehearsal := DefaultConfig()
	rehearsal.Provider = ProviderXunlian // no [xunlian]: the sandbox answers as 迅联云
	if err := ValidateConfig(rehearsal); err != nil || !rehearsal.SandboxIssues() {
		t.Errorf("迅联云 on the sandbox refused: %v", err)
	}
	loopback := xunlianConfig()
	loopback.Xunlian.BaseURL = "http://127.0.0.1:8080"
	if err := ValidateConfig(loopback); err != nil {
		t.Errorf("http on the loopback refused: %v", err)
	}
}

type memSecrets map[string]string

func (m memSecrets) Get(name string) (string, error) {
	if v, ok := m[name]; ok {
		return v, nil
	}
	return "", ErrNotFound
}
func (m memSecrets) Set(name, value string) error { m[name] = value; return nil }
func (m memSecrets) Delete(name string) error     { delete(m, name); return nil }

func TestSecretResolverPrefersTheNamedVariable(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Inbound.SecretEnv = "CORP_SYNC_SECRET"
	env := map[string]string{}
	keyring := memSecrets{}
	r := SecretResolver{Config: cfg, Store: keyring, Getenv: func(k string) string { return env[k] }}

	_, err := r.Lookup(SecretInbound)
	if err == nil || !strings.Contains(err.Error(), "CORP_SYNC_SECRET") {
		t.Fatalf("missing secret: %v (want the variable named)", err)
	}
	keyring[SecretInbound.Name] = "from-keyring-5f2c"
	if v, err := r.Lookup(SecretInbound); v != "from-keyring-5f2c" || err != nil || !r.Stored(SecretInbound) {
		t.Errorf("keyring: %q %v", v, err)
	}
	env["CORP_SYNC_SECRET"] = "from-env-77"
	if v, _ := r.Lookup(SecretInbound); v != "from-env-77" || !r.FromEnv(SecretInbound) {
		t.Errorf("env: %q", v)
	}
	if m := Masked("from-env-77"); strings.Contains(m, "from") || !strings.HasSuffix(m, "77") {
		t.Errorf("masked %q", m)
	}
}

func TestSavedConfigHoldsNoSecret(t *testing.T) {
	home := t.TempDir()
	cfg := xunlianConfig()
	cfg.Piaodanyun.PasswordEnv = "PDY_PASS"
	if err := SaveConfig(home, cfg); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(home, ConfigFileName))
	for _, word := range []string{"password =", "secret =", "key ="} {
		if strings.Contains(string(data), word) {
			t.Errorf("config.toml has %q:\n%s", word, data)
		}
	}
	if !strings.Contains(string(data), `password_env = "PDY_PASS"`) {
		t.Errorf("variable name not kept:\n%s", data)
	}
}

func TestSettingsSaveKeepsSecretsInTheKeyring(t *testing.T) {
	keyring := memSecrets{}
	s := &SettingsService{Home: t.TempDir(), Store: keyring, Getenv: func(string) string { return "" }}
	cfg := xunlianConfig()
	cfg.Inbound = InboundConfig{BaseURL: "https://sync.example.com", AppID: "a1"}
	if err := s.Save(cfg, map[Secret]string{SecretInbound: "inb-secret-9931"}); err != nil {
		t.Fatal(err)
	}
	if keyring[SecretInbound.Name] != "inb-secret-9931" || !s.State(cfg, SecretInbound).Stored {
		t.Errorf("keyring %v", keyring)
	}
	data, _ := os.ReadFile(filepath.Join(s.Home, ConfigFileName))
	if strings.Contains(string(data), "inb-secret-9931") {
		t.Error("the secret reached config.toml")
	}
	var got map[Secret]string
	s.Tester = func(_ context.Context, _ Config, secrets map[Secret]string) (string, error) {
		got = secrets
		return "ok", nil
	}
	if _, err := s.Test(context.Background(), cfg, map[Secret]string{SecretLeqiKey: "typed-key"}); err != nil {
		t.Fatal(err)
	}
	if got[SecretInbound] != "inb-secret-9931" || got[SecretLeqiKey] != "typed-key" {
		t.Errorf("tester saw %v", got)
	}
}

func TestSettingsWithoutKeyringNamesTheVariable(t *testing.T) {
	s := &SettingsService{Home: t.TempDir(), Getenv: func(string) string { return "" }}
	cfg := xunlianConfig()
	err := s.Save(cfg, map[Secret]string{SecretPiaodanyunPassword: "pw"})
	var verr *ValidationError
	if !errors.As(err, &verr) || !strings.Contains(err.Error(), "FAPIAO_PIAODANYUN_PASSWORD") {
		t.Fatalf("save without keyring: %v", err)
	}
	if _, statErr := os.Stat(filepath.Join(s.Home, ConfigFileName)); statErr == nil {
		t.Error("config.toml written although the save was refused")
	}
}

func TestPlannedCapabilitiesMatchTheProvider(t *testing.T) {
	x := PlannedCapabilities(xunlianConfig())
	if x.Has(FeatureFaceAuth) || x.Has(FeatureCreditLine) || !x.Has(FeatureRedDirect) || x.Why(FeatureCreditLine) == "" {
		t.Errorf("xunlian: face %v credit %v direct %v", x.Has(FeatureFaceAuth), x.Has(FeatureCreditLine), x.Has(FeatureRedDirect))
	}
	sb := PlannedCapabilities(DefaultConfig())
	if !sb.Has(FeatureFaceAuth) || !sb.Has(FeatureInbound) || sb.Has(FeatureRedDirect) {
		t.Errorf("sandbox: %v", sb.Missing())
	}
}
