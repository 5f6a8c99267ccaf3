package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Provider names accepted in config.toml.
const (
	ProviderSandbox    = "sandbox"
	ProviderPiaodanyun = "piaodanyun"
	ProviderXunlian    = "xunlian"
	ProviderLeqi       = "leqi"
)

// ConfigFileName is the configuration file in the home directory.
const ConfigFileName = "config.toml"

// Config is config.toml (DESIGN §3). It never holds a secret itself, only
// the name of the environment variable that does.
type Config struct {
	Provider   string           `toml:"provider"`
	Seller     SellerConfig     `toml:"seller"`
	Piaodanyun PiaodanyunConfig `toml:"piaodanyun"`
	Xunlian    XunlianConfig    `toml:"xunlian"`
	Leqi       LeqiConfig       `toml:"leqi"`
	Inbound    InboundConfig    `toml:"inbound"`
	Sandbox    SandboxConfig    `toml:"sandbox"`
}

// SellerConfig is the [seller] section: the company invoices are issued for.
type SellerConfig struct {
	Name    string `toml:"name"`
	TaxID   string `toml:"tax_id"`
	Address string `toml:"address"`
	Phone   string `toml:"phone"`
	Bank    string `toml:"bank"`
	Account string `toml:"account"`
}

// PiaodanyunConfig is the [piaodanyun] section.
type PiaodanyunConfig struct {
	BaseURL     string `toml:"base_url"`
	Phone       string `toml:"phone"`
	PasswordEnv string `toml:"password_env"`
	TenantID    int64  `toml:"tenant_id"`
	Username    string `toml:"username"` // 局端账号
	// EtaxPasswordEnv names the variable holding the 电子税务局 password
	// that e-tax login sends (default FAPIAO_ETAX_PASSWORD).
	EtaxPasswordEnv string `toml:"etax_password_env"`
	// FaceValidMinutes is how long a face scan stays valid for this
	// company (the bureau sets 30 min to 48 h per company); 0 means 48 h.
	FaceValidMinutes int `toml:"face_valid_minutes"`
	// PartialRed turns on the partial-red extension of hzxxbsq (seed 001
	// documents only full reds). Only for accounts that accept it.
	PartialRed bool `toml:"partial_red"`
}

// XunlianConfig is the [xunlian] section.
type XunlianConfig struct {
	BaseURL             string `toml:"base_url"`
	CompanyDataResource string `toml:"company_data_resource"`
	TerminalCode        string `toml:"terminal_code"`
}

// LeqiConfig is the [leqi] section: direct connect, and the number pool.
type LeqiConfig struct {
	BaseURL  string `toml:"base_url"`
	Jrdwptbh string `toml:"jrdwptbh"`
	KeyEnv   string `toml:"key_env"` // names the variable holding the SM4 key (32 hex)
	Nlbm     string `toml:"nlbm"`    // capability code; empty for the client's default
	// Threshold keeps at least this many numbers (default 100);
	// ThresholdPercent at least this share of the last segment; Forecast
	// (default on) at least what the next working day will likely use;
	// Batch is how many to download at a time (default 1,000).
	Threshold        int   `toml:"threshold"`
	ThresholdPercent int   `toml:"threshold_percent"`
	Forecast         *bool `toml:"forecast"`
	Batch            int   `toml:"batch"`
}

// PoolPolicy is the [leqi] thresholds as a policy, defaults filled in.
func (c LeqiConfig) PoolPolicy() PoolPolicy {
	p := DefaultPoolPolicy
	if c.Threshold > 0 {
		p.MinCount = int64(c.Threshold)
	}
	p.MinPercent = c.ThresholdPercent
	if c.Forecast != nil {
		p.Forecast = *c.Forecast
	}
	if c.Batch > 0 {
		p.Batch = c.Batch
	}
	return p
}

// InboundConfig is the [inbound] section (service S000621).
type InboundConfig struct {
	BaseURL   string `toml:"base_url"`
	AppID     string `toml:"appid"`
	SecretEnv string `toml:"secret_env"`
	Jtnsrsbh  string `toml:"jtnsrsbh"`
	Nsrsbh    string `toml:"nsrsbh"`
}

// SandboxConfig is the [sandbox] section: fault injection for the embedded
// simulated tax service. Shares are whole percentages: a rehearsal needs no
// finer, and app/ keeps no floats.
type SandboxConfig struct {
	LatencyMS    int `toml:"latency_ms"`    // added to every answer
	ErrorPercent int `toml:"error_percent"` // % of requests answered with a transient failure
	DropPercent  int `toml:"drop_percent"`  // % of issuances committed, then answered by a dropped connection
	// FaceValidMinutes shortens the simulated face-authentication window
	// (default 48 h) to rehearse a lapse.
	FaceValidMinutes int `toml:"face_valid_minutes"`
	// InboundCount is how many inbound invoices the simulated bureau holds
	// for the company (default 5,000; up to 1,000,000 to rehearse a large
	// company's browser).
	InboundCount int `toml:"inbound_count"`
}

