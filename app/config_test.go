package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissingConfigMeansSandbox(t *testing.T) {
	cfg, err := LoadConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Provider != ProviderSandbox || cfg.Seller.TaxID != DemoSeller.TaxID {
		t.Errorf("cfg = %+v", cfg)
	}
	if ValidateTaxID(cfg.Seller.TaxID) != nil {
		t.Error("the demo seller's tax ID must pass its check digit")
	}
}

func TestParseConfig(t *testing.T) {
	home := t.TempDir()
	data := `provider = "piaodanyun"
[seller]
name = "北京民诺科技有限公司"; tax_id = "9111011457319202X9"
[piaodanyun]
base_url = "http://127.0.0.1:9"; phone = "13500000000"; password_env = "X_PASS"; tenant_id = 7; username = "bjmn"
`
	if err := os.WriteFile(filepath.Join(home, ConfigFileName), []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(home)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Provider != ProviderPiaodanyun || cfg.Piaodanyun.TenantID != 7 || cfg.Piaodanyun.PasswordEnv != "X_PASS" || cfg.SellerParty().Name != "北京民诺科技有限公司" {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestConfigRefusesTyposAndUnknownProviders(t *testing.T) {
	for text, want := range map[string]string{
		"provider = \"sandbox\"\n[seller]\nnmae = \"x\"\n": "seller.nmae",
		"provider = \"baiwang\"\n":                         "baiwang",
		"provider = \n":                                    "config.toml",
	} {
		_, err := ParseConfig([]byte(text), "config.toml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want it to mention %s", text, err, want)
		}
	}
}

func TestParseInvoiceNumber(t *testing.T) {
	n, err := ParseInvoiceNumber("24112000000064654320")
	if err != nil {
		t.Fatal(err)
	}
	if n.Year != 2024 || n.Province != "11" || n.Channel != '2' || n.Sequence != "000000064654320" {
		t.Errorf("parsed %+v", n)
	}
	for _, bad := range []string{"2411200000006465432", "241120000000646543201", "2411200000006465432X"} {
		if _, err := ParseInvoiceNumber(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestSemicolonsAsInDesign(t *testing.T) {
	cfg, err := ParseConfig([]byte(`provider = "sandbox"  # who issues; really
[seller]
name = "甲;乙公司"; tax_id = "9111011457319202X9"; address = 'a;b'
`), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Seller.Name != "甲;乙公司" || cfg.Seller.TaxID != "9111011457319202X9" || cfg.Seller.Address != "a;b" {
		t.Errorf("seller = %+v", cfg.Seller)
	}
}

func TestSandboxFaultPercentages(t *testing.T) {
	cfg, err := ParseConfig([]byte("[sandbox]\nlatency_ms = 200\nerror_percent = 10\ndrop_percent = 5\n"), "config.toml")
	if err != nil || cfg.Sandbox.ErrorPercent != 10 || cfg.Sandbox.DropPercent != 5 || cfg.Sandbox.LatencyMS != 200 {
		t.Fatalf("cfg %+v, err %v", cfg.Sandbox, err)
	}
	if _, err := ParseConfig([]byte("[sandbox]\ndrop_percent = 150\n"), "config.toml"); err == nil || !strings.Contains(err.Error(), "drop_percent") {
		t.Errorf("150%% accepted: %v", err)
	}
}

func TestLeqiPolicy(t *testing.T) {
	cfg, err := ParseConfig([]byte("[leqi]\nthreshold = 50\nthreshold_percent = 10\nforecast = false\nbatch = 5000\n"), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Leqi.PoolPolicy()
	if p.MinCount != 50 || p.MinPercent != 10 || p.Forecast || p.Batch != 5000 {
		t.Errorf("policy %+v", p)
	}
	if d := (LeqiConfig{}).PoolPolicy(); d != DefaultPoolPolicy {
		t.Errorf("defaults %+v", d)
	}
}
