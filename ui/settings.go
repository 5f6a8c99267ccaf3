package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// settingsSize fits the form, two fields a row, beside the capabilities.
var settingsSize = fyne.NewSize(1140, 820)

// settingsProviders are the issuing providers in the order offered.
var settingsProviders = []string{app.ProviderSandbox, app.ProviderPiaodanyun, app.ProviderXunlian, app.ProviderLeqi}

// settingsScreen is 设置, in a window of its own: who issues invoices, the
// seller, each provider's settings and secrets, what the chosen provider
// will offer, and 测试连接 and 保存. It edits config.toml and the keyring
// through the settings service; the running services are not rebuilt, so
// a saved configuration applies from the next start.
type settingsScreen struct {
	svc      *app.SettingsService
	win      fyne.Window
	tasks    *tasks
	ctx      context.Context // ends when the window closes
	stop     context.CancelFunc
	onClosed func()
	// base is the configuration as loaded or last saved: what the screen
	// does not show ([sandbox], forecast, nlbm…) is written back as it was.
	base    app.Config
	keyring bool

	provider    *widget.RadioGroup
	providerErr *errorLabel
	sandboxNote *widget.Label
	loadProblem *widget.Label
	keyringNote *widget.Label
	piaodanyun  fyne.CanvasObject // the issuing providers' own sections
	xunlian     fyne.CanvasObject
	fields      []*settingsField // every value, env names included
	// targets are the entries by the field or secret name errors carry,
	// in the screen's order, for putting the cursor on the first at fault.
	targets    []settingsTarget
	secrets    []*secretRow
	partialRed *widget.Check
	caps       *capsPanel
	summary    *errorLabel // how many fields are at fault, and messages no field claims
	unclaimed  []string
	progress   *widget.ProgressBarInfinite
	result     *widget.Label // 测试连接's report, 保存's outcome
	test, save *widget.Button
	busy       bool
	loading    bool // the form is being filled, not edited
	content    fyne.CanvasObject
}

// NewSettingsWindow builds 设置 as a window of its own, not shown. main.go
// opens it when start-up fails (a broken config.toml, a missing secret),
// so that the clerk can put it right; s nil means there is nothing to edit.
func NewSettingsWindow(a fyne.App, s *app.SettingsService) fyne.Window {
	if s == nil {
		w := a.NewWindow(lang.X("settings.title", "Fapiao 设置"))
		w.SetContent(container.NewPadded(widget.NewLabel(lang.X("settings.unavailable", "设置不可用"))))
		return w
	}
	return newSettingsScreen(a, s, &tasks{}).win
}

func newSettingsScreen(a fyne.App, svc *app.SettingsService, t *tasks) *settingsScreen {
	s := &settingsScreen{svc: svc, win: a.NewWindow(lang.X("settings.title", "Fapiao 设置")), tasks: t}
	s.ctx, s.stop = context.WithCancel(context.Background())
	cfg, err := svc.Load()
	if err != nil {
		cfg = app.DefaultConfig()
	}
	s.keyring = svc.KeyringAvailable()
	s.build()
	s.load(cfg)
	if err != nil {
		s.loadProblem.SetText(lang.X("settings.load_failed", "config.toml 无法读取:{{.Error}}\n下面是默认设置,保存将替换该文件。",
			map[string]any{"Error": err.Error()}))
		s.loadProblem.Show()
	}
	s.win.SetContent(s.content)
	s.win.Resize(settingsSize)
	s.win.Canvas().AddShortcut(shortcutSave, func(fyne.Shortcut) { s.saveNow() })
	s.win.SetOnClosed(s.closed)
	return s
}

func (s *settingsScreen) closed() {
	s.stop()
	if s.onClosed != nil {
		s.onClosed()
	}
}

// build creates the widgets and lays them out.
func (s *settingsScreen) build() {
	var names []string
	for _, p := range settingsProviders {
		names = append(names, providerName(p))
	}
	s.provider = widget.NewRadioGroup(names, func(string) { s.providerChanged() })
	s.provider.Horizontal = true
	s.provider.Required = true
	s.providerErr = newErrorLabel()
	s.sandboxNote = noteLabel(lang.X("settings.sandbox_note",
		"沙箱是内置的模拟税局:发票仅用于演示,不报送税局,无需任何账号。乐企、进项未填写服务地址时也由沙箱提供。"), widget.MediumImportance)
	s.loadProblem = noteLabel("", widget.DangerImportance)
	s.loadProblem.Hide()
	s.keyringNote = noteLabel(lang.X("settings.no_keyring",
		"系统钥匙串不可用:新输入的密钥无法保存在本机。请用环境变量提供密钥(每个密钥右侧可填写变量名,留空则用默认的变量名)。"), widget.WarningImportance)
	showIf(s.keyringNote, !s.keyring)
	s.partialRed = widget.NewCheck(lang.X("settings.piaodanyun.partial_red", "部分红冲(需票单云为本账号开通部分红冲扩展)"), func(bool) { s.changed() })
	s.caps = newCapsPanel()
	s.summary = newErrorLabel()
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	s.result = noteLabel("", widget.MediumImportance)
	s.result.Hide()
	s.test = widget.NewButtonWithIcon(lang.X("settings.test", "测试连接 (Enter)"), nil, s.testNow)
	s.save = widget.NewButtonWithIcon(lang.X("settings.save", "保存 (Ctrl+S)"), nil, s.saveNow)
	s.save.Importance = widget.HighImportance
	s.content = s.layout()
}

