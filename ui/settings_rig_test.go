package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// fakeKeyring is an in-memory app.SecretStore; none plays a machine
// without a keyring.
type fakeKeyring struct {
	mu     sync.Mutex
	values map[string]string
	none   bool
}

func newFakeKeyring() *fakeKeyring { return &fakeKeyring{values: map[string]string{}} }

func (k *fakeKeyring) Get(name string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.none {
		return "", app.ErrNoKeyring
	}
	v, ok := k.values[name]
	if !ok {
		return "", app.ErrNotFound
	}
	return v, nil
}

func (k *fakeKeyring) Set(name, value string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.none {
		return app.ErrNoKeyring
	}
	k.values[name] = value
	return nil
}

func (k *fakeKeyring) Delete(name string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.none {
		return app.ErrNoKeyring
	}
	delete(k.values, name)
	return nil
}

func (k *fakeKeyring) get(name string) (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.values[name]
	return v, ok
}

// testerCall is what 测试连接 handed the tester.
type testerCall struct {
	cfg     app.Config
	secrets map[app.Secret]string
}

// settingsRig is the settings service over a temporary home, a fake
// keyring, a fake environment and a tester that answers as told.
type settingsRig struct {
	t       *testing.T
	app     fyne.App
	home    string
	keyring *fakeKeyring
	env     map[string]string
	svc     *app.SettingsService
	calls   []testerCall
	answer  func(app.Config) (string, error)
}

func newSettingsRig(t *testing.T) *settingsRig {
	t.Helper()
	fx := newFixture(t) // the test app, its theme and the translations
	r := &settingsRig{t: t, app: fx.app, home: t.TempDir(), keyring: newFakeKeyring(), env: map[string]string{}}
	r.answer = func(app.Config) (string, error) { return "连接正常", nil }
	r.svc = &app.SettingsService{Home: r.home, Store: r.keyring, Getenv: func(name string) string { return r.env[name] },
		Tester: func(_ context.Context, cfg app.Config, secrets map[app.Secret]string) (string, error) {
			r.calls = append(r.calls, testerCall{cfg: cfg, secrets: secrets})
			return r.answer(cfg)
		}}
	return r
}

// open builds the settings window with its work run inline.
func (r *settingsRig) open() *settingsScreen {
	r.t.Helper()
	s := newSettingsScreen(r.app, r.svc, &tasks{inline: true})
	r.t.Cleanup(func() {
		for _, open := range r.app.Driver().AllWindows() {
			if open == s.win {
				s.win.Close()
			}
		}
	})
	return s
}

// writeConfig saves cfg as config.toml, as an earlier session would have.
func (r *settingsRig) writeConfig(cfg app.Config) {
	r.t.Helper()
	if err := app.SaveConfig(r.home, cfg); err != nil {
		r.t.Fatal(err)
	}
}

// configExists reports whether config.toml was written.
func (r *settingsRig) configExists() bool {
	_, err := os.Stat(filepath.Join(r.home, app.ConfigFileName))
	return err == nil
}

// field is the screen's field for a config.toml key.
func field(t *testing.T, s *settingsScreen, key string) *settingsField {
	t.Helper()
	for _, f := range s.fields {
		if f.key == key {
			return f
		}
	}
	t.Fatalf("no field %s", key)
	return nil
}

// secretRowOf is the screen's row of a secret.
func secretRowOf(t *testing.T, s *settingsScreen, secret app.Secret) *secretRow {
	t.Helper()
	for _, r := range s.secrets {
		if r.secret == secret {
			return r
		}
	}
	t.Fatalf("no row for %s", secret.Name)
	return nil
}

// fill types values into the fields named by config.toml key.
func fill(t *testing.T, s *settingsScreen, values map[string]string) {
	t.Helper()
	for key, v := range values {
		e := field(t, s, key).entry
		e.SetText("")
		test.Type(e, v)
	}
}

// validPiaodanyun is a 票单云 configuration that passes every check.
var validPiaodanyun = map[string]string{
	"seller.name": "成都示例数字科技有限公司", "seller.tax_id": "91510100MA6CXP8Q2Q",
	"piaodanyun.base_url": "https://pdy.example.com", "piaodanyun.phone": "13800000000",
	"piaodanyun.tenant_id": "42", "piaodanyun.username": "cdsl001",
}

// screenText is every text the window shows or holds — labels, buttons,
// entries, the settings' own entries — hidden ones included.
func screenText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.Button:
			b.WriteString(v.Text + "\n")
		case *widget.Entry:
			b.WriteString(v.Text + "\n")
		case *settingsEntry:
			b.WriteString(v.Text + "\n")
		case *widget.Check:
			b.WriteString(v.Text + "\n")
		case *widget.RadioGroup:
			b.WriteString(strings.Join(v.Options, "\n") + "\n")
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
			return
		}
		if wid, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(wid).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return b.String()
}
