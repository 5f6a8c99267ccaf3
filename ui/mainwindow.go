package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"fapiao/app"
)

// The navigation tabs that are always there, in order. 额度 (when the app
// has a dashboard) and 红冲 (when the provider has red invoices) follow;
// their places vary, so the window keeps their items instead.
const (
	tabIssue = iota
	tabIssued
)

// mainWindow holds the window and what outlives a rebuild of its content
// (a language change rebuilds every widget; the typed form survives).
type mainWindow struct {
	app      fyne.App
	svc      *app.Services
	win      fyne.Window
	tasks    *tasks
	saver    *draftSaver
	exporter *exporter

	form      *issueForm
	list      *invoiceList
	status    *statusBar
	tabs      *container.AppTabs
	reconcile *reconcileResult // nil while start-up reconciliation runs

	// ctx ends when the window closes: pollers, countdowns and tickers
	// started for it stop then.
	ctx       context.Context
	closeCtx  context.CancelFunc
	session   sessionView  // what the status bar shows of the e-tax session
	facePanel *facePanel   // the open face-authentication panel, if any
	loginBox  *loginDialog // the open e-tax login dialog, if any

	settings *settingsScreen // the open 设置 window, if any

	dash      *dashboardScreen   // the 额度 screen; nil without a dashboard
	dashTab   *container.TabItem // its navigation entry
	dashState dashState
	pool      poolView

	red        *redScreen         // the 红冲 tab; nil when the provider has no red invoices
	redTab     *container.TabItem // its navigation entry
	redWizard  *redWizard         // the open red wizard, if any
	redRefresh redRefreshState    // how the last question about pending forms went

	inbound      *inboundScreen     // the 进项发票 tab; nil without an inbound service
	inboundTab   *container.TabItem // its navigation entry
	inboundState inboundState
}

// NewMainWindow builds the main window (1200×860) without showing it. It
// restores the form's draft, and starts in the background the start-up
// reconciliation of invoices whose outcome is unknown and, when the provider
// has face authentication, one question to the bureau about it.
func NewMainWindow(a fyne.App, svc *app.Services) fyne.Window {
	return newMainWindow(a, svc, &tasks{}).win
}

func newMainWindow(a fyne.App, svc *app.Services, t *tasks) *mainWindow {
	w := &mainWindow{app: a, svc: svc, win: a.NewWindow("Fapiao"), tasks: t, inboundState: newInboundState()}
	w.ctx, w.closeCtx = context.WithCancel(context.Background())
	w.saver = newDraftSaver(svc.Drafts, func(err error) {
		w.tasks.toUI(func() {
			w.status.setNotice(lang.X("statusbar.draft_failed", "草稿保存失败:{{.Error}}", map[string]any{"Error": err.Error()}))
		})
	})
	w.exporter = &exporter{win: w.win, svc: svc, tasks: w.tasks, prefs: a.Preferences()}
	w.build()
	w.restoreDraft()
	w.win.Resize(fyne.NewSize(1200, 860))
	w.win.SetOnClosed(w.closed)
	w.refreshList()
	w.startReconcile()
	w.watchSession()
	w.watchRed()
	w.watchCredit()
	w.watchDashboard()
	w.startPoolScheduler()
	w.startMinuteLoop()
	w.readInboundRuns()
	return w
}

// closed stops everything the window started: the draft saver, and every
// poller, countdown and ticker (they all run under w.ctx).
func (w *mainWindow) closed() {
	w.saver.stop()
	w.closeCtx()
	w.session.stopWatching()
	w.closeSettings()
}

