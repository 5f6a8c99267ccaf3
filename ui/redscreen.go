package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The red screen's tabs, in order.
const (
	redTabCases = iota
	redTabInbox
)

// redScreen is the 红冲 navigation entry: a number to start a red with,
// the cases with what can be done to each, and — when the provider has a
// buyer side — the forms other sellers raised against us.
type redScreen struct {
	w         *mainWindow
	number    *keyEntry
	start     *widget.Button
	query     *widget.Button // asks the bureau about every pending form now
	refreshed *widget.Label  // when the pending forms were last asked about
	cases     *redCaseList
	inbox     *redInboxView // nil without a buyer side
	tabs      *container.AppTabs
	content   fyne.CanvasObject
}

func newRedScreen(w *mainWindow) *redScreen {
	s := &redScreen{w: w}
	s.number = newKeyEntry()
	s.number.SetPlaceHolder(lang.X("red.number.placeholder", "20位数电发票号码"))
	s.number.OnSubmitted = func(string) { s.startRed() }
	s.start = widget.NewButtonWithIcon(lang.X("red.start", "红冲…"), theme.ContentUndoIcon(), s.startRed)
	s.start.Importance = widget.HighImportance
	s.query = widget.NewButtonWithIcon(lang.X("red.query_pending", "查询待确认单状态"), theme.ViewRefreshIcon(), s.queryPending)
	s.refreshed = widget.NewLabel("")
	s.refreshed.Truncation = fyne.TextTruncateEllipsis
	s.cases = newRedCaseList(w)
	starter := container.NewBorder(nil, nil, widget.NewLabel(lang.X("red.number", "蓝字发票号码")), s.start, s.number)
	top := container.NewVBox(starter, container.NewBorder(nil, nil, nil, s.query, s.refreshed))
	casesTab := container.NewBorder(container.NewPadded(top), nil, nil, nil, s.cases.content)
	s.tabs = container.NewAppTabs(container.NewTabItemWithIcon(lang.X("red.tab.cases", "我方红冲"), theme.ContentUndoIcon(), casesTab))
	if w.svc.Red.Inbox != nil {
		s.inbox = newRedInboxView(w)
		s.tabs.Append(container.NewTabItemWithIcon(s.inbox.title(), theme.MailReplyIcon(), s.inbox.content))
	}
	s.tabs.OnSelected = func(*container.TabItem) { s.refresh() }
	s.content = s.tabs
	s.showRefreshed()
	return s
}

// startRed opens the wizard on the typed number (or none: the wizard asks).
func (s *redScreen) startRed() {
	s.w.openRedWizard(strings.TrimSpace(s.number.Text))
}

// queryPending asks the bureau now, instead of waiting for the next round.
func (s *redScreen) queryPending() {
	s.query.Disable()
	s.w.tasks.run(s.w.refreshPendingForms)
}

// refresh reloads what the tab in front shows.
func (s *redScreen) refresh() {
	if s.inbox != nil && s.tabs.SelectedIndex() == redTabInbox {
		s.inbox.refresh()
		return
	}
	s.cases.refresh()
}

// showRefreshed says when the pending forms were last asked about.
func (s *redScreen) showRefreshed() {
	st := s.w.redRefresh
	s.query.Enable()
	if s.w.directRed() {
		// No forms wait for anybody: there is nothing to ask about.
		s.query.Hide()
		s.refreshed.SetText(lang.X("red.direct.note", "{{.Provider}}按蓝票号码直接开具红字发票,没有需要等待对方确认的确认单",
			map[string]any{"Provider": s.w.providerLabel()}))
		return
	}
	switch {
	case st.runs == 0:
		s.refreshed.SetText(lang.X("red.refresh.never", "待确认的确认单每5分钟自动查询一次状态"))
		s.refreshed.Importance = widget.MediumImportance
	case st.err != nil:
		s.refreshed.SetText(lang.X("red.refresh.failed", "{{.At}} 查询确认单状态失败:{{.Error}}",
			map[string]any{"At": clock(st.at), "Error": st.err.Error()}))
		s.refreshed.Importance = widget.DangerImportance
	default:
		s.refreshed.SetText(lang.X("red.refresh.at", "{{.At}} 已查询待确认单的状态;每5分钟自动查询一次", map[string]any{"At": clock(st.at)}))
		s.refreshed.Importance = widget.MediumImportance
	}
	s.refreshed.Refresh()
}
