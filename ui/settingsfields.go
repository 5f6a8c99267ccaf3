package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// settingsField is one config.toml value the settings screen edits: its
// entry with caption and error label, and how it is read from and written
// to the configuration.
type settingsField struct {
	key   string // config.toml's name ("seller.tax_id"), as ValidateConfig reports it
	entry *settingsEntry
	box   *labelled
	load  func(app.Config) string
	// store writes the text into cfg, or says why it is not a value.
	store func(cfg *app.Config, text string) string
}

func newSettingsField(key, caption string) *settingsField {
	e := newSettingsEntry(false)
	return &settingsField{key: key, entry: e, box: newLabelled(caption, e)}
}

// textField edits a string value; surrounding spaces are dropped, since
// a pasted address or ID often carries some.
func textField(key, caption string, at func(*app.Config) *string) *settingsField {
	f := newSettingsField(key, caption)
	f.load = func(c app.Config) string { return *at(&c) }
	f.store = func(c *app.Config, text string) string {
		*at(c) = strings.TrimSpace(text)
		return ""
	}
	return f
}

// numberField edits a whole number from 0 to limit; empty means 0, which
// config.toml reads as "the default".
func numberField[T int | int64](key, caption string, limit T, at func(*app.Config) *T) *settingsField {
	f := newSettingsField(key, caption)
	f.load = func(c app.Config) string {
		if v := *at(&c); v != 0 {
			return strconv.FormatInt(int64(v), 10)
		}
		return ""
	}
	f.store = func(c *app.Config, text string) string {
		text = strings.TrimSpace(text)
		if text == "" {
			*at(c) = 0
			return ""
		}
		v, err := strconv.ParseInt(text, 10, 64)
		if err != nil || v < 0 || v > int64(limit) {
			return lang.X("settings.not_number", "{{.Field}}:应为 0 到 {{.Max}} 之间的整数",
				map[string]any{"Field": caption, "Max": strconv.FormatInt(int64(limit), 10)})
		}
		*at(c) = T(v)
		return ""
	}
	return f
}

// placeholder sets the entry's hint text and returns the field.
func (f *settingsField) placeholder(text string) *settingsField {
	f.entry.SetPlaceHolder(text)
	return f
}

// The most a number field takes: beyond these a value is a typo.
const (
	maxTenantID  = 1<<53 - 1 // what a JSON number carries exactly
	maxThreshold = 1_000_000
	maxPercent   = 100
)

func sellerFields() []*settingsField {
	return []*settingsField{
		textField("seller.name", lang.X("settings.seller.name", "销方名称"), func(c *app.Config) *string { return &c.Seller.Name }),
		textField("seller.tax_id", lang.X("settings.seller.tax_id", "纳税人识别号"), func(c *app.Config) *string { return &c.Seller.TaxID }),
		textField("seller.address", lang.X("settings.seller.address", "地址"), func(c *app.Config) *string { return &c.Seller.Address }),
		textField("seller.phone", lang.X("settings.seller.phone", "电话"), func(c *app.Config) *string { return &c.Seller.Phone }),
		textField("seller.bank", lang.X("settings.seller.bank", "开户行"), func(c *app.Config) *string { return &c.Seller.Bank }),
		textField("seller.account", lang.X("settings.seller.account", "银行账号"), func(c *app.Config) *string { return &c.Seller.Account }),
	}
}

func baseURLField(key string, at func(*app.Config) *string) *settingsField {
	return textField(key, lang.X("settings.base_url", "服务地址"), at).placeholder("https://…")
}

func piaodanyunFields() []*settingsField {
	return []*settingsField{
		baseURLField("piaodanyun.base_url", func(c *app.Config) *string { return &c.Piaodanyun.BaseURL }),
		numberField("piaodanyun.tenant_id", lang.X("settings.piaodanyun.tenant_id", "租户ID"), int64(maxTenantID),
			func(c *app.Config) *int64 { return &c.Piaodanyun.TenantID }),
		textField("piaodanyun.phone", lang.X("settings.piaodanyun.phone", "账号(手机号)"), func(c *app.Config) *string { return &c.Piaodanyun.Phone }),
		textField("piaodanyun.username", lang.X("settings.piaodanyun.username", "局端账号"), func(c *app.Config) *string { return &c.Piaodanyun.Username }),
	}
}

func xunlianFields() []*settingsField {
	return []*settingsField{
		baseURLField("xunlian.base_url", func(c *app.Config) *string { return &c.Xunlian.BaseURL }),
		textField("xunlian.company_data_resource", lang.X("settings.xunlian.company_data_resource", "数据来源"),
			func(c *app.Config) *string { return &c.Xunlian.CompanyDataResource }).
			placeholder(lang.X("settings.xunlian.company_data_resource.placeholder", "字母或数字,最多36位")),
		textField("xunlian.terminal_code", lang.X("settings.xunlian.terminal_code", "终端编号"), func(c *app.Config) *string { return &c.Xunlian.TerminalCode }),
	}
}

// leqiFields are the connection's two fields; the pool's thresholds follow
// the key (see leqiPoolFields).
func leqiFields() []*settingsField {
	return []*settingsField{
		baseURLField("leqi.base_url", func(c *app.Config) *string { return &c.Leqi.BaseURL }),
		textField("leqi.jrdwptbh", lang.X("settings.leqi.jrdwptbh", "接入单位平台编号"), func(c *app.Config) *string { return &c.Leqi.Jrdwptbh }),
	}
}

func leqiPoolFields() []*settingsField {
	return []*settingsField{
		numberField("leqi.threshold", lang.X("settings.leqi.threshold", "号码保底数量"), maxThreshold,
			func(c *app.Config) *int { return &c.Leqi.Threshold }).placeholder(lang.X("settings.leqi.threshold.placeholder", "默认 100")),
		numberField("leqi.threshold_percent", lang.X("settings.leqi.threshold_percent", "保底比例(%)"), maxPercent,
			func(c *app.Config) *int { return &c.Leqi.ThresholdPercent }).placeholder(lang.X("settings.leqi.threshold_percent.placeholder", "上一号段的百分比,0 为不设")),
		numberField("leqi.batch", lang.X("settings.leqi.batch", "每次下载数量"), maxThreshold,
			func(c *app.Config) *int { return &c.Leqi.Batch }).placeholder(lang.X("settings.leqi.batch.placeholder", "默认 1000")),
	}
}

func inboundFields() []*settingsField {
	return []*settingsField{
		baseURLField("inbound.base_url", func(c *app.Config) *string { return &c.Inbound.BaseURL }),
		textField("inbound.appid", lang.X("settings.inbound.appid", "appid"), func(c *app.Config) *string { return &c.Inbound.AppID }),
	}
}

func inboundIDFields() []*settingsField {
	return []*settingsField{
		textField("inbound.nsrsbh", lang.X("settings.inbound.nsrsbh", "纳税人识别号"), func(c *app.Config) *string { return &c.Inbound.Nsrsbh }).
			placeholder(lang.X("settings.inbound.nsrsbh.placeholder", "留空则用销方税号")),
		textField("inbound.jtnsrsbh", lang.X("settings.inbound.jtnsrsbh", "集团纳税人识别号"), func(c *app.Config) *string { return &c.Inbound.Jtnsrsbh }).
			placeholder(lang.X("settings.inbound.jtnsrsbh.placeholder", "留空则同纳税人识别号")),
	}
}
