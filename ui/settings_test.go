package ui

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

func TestSettingsProviderChoiceShowsItsSectionAndWhatItOffers(t *testing.T) {
	r := newSettingsRig(t)
	s := r.open()
	if s.selectedProvider() != app.ProviderSandbox {
		t.Fatalf("an empty home means the sandbox, got %s", s.selectedProvider())
	}
	if s.piaodanyun.Visible() || s.xunlian.Visible() || !s.sandboxNote.Visible() {
		t.Error("the sandbox needs no provider section, and says what it is")
	}
	if caps := screenText(s.caps.content); strings.Contains(caps, "迅联云") {
		t.Errorf("the sandbox offers everything; the panel says %q", caps)
	}

	s.provider.SetSelected("迅联云")
	if !s.xunlian.Visible() || s.piaodanyun.Visible() || s.sandboxNote.Visible() {
		t.Error("迅联云 shows its own section only")
	}
	caps := screenText(s.caps.content)
	for feature, why := range map[string]string{
		"人脸认证":   "迅联云为托管开票,人脸认证由平台方完成,本机无需扫码",
		"授信额度查询": "迅联云接口不提供授信额度查询,请在电子税务局查看",
	} {
		// The reason is the row right under the feature's name.
		if !strings.Contains(caps, feature+"\n"+why+"\n") {
			t.Errorf("the panel should list %s as missing because %s:\n%s", feature, why, caps)
		}
	}
	if !strings.Contains(caps, "迅联云可用的功能") {
		t.Errorf("the panel's title names the provider: %q", caps)
	}

	s.provider.SetSelected("票单云")
	if !s.piaodanyun.Visible() || s.xunlian.Visible() {
		t.Error("票单云 shows its own section only")
	}
	partialWhy := "未开启 partial_red(票单云的部分红冲扩展)"
	if !strings.Contains(screenText(s.caps.content), partialWhy) {
		t.Error("票单云 without partial_red lacks partial reds, and says so")
	}
	test.Tap(s.partialRed)
	if strings.Contains(screenText(s.caps.content), partialWhy) {
		t.Error("ticking partial_red must update the panel")
	}
	fill(t, s, map[string]string{"leqi.base_url": "https://leqi.example.com"})
	if strings.Contains(screenText(s.caps.content), "未配置 [leqi]") {
		t.Error("a 乐企 address brings the number pool")
	}
}

func TestSettingsSaveRefusesABadTaxIDBesideTheFieldAndWritesNothing(t *testing.T) {
	r := newSettingsRig(t)
	s := r.open()
	fill(t, s, map[string]string{"seller.tax_id": "91510100MA6CXP8Q2X", "leqi.threshold": "一百"})
	test.Type(secretRowOf(t, s, app.SecretLeqiKey).entry, "0123456789abcdef0123456789abcdef")
	tapButton(s.save)

	taxID := field(t, s, "seller.tax_id")
	if msgs := taxID.box.errors.messages(); len(msgs) != 1 || !strings.Contains(msgs[0], "销方税号") || !taxID.box.errors.Visible() {
		t.Errorf("the tax ID's error should show under it: %q", msgs)
	}
	if msgs := field(t, s, "leqi.threshold").box.errors.messages(); len(msgs) != 1 || !strings.Contains(msgs[0], "整数") {
		t.Errorf("a threshold that is no number should be refused beside it: %q", msgs)
	}
	if field(t, s, "seller.name").box.errors.Visible() {
		t.Error("a good field shows no error")
	}
	if !strings.Contains(s.summary.Text, "有 2 处需要修改") {
		t.Errorf("summary: %q", s.summary.Text)
	}
	if s.win.Canvas().Focused() != taxID.entry {
		t.Error("the cursor should go to the first field at fault")
	}
	if r.configExists() {
		t.Error("nothing may be written while a field is wrong")
	}
	if _, ok := r.keyring.get(app.SecretLeqiKey.Name); ok {
		t.Error("nor may a secret be stored")
	}

	taxID.entry.SetText("")
	test.Type(taxID.entry, "91510100MA6CXP8Q2Q")
	if taxID.box.errors.Visible() {
		t.Error("the message goes as the clerk puts the field right")
	}
	if !strings.Contains(s.summary.Text, "有 1 处需要修改") {
		t.Errorf("the summary counts what is left: %q", s.summary.Text)
	}
}

