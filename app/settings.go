package app

import (
	"context"
	"errors"
	"fmt"
)

// ConnectionTester tries the providers cfg names with the given secrets by
// a call that changes nothing at the bureau (a token, a credit-line query,
// one inbound row), and says what it found. main.go provides it: only it
// knows the provider packages.
type ConnectionTester func(ctx context.Context, cfg Config, secrets map[Secret]string) (string, error)

// SettingsService is the settings screen's use case: read config.toml,
// test a configuration before saving it, save it with its secrets in the
// keyring.
type SettingsService struct {
	Home    string
	Store   SecretStore // the OS keyring; nil when there is none
	Getenv  func(string) string
	Tester  ConnectionTester
	Current Config // what the running app was started with
}

// SecretState is what the settings screen may show of a secret: where it
// comes from, never the value.
type SecretState struct {
	EnvName string // the variable read first
	FromEnv bool   // the variable is set
	Stored  bool   // the keyring holds one
}

// Load reads config.toml as it is on disk.
func (s *SettingsService) Load() (Config, error) { return LoadConfig(s.Home) }

// KeyringAvailable reports whether secrets can be kept in the keyring.
func (s *SettingsService) KeyringAvailable() bool {
	if s.Store == nil {
		return false
	}
	_, err := s.Store.Get("probe")
	return err == nil || errors.Is(err, ErrNotFound)
}

// State says where a secret would come from under cfg.
func (s *SettingsService) State(cfg Config, secret Secret) SecretState {
	r := s.resolver(cfg)
	return SecretState{EnvName: secret.EnvName(cfg), FromEnv: r.FromEnv(secret), Stored: r.Stored(secret)}
}

func (s *SettingsService) resolver(cfg Config) SecretResolver {
	return SecretResolver{Config: cfg, Store: s.Store, Getenv: s.Getenv}
}

// Test validates cfg and tries its connections, using typed secrets where
// the clerk entered new ones and the stored ones otherwise. Nothing is
// saved.
func (s *SettingsService) Test(ctx context.Context, cfg Config, typed map[Secret]string) (string, error) {
	if err := ValidateConfig(cfg); err != nil {
		return "", err
	}
	if s.Tester == nil {
		return "", errors.New("无法测试连接")
	}
	found := map[Secret]string{}
	r := s.resolver(cfg)
	for _, secret := range Secrets {
		if v := typed[secret]; v != "" {
			found[secret] = v
		} else if v, err := r.Lookup(secret); err == nil {
			found[secret] = v
		}
	}
	return s.Tester(ctx, cfg, found)
}

// Save validates cfg, puts newly typed secrets in the keyring, then writes
// config.toml. Without a keyring a typed secret is refused with the
// variable to set instead, before anything is written.
func (s *SettingsService) Save(cfg Config, typed map[Secret]string) error {
	if err := ValidateConfig(cfg); err != nil {
		return err
	}
	for _, secret := range Secrets {
		if typed[secret] != "" && !s.KeyringAvailable() {
			return &ValidationError{Errors: []FieldError{{Field: secret.Name, Rule: "no_keyring",
				Message: fmt.Sprintf("%s:系统钥匙串不可用,无法保存;请设置环境变量 %s", secret.Label, secret.EnvName(cfg))}}}
		}
	}
	for _, secret := range Secrets {
		if v := typed[secret]; v != "" {
			if err := s.Store.Set(secret.Name, v); err != nil {
				return fmt.Errorf("%s保存到系统钥匙串失败: %w", secret.Label, err)
			}
		}
	}
	return SaveConfig(s.Home, cfg)
}

// Forget removes a secret from the keyring.
func (s *SettingsService) Forget(secret Secret) error {
	if s.Store == nil {
		return nil
	}
	return s.Store.Delete(secret.Name)
}

// PlannedCapabilities is what cfg would offer once the app runs with it,
// for the settings screen to show before saving. CapabilitiesOf gives the
// same answer from the running services.
func PlannedCapabilities(cfg Config) Capabilities {
	has := map[Feature]bool{FeatureNumberPool: cfg.Leqi.BaseURL != "", FeatureInbound: cfg.Inbound.BaseURL != ""}
	switch cfg.Provider {
	case ProviderSandbox:
		for _, f := range []Feature{FeatureFaceAuth, FeatureLogin, FeatureCreditLine, FeatureRedForms, FeaturePartialRed,
			FeatureRedInbox, FeatureLookup, FeatureDocuments, FeatureNumberPool, FeatureInbound} {
			has[f] = true
		}
	case ProviderPiaodanyun:
		for _, f := range []Feature{FeatureFaceAuth, FeatureLogin, FeatureCreditLine, FeatureRedForms, FeatureLookup, FeatureDocuments} {
			has[f] = true
		}
		has[FeaturePartialRed] = cfg.Piaodanyun.PartialRed
	case ProviderXunlian:
		has[FeatureRedDirect] = true
	case ProviderLeqi:
		has[FeatureCreditLine], has[FeatureLookup], has[FeatureNumberPool] = true, true, true
	}
	return capabilitiesWith(cfg.Provider, has)
}
