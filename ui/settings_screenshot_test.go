package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"fapiao/app"
)

// TestSettingsScreenshots renders 设置 — 迅联云 chosen with one field at
// fault, 票单云 with a stored secret, the capabilities panel alone — and
// the main window as 迅联云 leaves it, for a person to look at:
// FAPIAO_UI_SHOTS=/tmp/shots go test -run SettingsScreenshots ./ui/
func TestSettingsScreenshots(t *testing.T) {
	dir := os.Getenv("FAPIAO_UI_SHOTS")
	if dir == "" {
		t.Skip("set FAPIAO_UI_SHOTS to a directory to render screenshots")
	}
	for variant, name := range map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"} {
		renderSettingsScreens(t, filepath.Join(dir, name), variant)
	}
}

func renderSettingsScreens(t *testing.T, dir string, variant fyne.ThemeVariant) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := newSettingsRig(t)
	r.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: variant})
	r.keyring.values[app.SecretEtaxPassword.Name] = "stored"
	r.env["FAPIAO_LEQI_KEY"] = "from-env"
	s := r.open()
	s.provider.SetSelected("迅联云")
	fill(t, s, map[string]string{"xunlian.base_url": "https://xl.example.com", "xunlian.company_data_resource": "CDSL-01",
		"xunlian.terminal_code": "T01"})
	tapButton(s.save)
	saveShot(t, s.win.Canvas(), filepath.Join(dir, "s1-settings-xunlian-error.png"))
	cfg, _ := s.current()
	caps := newCapsPanel()
	caps.show(app.PlannedCapabilities(cfg))
	alone := test.NewWindow(caps.content)
	defer alone.Close()
	alone.Resize(fyne.NewSize(capsWidth+2*theme.Padding(), 1000))
	saveShot(t, alone.Canvas(), filepath.Join(dir, "s2-capabilities-xunlian.png"))

	s.provider.SetSelected("票单云")
	fill(t, s, validPiaodanyun)
	test.Type(secretRowOf(t, s, app.SecretPiaodanyunPassword).entry, "typed")
	r.answer = func(app.Config) (string, error) {
		return "票单云(登录并查询授信额度):连接正常\n乐企(查询授信额度):连接正常", nil
	}
	tapButton(s.test)
	saveShot(t, s.win.Canvas(), filepath.Join(dir, "s3-settings-piaodanyun-tested.png"))

	fx, _ := xunlianFixture(t)
	fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: variant})
	q := queued(fx)
	w := q.open()
	w.showDashboard()
	q.drain()
	windowShot(t, w, dir)("s4-xunlian-dashboard")
}

// saveShot lays c out as the driver would and saves it as a PNG.
func saveShot(t *testing.T, c fyne.Canvas, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	relayout(c)
	relayout(c)
	if err := png.Encode(f, c.Capture()); err != nil {
		t.Fatal(err)
	}
}