func TestSettingsSaveWritesConfigAndPutsTypedSecretsInTheKeyring(t *testing.T) {
	r := newSettingsRig(t)
	s := r.open()
	s.provider.SetSelected("票单云")
	fill(t, s, validPiaodanyun)
	fill(t, s, map[string]string{"leqi.base_url": "https://leqi.example.com", "leqi.jrdwptbh": "JR0001",
		"leqi.threshold": "200", "leqi.key_env": "MY_LEQI_KEY"})
	test.Tap(s.partialRed)
	const password = "Pdy-Secret-9f3a"
	test.Type(secretRowOf(t, s, app.SecretPiaodanyunPassword).entry, password)
	tapButton(s.save)

	if !s.result.Visible() || s.result.Text != "已保存,重新启动 Fapiao 后生效" {
		t.Fatalf("result: %q (summary %q)", s.result.Text, s.summary.Text)
	}
	got, err := app.LoadConfig(r.home)
	if err != nil {
		t.Fatal(err)
	}
	want := app.Config{Provider: app.ProviderPiaodanyun, Seller: app.DemoSeller,
		Piaodanyun: app.PiaodanyunConfig{BaseURL: "https://pdy.example.com", Phone: "13800000000", TenantID: 42,
			Username: "cdsl001", PartialRed: true},
		Leqi: app.LeqiConfig{BaseURL: "https://leqi.example.com", Jrdwptbh: "JR0001", KeyEnv: "MY_LEQI_KEY", Threshold: 200}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("config.toml reads back\n%+v\nwant\n%+v", got, want)
	}
	if v, _ := r.keyring.get(app.SecretPiaodanyunPassword.Name); v != password {
		t.Errorf("the keyring holds %q", v)
	}
	data, err := os.ReadFile(filepath.Join(r.home, app.ConfigFileName))
	if err != nil || strings.Contains(string(data), password) {
		t.Errorf("config.toml must not hold the secret (%v)", err)
	}
	row := secretRowOf(t, s, app.SecretPiaodanyunPassword)
	if row.entry.Text != "" || row.hint.Text != "已保存在系统钥匙串(如需更换请输入新值)" || !row.clear.Visible() {
		t.Errorf("after saving: entry %q, hint %q", row.entry.Text, row.hint.Text)
	}
}

func TestSettingsNeverShowAStoredSecret(t *testing.T) {
	r := newSettingsRig(t)
	cfg := app.Config{Provider: app.ProviderPiaodanyun, Seller: app.DemoSeller,
		Piaodanyun: app.PiaodanyunConfig{BaseURL: "https://pdy.example.com", Phone: "13800000000", Username: "cdsl001"}}
	r.writeConfig(cfg)
	const stored, fromEnv = "Stored-Pdy-77", "Env-Leqi-Key-88"
	r.keyring.values[app.SecretPiaodanyunPassword.Name] = stored
	r.env["FAPIAO_LEQI_KEY"] = fromEnv
	s := r.open()

	pw := secretRowOf(t, s, app.SecretPiaodanyunPassword)
	if pw.entry.Text != "" {
		t.Errorf("the password entry must start empty, holds %q", pw.entry.Text)
	}
	if pw.hint.Text != "已保存在系统钥匙串(如需更换请输入新值)" || !pw.clear.Visible() {
		t.Errorf("hint %q", pw.hint.Text)
	}
	if hint := secretRowOf(t, s, app.SecretLeqiKey).hint.Text; hint != "来自环境变量 FAPIAO_LEQI_KEY" {
		t.Errorf("leqi hint %q", hint)
	}
	if hint := secretRowOf(t, s, app.SecretInbound).hint.Text; !strings.HasPrefix(hint, "未设置") {
		t.Errorf("inbound hint %q", hint)
	}
	all := screenText(s.win.Canvas().Content())
	if strings.Contains(all, stored) || strings.Contains(all, fromEnv) || strings.Contains(all, app.Masked(stored)) {
		t.Error("no secret may appear on the screen, not even masked")
	}

	tapButton(pw.clear)
	tapOverlayButton(t, s.win, "是")
	if _, ok := r.keyring.get(app.SecretPiaodanyunPassword.Name); ok {
		t.Error("清除 should delete the stored password")
	}
	if !strings.HasPrefix(pw.hint.Text, "未设置") || pw.clear.Visible() {
		t.Errorf("after 清除: hint %q", pw.hint.Text)
	}
}

