package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// capsWidth is the capabilities panel's width beside the settings form.
const capsWidth = 300

// capsPanel lists what the provider chosen in the settings form will
// offer once saved: a tick for each feature it has, and for each it lacks
// the reason, so the clerk knows before restarting what will be missing.
type capsPanel struct {
	title   *widget.Label
	rows    *fyne.Container
	shown   string // what is on screen, so that typing does not rebuild it
	content fyne.CanvasObject
}

func newCapsPanel() *capsPanel {
	p := &capsPanel{title: widget.NewLabel(""), rows: container.NewVBox()}
	p.title.TextStyle.Bold = true
	p.title.Wrapping = fyne.TextWrapWord
	p.content = container.NewVScroll(fixedWidth(container.NewVBox(p.title, widget.NewSeparator(), p.rows), capsWidth))
	return p
}

// show lists c's features, rebuilding the rows only when they changed.
func (p *capsPanel) show(c app.Capabilities) {
	key := capsKey(c)
	if key == p.shown {
		return
	}
	p.shown = key
	p.title.SetText(lang.X("settings.caps.title", "{{.Provider}}可用的功能", map[string]any{"Provider": providerName(c.Provider)}))
	var rows []fyne.CanvasObject
	for _, f := range app.Features {
		rows = append(rows, capabilityRow(f, c.Has(f), c.Why(f)))
	}
	p.rows.Objects = rows
	p.rows.Refresh()
}

// capabilityRow is a feature with a tick, or with a cross and why not.
func capabilityRow(f app.Feature, has bool, why string) fyne.CanvasObject {
	name := widget.NewLabel(featureName(f))
	if has {
		return container.NewBorder(nil, nil, widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), nil, name)
	}
	reason := widget.NewLabel(why)
	reason.Wrapping = fyne.TextWrapWord
	reason.SizeName = theme.SizeNameCaptionText
	reason.Importance = widget.WarningImportance
	head := container.NewBorder(nil, nil, widget.NewIcon(theme.NewDisabledResource(theme.CancelIcon())), nil, name)
	return container.NewVBox(head, reason)
}

// capsKey sums up c as text: equal keys show the same panel.
func capsKey(c app.Capabilities) string {
	var b strings.Builder
	b.WriteString(c.Provider)
	for _, f := range app.Features {
		b.WriteString("|" + c.Why(f))
	}
	return b.String()
}

// providerName is a provider as the settings screen offers it.
func providerName(provider string) string {
	switch provider {
	case app.ProviderSandbox:
		return lang.X("provider.sandbox", "沙箱(演示)")
	case app.ProviderPiaodanyun:
		return lang.X("provider.piaodanyun", "票单云")
	case app.ProviderXunlian:
		return lang.X("provider.xunlian", "迅联云")
	case app.ProviderLeqi:
		return lang.X("provider.leqi", "乐企直连")
	}
	return app.ProviderLabel(provider)
}

// featureName is a feature in the UI's language.
func featureName(f app.Feature) string {
	switch f {
	case app.FeatureFaceAuth:
		return lang.X("feature.face_auth", "人脸认证")
	case app.FeatureLogin:
		return lang.X("feature.login", "电子税务局登录")
	case app.FeatureCreditLine:
		return lang.X("feature.credit_line", "授信额度查询")
	case app.FeatureRedForms:
		return lang.X("feature.red_forms", "红字确认单")
	case app.FeatureRedDirect:
		return lang.X("feature.red_direct", "直接开具红字发票")
	case app.FeaturePartialRed:
		return lang.X("feature.partial_red", "部分红冲")
	case app.FeatureRedInbox:
		return lang.X("feature.red_inbox", "收到的红字确认单")
	case app.FeatureLookup:
		return lang.X("feature.lookup", "按流水号查询开票结果")
	case app.FeatureDocuments:
		return lang.X("feature.documents", "服务端版式文件")
	case app.FeatureNumberPool:
		return lang.X("feature.number_pool", "预赋码号码池")
	case app.FeatureInbound:
		return lang.X("feature.inbound", "进项发票同步")
	}
	return f.Label()
}
