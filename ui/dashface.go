package ui

import (
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// faceCard is the 人脸认证 card: until when the last scan counts, or that
// a scan is needed, and the button that opens the QR panel.
type faceCard struct {
	state  *widget.Label
	detail *widget.Label
	open   *widget.Button
	card   *widget.Card
}

func newFaceCard(w *mainWindow) *faceCard {
	c := &faceCard{state: widget.NewLabel(""), detail: wrappingLabel()}
	c.state.TextStyle.Bold = true
	c.open = widget.NewButtonWithIcon(lang.X("dash.face.open", "扫码认证…"), theme.AccountIcon(), w.faceOnDemand)
	c.card = widget.NewCard(lang.X("dash.face.title", "人脸认证"), "",
		container.NewVBox(container.NewBorder(nil, nil, nil, c.open, c.state), c.detail))
	return c
}

// show fills the card from the local face status at now.
func (c *faceCard) show(st *app.FaceStatus, now time.Time) {
	if st == nil {
		st = &app.FaceStatus{}
	}
	text, importance := faceStatusText(*st)
	c.state.SetText(text)
	c.state.Importance = importance
	if importance == widget.LowImportance {
		c.state.Importance = widget.MediumImportance // Fyne's low importance is unreadable on the light theme
	}
	c.state.Refresh()
	c.open.Importance = widget.MediumImportance
	if st.Needed {
		c.open.Importance = widget.HighImportance
	}
	c.open.Refresh()
	c.detail.SetText(faceDetail(*st, now))
}

// faceDetail says what the state rests on: the bureau's last word, or
// nothing heard yet.
func faceDetail(st app.FaceStatus, now time.Time) string {
	switch {
	case st.Needed:
		return lang.X("dash.face.needed_hint", "开票前需用税务App扫码完成人脸认证")
	case st.CheckedAt.IsZero():
		return lang.X("dash.face.never_checked", "尚未向税局查询;开票时税局会提示")
	}
	return lang.X("dash.face.checked", "{{.Age}}向税局查询", map[string]any{"Age": ageText(st.CheckedAt, now)})
}