func TestSettingsTestConnectionShowsTheReportOrTheError(t *testing.T) {
	r := newSettingsRig(t)
	r.keyring.values[app.SecretEtaxPassword.Name] = "stored-etax"
	r.answer = func(app.Config) (string, error) { return "票单云(登录并查询授信额度):连接正常", nil }
	s := r.open()
	s.provider.SetSelected("票单云")
	fill(t, s, validPiaodanyun)
	pw := secretRowOf(t, s, app.SecretPiaodanyunPassword)
	test.Type(pw.entry, "typed-pw")
	pw.entry.TypedKey(keyReturn) // Enter tests

	if len(r.calls) != 1 {
		t.Fatalf("Enter should test once, tested %d times", len(r.calls))
	}
	call := r.calls[0]
	if call.secrets[app.SecretPiaodanyunPassword] != "typed-pw" || call.secrets[app.SecretEtaxPassword] != "stored-etax" {
		t.Error("the test uses typed secrets, and stored ones for the rest")
	}
	if call.cfg.Provider != app.ProviderPiaodanyun || call.cfg.Piaodanyun.TenantID != 42 {
		t.Errorf("the test gets the form's configuration: %+v", call.cfg)
	}
	if !strings.Contains(s.result.Text, "票单云(登录并查询授信额度):连接正常") || s.result.Importance != widget.SuccessImportance {
		t.Errorf("report: %q", s.result.Text)
	}
	if r.configExists() {
		t.Error("testing saves nothing")
	}
	if _, ok := r.keyring.get(app.SecretPiaodanyunPassword.Name); ok {
		t.Error("testing stores no secret")
	}

	r.answer = func(app.Config) (string, error) {
		return "乐企(查询授信额度):连接正常", errors.New("票单云(登录并查询授信额度):[401] 账号或密码错误")
	}
	tapButton(s.test)
	if !strings.Contains(s.result.Text, "[401] 账号或密码错误") || !strings.Contains(s.result.Text, "乐企(查询授信额度):连接正常") ||
		s.result.Importance != widget.DangerImportance {
		t.Errorf("a provider's error shows as it is, with what passed: %q", s.result.Text)
	}

	// A configuration the checks refuse is not tried at all.
	s.provider.SetSelected("迅联云")
	fill(t, s, map[string]string{"xunlian.base_url": "http://xl.example.com", "xunlian.company_data_resource": "CDSL",
		"xunlian.terminal_code": "T01"})
	tapButton(s.test)
	if len(r.calls) != 2 {
		t.Errorf("the tester should not be asked about a refused configuration (%d calls)", len(r.calls))
	}
	if msgs := field(t, s, "xunlian.base_url").box.errors.messages(); len(msgs) != 1 || !strings.Contains(msgs[0], "https") {
		t.Errorf("the address's error should show beside it: %q", msgs)
	}
}