// FaceWindow is how long a face scan stays valid for the configured
// provider.
func (c Config) FaceWindow() time.Duration {
	minutes := c.Piaodanyun.FaceValidMinutes
	if c.Provider == ProviderSandbox {
		minutes = c.Sandbox.FaceValidMinutes
	}
	if minutes <= 0 {
		return DefaultFaceWindow
	}
	return time.Duration(minutes) * time.Minute
}

// DemoSeller is the company the sandbox issues for when config.toml names
// none. Its tax ID is made up but passes the check digit.
var DemoSeller = SellerConfig{
	Name:    "成都示例数字科技有限公司",
	TaxID:   "91510100MA6CXP8Q2Q",
	Address: "成都市高新区天府大道中段1号",
	Phone:   "028-85550000",
	Bank:    "中国工商银行成都高新支行",
	Account: "4402000000000000001",
}

// DefaultConfig is what an empty home directory means: the sandbox, issuing
// for the demo seller.
func DefaultConfig() Config {
	return Config{Provider: ProviderSandbox, Seller: DemoSeller}
}

// LoadConfig reads config.toml from home. A missing file means the default
// (sandbox) configuration. Unknown keys are refused by name, so a typo never
// silently falls back to a default.
func LoadConfig(home string) (Config, error) {
	path := filepath.Join(home, ConfigFileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultConfig(), nil
	}
	if err != nil {
		return Config{}, err
	}
	return ParseConfig(data, path)
}

// ParseConfig parses config.toml's content; path is only used in messages.
func ParseConfig(data []byte, path string) (Config, error) {
	cfg := Config{Provider: ProviderSandbox}
	md, err := toml.Decode(splitSemicolons(string(data)), &cfg)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		keys := make([]string, len(undecoded))
		for i, k := range undecoded {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return Config{}, fmt.Errorf("%s: 未知的配置项 %s", path, strings.Join(keys, ", "))
	}
	switch cfg.Provider {
	case ProviderSandbox, ProviderPiaodanyun, ProviderXunlian, ProviderLeqi:
	default:
		return Config{}, fmt.Errorf("%s: provider = %q 无效,应为 sandbox、piaodanyun、xunlian 或 leqi", path, cfg.Provider)
	}
	for key, pct := range map[string]int{"sandbox.error_percent": cfg.Sandbox.ErrorPercent, "sandbox.drop_percent": cfg.Sandbox.DropPercent} {
		if pct < 0 || pct > 100 {
			return Config{}, fmt.Errorf("%s: %s = %d 无效,应在 0 到 100 之间", path, key, pct)
		}
	}
	if cfg.Seller == (SellerConfig{}) && cfg.SandboxIssues() {
		cfg.Seller = DemoSeller
	}
	return cfg, nil
}

// SandboxIssues reports whether the embedded sandbox issues the invoices:
// provider = "sandbox", or 迅联云 with no base_url of its own (the sandbox
// then answers as 迅联云). The demo seller stands in when none is named.
func (c Config) SandboxIssues() bool {
	return c.Provider == ProviderSandbox || (c.Provider == ProviderXunlian && c.Xunlian.BaseURL == "")
}

// SellerParty is the [seller] section as a party.
func (c Config) SellerParty() Party {
	s := c.Seller
	return Party{Name: s.Name, TaxID: s.TaxID, Address: s.Address, Phone: s.Phone, Bank: s.Bank, Account: s.Account}
}

// splitSemicolons turns `a = 1; b = 2` into two lines. DESIGN §3 writes
// config.toml's keys that way, which TOML itself does not allow; a clerk
// copying it should not be punished. Semicolons inside strings and
// comments are left alone.
func splitSemicolons(text string) string {
	out := []byte(text)
	const (
		normal = iota
		doubleQuoted
		singleQuoted
		comment
	)
	state := normal
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch state {
		case normal:
			switch c {
			case '#':
				state = comment
			case '"':
				state = doubleQuoted
			case '\'':
				state = singleQuoted
			case ';':
				out[i] = '\n'
			}
		case doubleQuoted:
			if c == '\\' {
				i++
			} else if c == '"' {
				state = normal
			}
		case singleQuoted:
			if c == '\'' {
				state = normal
			}
		case comment:
			if c == '\n' {
				state = normal
			}
		}
	}
	return string(out)
}
