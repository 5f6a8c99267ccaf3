package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// attentionAlpha tints the banner's background with its colour without
// drowning the text.
const attentionAlpha = 0x30

// attentionBanner heads the 额度 screen with the answer to "does anything
// need doing?": a green line when nothing does, an orange one naming what.
type attentionBanner struct {
	bg      *canvas.Rectangle
	icon    *widget.Icon
	text    *widget.Label
	content fyne.CanvasObject
}

func newAttentionBanner() *attentionBanner {
	b := &attentionBanner{bg: canvas.NewRectangle(theme.Color(theme.ColorNameSuccess)), icon: widget.NewIcon(theme.ConfirmIcon()),
		text: widget.NewLabel("")}
	b.bg.CornerRadius = theme.InputRadiusSize()
	b.text.TextStyle.Bold = true
	b.text.Wrapping = fyne.TextWrapWord
	b.content = container.NewStack(b.bg, container.NewBorder(nil, nil, container.NewPadded(b.icon), nil, b.text))
	return b
}

// show names what needs doing, or says that nothing does.
func (b *attentionBanner) show(items []string) {
	colour := theme.ColorNameSuccess
	if len(items) == 0 {
		b.icon.SetResource(theme.ConfirmIcon())
		b.text.SetText(lang.X("dash.attention.none", "一切正常,无需处理"))
		// Green text is hard to read on the light theme; the tint and the
		// tick say "fine" already.
		b.text.Importance = widget.MediumImportance
	} else {
		colour = theme.ColorNameWarning
		b.icon.SetResource(theme.WarningIcon())
		b.text.SetText(lang.X("dash.attention.some", "需要处理:{{.Items}}", map[string]any{"Items": strings.Join(items, lang.X("dash.attention.separator", ";"))}))
		b.text.Importance = widget.WarningImportance
	}
	b.text.Refresh()
	b.bg.FillColor = withAlpha(theme.Color(colour), attentionAlpha)
	b.bg.Refresh()
}

// attentionItems is what needs the clerk, most urgent first: what would
// stop the next invoice, then what will soon.
func attentionItems(db app.Dashboard, pool poolView) []string {
	var items []string
	if db.Face != nil && db.Face.Needed {
		items = append(items, lang.X("dash.attention.face", "人脸认证"))
	}
	if db.Pool != nil && db.Pool.NeedsMore {
		items = append(items, lang.X("dash.attention.pool", "预赋码号码需要补充"))
	}
	if pool.checkErr != nil {
		items = append(items, lang.X("dash.attention.pool_failed", "号码池自动检查失败"))
	}
	if db.Pool != nil && db.Pool.Pending != nil {
		items = append(items, lang.X("dash.attention.pending", "有未完成的号码段下载"))
	}
	if db.Credit != nil && creditLow(*db.Credit) {
		items = append(items, lang.X("dash.attention.credit", "授信额度即将用完"))
	}
	if db.Pool != nil && db.Pool.NewYearSoon {
		items = append(items, lang.X("dash.attention.new_year", "元旦当天保持程序联网"))
	}
	return items
}