func TestSettingsWithoutAKeyringSaySoAndRefuseATypedSecret(t *testing.T) {
	r := newSettingsRig(t)
	r.keyring.none = true
	s := r.open()
	if !s.keyringNote.Visible() {
		t.Error("the screen should say there is no keyring")
	}
	s.provider.SetSelected("票单云")
	fill(t, s, validPiaodanyun)
	pw := secretRowOf(t, s, app.SecretPiaodanyunPassword)
	if pw.hint.Text != "未设置:系统钥匙串不可用,请设置环境变量 FAPIAO_PIAODANYUN_PASSWORD" {
		t.Errorf("hint %q", pw.hint.Text)
	}
	fill(t, s, map[string]string{"piaodanyun.password_env": "PDY_PW"})
	if !strings.Contains(pw.hint.Text, "PDY_PW") {
		t.Errorf("the hint follows the variable's name: %q", pw.hint.Text)
	}
	test.Type(pw.entry, "typed-pw")
	tapButton(s.save)
	if msgs := pw.field.errors.messages(); len(msgs) != 1 || !strings.Contains(msgs[0], "系统钥匙串不可用") || !strings.Contains(msgs[0], "PDY_PW") {
		t.Errorf("the refusal should show beside the password: %q", msgs)
	}
	if r.configExists() {
		t.Error("nothing may be written")
	}
}

func TestSettingsSaveWithCtrlSFromAnEntry(t *testing.T) {
	r := newSettingsRig(t)
	s := r.open()
	fill(t, s, map[string]string{"seller.phone": "028-85550001"})
	e := field(t, s, "seller.phone").entry
	e.TypedShortcut(shortcutSave) // as the driver hands a focused entry Ctrl+S
	if !r.configExists() {
		t.Fatalf("Ctrl+S in an entry should save: %q %q", s.result.Text, s.summary.Text)
	}
	got, err := app.LoadConfig(r.home)
	if err != nil || got.Seller.Phone != "028-85550001" {
		t.Errorf("saved phone %q (%v)", got.Seller.Phone, err)
	}
}

func TestSettingsShowAConfigThatCannotBeReadAndOfferTheDefaults(t *testing.T) {
	r := newSettingsRig(t)
	if err := os.WriteFile(filepath.Join(r.home, app.ConfigFileName), []byte("provider = \"sandbox\"\ncolour = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := r.open()
	if !s.loadProblem.Visible() || !strings.Contains(s.loadProblem.Text, "colour") {
		t.Errorf("the problem should be shown: %q", s.loadProblem.Text)
	}
	if field(t, s, "seller.tax_id").entry.Text != app.DemoSeller.TaxID {
		t.Error("the defaults fill the form")
	}
}

func TestNewSettingsWindowWithoutAServiceSaysSo(t *testing.T) {
	a := test.NewTempApp(t)
	w := NewSettingsWindow(a, nil)
	defer w.Close()
	if !strings.Contains(screenText(w.Content()), "设置不可用") {
		t.Error("a nil service means no settings, said")
	}
}

func TestMainWindowOpensSettingsFromMenuAndStatusBar(t *testing.T) {
	fx := newFixture(t)
	fx.svc.Settings = &app.SettingsService{Home: t.TempDir(), Store: newFakeKeyring(), Getenv: func(string) string { return "" }}
	w := fx.open()
	var item *fyne.MenuItem
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "设置…" {
				item = it
			}
		}
	}
	if item == nil || item.Shortcut == nil || item.Shortcut.ShortcutName() != shortcutSettings.ShortcutName() {
		t.Fatal("the menu should offer 设置… with Ctrl+,")
	}
	if !w.status.settings.Visible() {
		t.Error("the status bar should offer 设置")
	}
	tapButton(w.status.settings)
	first := w.settings
	if first == nil {
		t.Fatal("设置 should open")
	}
	item.Action()
	if w.settings != first {
		t.Error("a second 设置 brings the open one forward")
	}
	w.win.Close()
	if w.settings != nil {
		t.Error("the settings window closes with the main window")
	}
	for _, open := range fx.app.Driver().AllWindows() {
		if open == first.win {
			t.Error("the settings window is still open")
		}
	}

	bare := newFixture(t).open()
	if bare.status.settings.Visible() {
		t.Error("without a settings service there is no 设置")
	}
}
