package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// watchCredit keeps the status bar's credit line current: issuing a blue
// invoice uses some up, a red invoice gives it back, and the service says
// so. It asks the bureau nothing.
func (w *mainWindow) watchCredit() {
	credit := w.svc.Credit
	if credit == nil {
		return
	}
	w.session.unwatch = append(w.session.unwatch, credit.OnChange(func() { w.tasks.toUI(w.renderCredit) }))
	w.renderCredit()
}

// renderCredit shows the cached credit line.
func (w *mainWindow) renderCredit() {
	credit := w.svc.Credit
	if credit == nil || w.status == nil || w.ctx.Err() != nil {
		return
	}
	// A local read; not tied to w.ctx (see renderSession).
	w.status.credit.SetText(creditText(credit.Status(context.Background()), credit.Now()))
}

// creditText is the status bar's 剩余授信额度, with the figure's age: the
// bureau's figure is only asked for now and then, and what was issued
// since is reckoned against it.
func creditText(st app.CreditStatus, now time.Time) string {
	switch {
	case !st.Known:
		return lang.X("credit.unknown", "剩余授信额度:尚未查询")
	case st.Adjusted:
		return lang.X("credit.adjusted", "剩余授信额度 {{.Remaining}}(税局 {{.At}} 的数据,已计入此后开具)",
			map[string]any{"Remaining": yuan(st.Remaining), "At": shortTime(st.At, now)})
	}
	return lang.X("credit.known", "剩余授信额度 {{.Remaining}}(税局 {{.At}} 的数据)",
		map[string]any{"Remaining": yuan(st.Remaining), "At": shortTime(st.At, now)})
}