// build creates the window's content, menu and title in the current language.
func (w *mainWindow) build() {
	w.win.SetTitle(lang.X("window.title", "Fapiao 数电发票"))
	w.status = newStatusBar(w)
	w.form = newIssueForm(w)
	w.list = newInvoiceList(w)
	w.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.X("nav.issue", "开票"), theme.DocumentCreateIcon(), w.form.content),
		container.NewTabItemWithIcon(lang.X("nav.issued", "已开发票"), theme.ListIcon(), w.list.content),
	)
	w.inbound, w.inboundTab = nil, nil
	if w.svc.Inbound != nil {
		w.inbound = newInboundScreen(w)
		w.inboundTab = container.NewTabItemWithIcon(lang.X("nav.inbound", "进项发票"), theme.DownloadIcon(), w.inbound.content)
		w.tabs.Append(w.inboundTab)
	}
	w.dash, w.dashTab = nil, nil
	if w.svc.Dashboard != nil {
		w.dash = newDashboardScreen(w)
		w.dashTab = container.NewTabItemWithIcon(lang.X("nav.dashboard", "额度"), theme.InfoIcon(), w.dash.content)
		w.tabs.Append(w.dashTab)
	}
	w.red, w.redTab = nil, nil
	if w.svc.Red != nil {
		w.red = newRedScreen(w)
		w.redTab = container.NewTabItemWithIcon(lang.X("nav.red", "红冲"), theme.ContentUndoIcon(), w.red.content)
		w.tabs.Append(w.redTab)
	}
	w.tabs.SetTabLocation(container.TabLocationLeading)
	w.tabs.OnSelected = func(item *container.TabItem) {
		switch {
		case item == w.tabs.Items[tabIssued]:
			w.list.refresh()
		case w.inbound != nil && item == w.inboundTab:
			w.inbound.refresh()
		case w.dash != nil && item == w.dashTab:
			w.dash.refresh()
		case w.red != nil && item == w.redTab:
			w.red.refresh()
		}
	}
	w.win.SetContent(container.NewBorder(nil, w.status.content, nil, nil, w.tabs))
	w.win.SetMainMenu(w.mainMenu())
	w.renderSession()
	w.renderCredit()
	w.status.showRedRefresh(w.redRefresh)
	w.status.showPool(w.pool)
}

func (w *mainWindow) restoreDraft() {
	if w.svc.Drafts == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d, err := w.svc.Drafts.LoadDraft(ctx, draftName)
	switch {
	case errors.Is(err, app.ErrNotFound):
	case err != nil:
		w.status.setNotice(lang.X("statusbar.draft_load_failed", "草稿读取失败:{{.Error}}", map[string]any{"Error": err.Error()}))
	default:
		w.form.load(d)
	}
}

// setLanguage switches the language, remembers it, and rebuilds the content
// with the form's typed content and the selected tab kept.
func (w *mainWindow) setLanguage(code string) {
	if err := applyLanguage(code); err != nil {
		dialog.ShowError(err, w.win)
		return
	}
	w.app.Preferences().SetString(prefLanguage, code)
	typed, fields, showAll := w.form.draft(), w.form.fields, w.form.showAll
	tab := w.tabs.SelectedIndex()
	selected := w.list.selected
	if w.inbound != nil {
		w.inboundState.filter = w.inbound.filter.values()
	}
	w.build()
	w.form.load(typed)
	for path, state := range fields {
		w.form.fields[path] = max(w.form.fields[path], state)
	}
	w.form.showAll = showAll
	w.form.changed()
	w.list.selected = selected
	w.tabs.SelectIndex(tab)
	w.refreshRedViews()
}

func (w *mainWindow) refreshList() {
	if w.list != nil {
		w.list.refresh()
	}
}

// showRed brings the 红冲 tab to the front.
func (w *mainWindow) showRed() {
	if w.redTab != nil {
		w.tabs.Select(w.redTab)
	}
}

// showDashboard brings the 额度 tab to the front.
func (w *mainWindow) showDashboard() {
	if w.dashTab != nil {
		w.tabs.Select(w.dashTab)
	}
}

// dashboardShown reports whether the 额度 screen is in front.
func (w *mainWindow) dashboardShown() bool {
	return w.dash != nil && w.tabs.Selected() == w.dashTab
}

// showForm brings the 开票 tab to the front.
func (w *mainWindow) showForm() {
	w.tabs.SelectIndex(tabIssue)
}

// copyToForm loads a draft into the form, asking first when that would
// replace what the clerk has typed.
func (w *mainWindow) copyToForm(d app.Draft) {
	load := func() {
		w.form.load(d)
		w.showForm()
	}
	if blankDraft(w.form.draft()) {
		load()
		return
	}
	showConfirm(w.win, lang.X("copy.title", "复制到开票"),
		lang.X("copy.confirm", "开票表单中已有内容,用这张发票替换它吗?"),
		func(ok bool) {
			if ok {
				load()
			}
		})
}