// noteLabel is a wrapping label of the given importance.
func noteLabel(text string, importance widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = importance
	return l
}

// add takes fields into the screen: typing in them is an edit, Enter
// tests the connection, Ctrl+S saves.
func (s *settingsScreen) add(fields ...*settingsField) []*settingsField {
	for _, f := range fields {
		f.entry.OnChanged = func(string) { s.edited(f.box.errors) }
		s.wire(f.entry)
		s.fields = append(s.fields, f)
		s.targets = append(s.targets, settingsTarget{f.key, f.entry})
	}
	return fields
}

// addSecret builds a secret's row, its variable's name taken in as a field.
func (s *settingsScreen) addSecret(secret app.Secret) *secretRow {
	r := newSecretRow(secret, secretCaption(secret), secretEnv(secret), s.forget)
	r.entry.OnChanged = func(string) {
		s.edited(r.field.errors)
		if !s.loading {
			s.showSecret(r)
		}
	}
	s.wire(r.entry)
	s.targets = append(s.targets, settingsTarget{secret.Name, r.entry})
	s.add(r.env)
	r.env.entry.OnChanged = func(string) {
		s.edited(r.env.box.errors)
		if !s.loading {
			s.showSecret(r)
		}
	}
	s.secrets = append(s.secrets, r)
	return r
}

func (s *settingsScreen) wire(e *settingsEntry) {
	e.OnSubmitted = func(string) { s.testNow() }
	e.onShortcut = func(sc fyne.Shortcut) bool {
		if sc.ShortcutName() == shortcutSave.ShortcutName() {
			s.saveNow()
			return true
		}
		return false
	}
}

// settingsTarget is an entry and the name its errors carry.
type settingsTarget struct {
	name  string
	entry *settingsEntry
}

func boxes(fields []*settingsField) []*labelled {
	out := make([]*labelled, len(fields))
	for i, f := range fields {
		out[i] = f.box
	}
	return out
}

// load fills the form from cfg; secret entries stay empty.
func (s *settingsScreen) load(cfg app.Config) {
	s.base = cfg
	s.loading = true
	for _, f := range s.fields {
		f.entry.SetText(f.load(cfg))
	}
	s.partialRed.SetChecked(cfg.Piaodanyun.PartialRed)
	for _, r := range s.secrets {
		r.entry.SetText("")
	}
	provider := cfg.Provider
	if provider == "" {
		provider = app.ProviderSandbox
	}
	s.provider.SetSelected(providerName(provider))
	s.loading = false
	s.providerChanged()
	s.showSecrets()
}

// selectedProvider is the provider picked, by config.toml's name.
func (s *settingsScreen) selectedProvider() string {
	for _, p := range settingsProviders {
		if providerName(p) == s.provider.Selected {
			return p
		}
	}
	return app.ProviderSandbox
}

// providerChanged shows the chosen provider's own section only; 乐企 and
// 进项 stay, being usable with any provider.
func (s *settingsScreen) providerChanged() {
	p := s.selectedProvider()
	showIf(s.piaodanyun, p == app.ProviderPiaodanyun)
	showIf(s.xunlian, p == app.ProviderXunlian)
	showIf(s.sandboxNote, p == app.ProviderSandbox)
	s.providerErr.set(nil)
	s.changed()
}

// changed shows what the form's configuration would offer.
func (s *settingsScreen) changed() {
	cfg, _ := s.current()
	s.caps.show(app.PlannedCapabilities(cfg))
	s.showSummary()
}

// current is the configuration as the form shows it, what the form does
// not show kept from base; the error lists the texts that are no number.
func (s *settingsScreen) current() (app.Config, error) {
	cfg := s.base
	cfg.Provider = s.selectedProvider()
	var problems []app.FieldError
	for _, f := range s.fields {
		if msg := f.store(&cfg, f.entry.Text); msg != "" {
			problems = append(problems, app.FieldError{Field: f.key, Rule: "integer", Message: msg})
		}
	}
	cfg.Piaodanyun.PartialRed = s.partialRed.Checked
	if len(problems) > 0 {
		return cfg, &app.ValidationError{Errors: problems}
	}
	return cfg, nil
}

// typed are the secrets the clerk entered anew.
func (s *settingsScreen) typed() map[app.Secret]string {
	out := map[app.Secret]string{}
	for _, r := range s.secrets {
		if r.entry.Text != "" {
			out[r.secret] = r.entry.Text
		}
	}
	return out
}

// showSecrets says for every secret where it comes from.
func (s *settingsScreen) showSecrets() {
	for _, r := range s.secrets {
		s.showSecret(r)
	}
}

func (s *settingsScreen) showSecret(r *secretRow) {
	cfg, _ := s.current()
	r.show(s.svc.State(cfg, r.secret), s.keyring)
}
