package app

import (
	"errors"
	"fmt"
)

// Secret names a secret the providers need. It is never written to
// config.toml: config.toml may name an environment variable that holds it
// (EnvKey), or the settings screen keeps it in the OS keyring under Name.
type Secret struct {
	Name       string // keyring account, e.g. "piaodanyun.password"
	Label      string // in Chinese, for messages and the settings screen
	Section    string // the config.toml section it belongs to
	EnvKey     string // the key in that section naming an environment variable
	DefaultEnv string // the variable read when config.toml names none
}

// The secrets, one per provider credential.
var (
	SecretPiaodanyunPassword = Secret{"piaodanyun.password", "票单云密码", "piaodanyun", "password_env", "FAPIAO_PIAODANYUN_PASSWORD"}
	SecretEtaxPassword       = Secret{"piaodanyun.etax_password", "电子税务局密码", "piaodanyun", "etax_password_env", "FAPIAO_ETAX_PASSWORD"}
	SecretLeqiKey            = Secret{"leqi.key", "乐企密钥", "leqi", "key_env", "FAPIAO_LEQI_KEY"}
	SecretInbound            = Secret{"inbound.secret", "进项同步密钥", "inbound", "secret_env", "FAPIAO_INBOUND_SECRET"}
)

// Secrets lists every secret, in the settings screen's order.
var Secrets = []Secret{SecretPiaodanyunPassword, SecretEtaxPassword, SecretLeqiKey, SecretInbound}

// EnvName is the environment variable cfg says holds the secret.
func (s Secret) EnvName(cfg Config) string {
	var named string
	switch s {
	case SecretPiaodanyunPassword:
		named = cfg.Piaodanyun.PasswordEnv
	case SecretEtaxPassword:
		named = cfg.Piaodanyun.EtaxPasswordEnv
	case SecretLeqiKey:
		named = cfg.Leqi.KeyEnv
	case SecretInbound:
		named = cfg.Inbound.SecretEnv
	}
	if named == "" {
		return s.DefaultEnv
	}
	return named
}

// SecretStore keeps secrets outside the app's files: the OS keyring.
type SecretStore interface {
	// Get returns ErrNotFound when nothing is stored under name, and
	// ErrNoKeyring when there is no keyring to ask.
	Get(name string) (string, error)
	Set(name, value string) error
	Delete(name string) error
}

// ErrNoKeyring says the OS offers no keyring (a headless Linux without a
// Secret Service): secrets then come from environment variables.
var ErrNoKeyring = errors.New("系统钥匙串不可用")

// Secrets resolves secrets: the environment variable config.toml names
// first (an administrator's choice wins), then the keyring.
type SecretResolver struct {
	Config Config
	Store  SecretStore         // may be nil: environment only
	Getenv func(string) string // os.Getenv
}

// Lookup returns the secret, or an error saying where it was looked for —
// naming the variable and the keyring, never a value.
func (r SecretResolver) Lookup(s Secret) (string, error) {
	env := s.EnvName(r.Config)
	if r.Getenv != nil {
		if v := r.Getenv(env); v != "" {
			return v, nil
		}
	}
	if r.Store != nil {
		v, err := r.Store.Get(s.Name)
		switch {
		case err == nil && v != "":
			return v, nil
		case err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrNoKeyring):
			return "", fmt.Errorf("读取系统钥匙串中的%s失败: %w", s.Label, err)
		}
	}
	return "", fmt.Errorf("未设置%s:请在「设置」中填写(保存在系统钥匙串),或设置环境变量 %s(config.toml [%s] 的 %s 可改用其他变量名)",
		s.Label, env, s.Section, s.EnvKey)
}

// Stored reports whether the keyring holds the secret, for the settings
// screen's "已保存" hint; it never returns the value.
func (r SecretResolver) Stored(s Secret) bool {
	if r.Store == nil {
		return false
	}
	v, err := r.Store.Get(s.Name)
	return err == nil && v != ""
}

// FromEnv reports whether the environment supplies the secret.
func (r SecretResolver) FromEnv(s Secret) bool {
	return r.Getenv != nil && r.Getenv(s.EnvName(r.Config)) != ""
}

// Masked shows a secret's last characters only, for confirming which one is
// stored without showing it.
func Masked(secret string) string {
	runes := []rune(secret)
	if len(runes) <= 4 {
		return "••••"
	}
	return "••••" + string(runes[len(runes)-2:])
}
