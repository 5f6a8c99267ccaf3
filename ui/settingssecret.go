package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// secretRow is a secret on the settings screen: an entry for a NEW value
// that always starts empty — a stored secret is never read back for
// display — with a hint of where the current one comes from, 清除 when
// the keyring holds one, and beside it the name of the environment
// variable that may supply it instead.
type secretRow struct {
	secret app.Secret
	entry  *settingsEntry
	hint   *widget.Label
	clear  *widget.Button
	field  *labelled // caption; entry and 清除 over the hint over the errors
	env    *settingsField
}

// newSecretRow builds the row; envAt is where config.toml keeps the
// variable's name, forget runs on 清除.
func newSecretRow(secret app.Secret, caption string, envAt func(*app.Config) *string, forget func(*secretRow)) *secretRow {
	r := &secretRow{secret: secret, entry: newSettingsEntry(true), hint: widget.NewLabel("")}
	r.entry.SetPlaceHolder(lang.X("settings.secret.placeholder", "输入新值"))
	r.hint.Wrapping = fyne.TextWrapWord
	r.hint.SizeName = theme.SizeNameCaptionText
	r.clear = widget.NewButtonWithIcon(lang.X("settings.secret.clear", "清除"), theme.DeleteIcon(), func() { forget(r) })
	r.clear.Hide()
	errs := newErrorLabel()
	r.field = &labelled{caption: widget.NewLabel(caption), input: r.entry, errors: errs,
		cell: container.NewVBox(container.NewBorder(nil, nil, nil, r.clear, r.entry), r.hint, errs)}
	r.env = textField(secret.Section+"."+secret.EnvKey, lang.X("settings.secret.env", "环境变量名"), envAt).
		placeholder(secret.DefaultEnv)
	return r
}

// show says where the secret comes from now; 清除 only when stored.
func (r *secretRow) show(st app.SecretState, keyring bool) {
	r.hint.SetText(secretHint(st, keyring, r.entry.Text != ""))
	showIf(r.clear, st.Stored)
}

// secretHint says where a secret comes from — the environment wins over
// the keyring, as the resolver reads them — or what will become of a
// newly typed one. It never shows a value.
func secretHint(st app.SecretState, keyring, typed bool) string {
	env := map[string]any{"Env": st.EnvName}
	switch {
	case typed && !keyring:
		return lang.X("settings.secret.typed_no_keyring", "系统钥匙串不可用,新值无法保存;请设置环境变量 {{.Env}}", env)
	case typed && st.FromEnv:
		return lang.X("settings.secret.typed_env", "保存后写入系统钥匙串;但环境变量 {{.Env}} 已设置,启动时仍优先使用它", env)
	case typed:
		return lang.X("settings.secret.typed", "保存后写入系统钥匙串", env)
	case st.FromEnv && st.Stored:
		return lang.X("settings.secret.env_and_stored", "来自环境变量 {{.Env}}(优先于系统钥匙串中保存的值)", env)
	case st.FromEnv:
		return lang.X("settings.secret.from_env", "来自环境变量 {{.Env}}", env)
	case st.Stored:
		return lang.X("settings.secret.stored", "已保存在系统钥匙串(如需更换请输入新值)", env)
	case !keyring:
		return lang.X("settings.secret.unset_no_keyring", "未设置:系统钥匙串不可用,请设置环境变量 {{.Env}}", env)
	}
	return lang.X("settings.secret.unset", "未设置(在此输入后保存,或设置环境变量 {{.Env}})", env)
}

// secretEnv is where config.toml names each secret's variable.
func secretEnv(s app.Secret) func(*app.Config) *string {
	switch s {
	case app.SecretPiaodanyunPassword:
		return func(c *app.Config) *string { return &c.Piaodanyun.PasswordEnv }
	case app.SecretEtaxPassword:
		return func(c *app.Config) *string { return &c.Piaodanyun.EtaxPasswordEnv }
	case app.SecretLeqiKey:
		return func(c *app.Config) *string { return &c.Leqi.KeyEnv }
	}
	return func(c *app.Config) *string { return &c.Inbound.SecretEnv }
}

// secretCaption is a secret's caption in the UI's language.
func secretCaption(s app.Secret) string {
	switch s {
	case app.SecretPiaodanyunPassword:
		return lang.X("settings.secret.piaodanyun_password", "票单云密码")
	case app.SecretEtaxPassword:
		return lang.X("settings.secret.etax_password", "电子税务局密码")
	case app.SecretLeqiKey:
		return lang.X("settings.secret.leqi_key", "乐企密钥")
	}
	return lang.X("settings.secret.inbound", "进项同步密钥")
}
