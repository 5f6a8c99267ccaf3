package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// totalsTimeout bounds counting and summing what a filter matches: over a
// million rows that is a second or so, locally.
const totalsTimeout = time.Minute

// inboundScreen is the 进项发票 navigation entry: the sync bar, the
// filters, the table of what they match — read from the store a page at
// a time, never whole — with its count and sums, and the export of it.
type inboundScreen struct {
	w       *mainWindow
	sync    *inboundSyncBar
	filter  *inboundFilter
	pages   *inboundPages
	table   *inboundTable
	totals  *widget.Label
	problem *widget.Label // a page or the totals could not be read
	xlsx    *widget.Button
	csv     *widget.Button
	content fyne.CanvasObject

	query  app.InboundQuery // the filters applied (without sort and paging)
	seq    int              // numbers totals reads, so that only the latest is shown
	loaded bool             // the filters were applied once
}

func newInboundScreen(w *mainWindow) *inboundScreen {
	s := &inboundScreen{w: w}
	st := &w.inboundState
	s.sync = newInboundSyncBar(w)
	s.filter = newInboundFilter(s.apply)
	s.filter.load(st.filter)
	s.pages = newInboundPages(w.ctx, w.tasks, w.svc.Inbound.Query)
	s.pages.loaded = func() { s.table.grid.Refresh() }
	s.pages.failed = s.showProblem
	s.table = newInboundTable(s.pages, st.sort, st.desc)
	s.table.onSort = func() {
		st.sort, st.desc = s.table.sort, s.table.desc
		s.reload()
	}
	s.table.onOpen = s.openDetail
	s.totals = widget.NewLabel("")
	s.totals.TextStyle.Bold = true
	s.totals.Truncation = fyne.TextTruncateEllipsis
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Hide()
	s.xlsx = widget.NewButtonWithIcon(lang.X("inbound.export.xlsx", "导出 XLSX"), theme.DocumentSaveIcon(),
		func() { s.export(inboundXLSX) })
	s.csv = widget.NewButtonWithIcon(lang.X("inbound.export.csv", "导出 CSV"), theme.DocumentSaveIcon(),
		func() { s.export(inboundCSV) })
	s.enableExport(false)
	top := container.NewVBox(s.sync.content, widget.NewSeparator(), s.filter.content)
	bottom := container.NewVBox(s.problem, container.NewBorder(nil, nil, nil, container.NewHBox(s.xlsx, s.csv), s.totals))
	s.content = container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, s.table.grid)
	return s
}

// refresh is called when the screen comes to the front: the first time,
// it applies the filters.
func (s *inboundScreen) refresh() {
	if !s.loaded {
		s.apply()
	}
}

// apply validates the filters and, when they are good, queries again.
// Bad ones show why beside themselves and query nothing.
func (s *inboundScreen) apply() {
	q, ok := s.filter.query()
	if !ok {
		return
	}
	s.query = q
	s.w.inboundState.filter = s.filter.values()
	s.reload()
}

// fullQuery is the applied filters in the table's order.
func (s *inboundScreen) fullQuery() app.InboundQuery {
	q := s.query
	q.Sort, q.Desc = s.table.sort, s.table.desc
	return q
}

// reload starts over: the cache dropped, the first page and the totals
// read again.
func (s *inboundScreen) reload() {
	s.loaded = true
	q := s.fullQuery()
	s.problem.Hide()
	s.seq++
	seq := s.seq
	s.pages.reset(q)
	s.table.show(0)
	s.table.grid.ScrollToTop()
	s.totals.SetText(lang.X("inbound.totals.counting", "正在统计……"))
	s.enableExport(false)
	inbound := s.w.svc.Inbound
	s.w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(s.w.ctx, totalsTimeout)
		defer cancel()
		t, err := inbound.Totals(ctx, q)
		s.w.tasks.toUI(func() {
			if seq != s.seq || s.w.inbound != s {
				return // a newer query is on its way, or the screen was rebuilt
			}
			s.showTotals(t, err)
		})
	})
}

// showTotals shows the count and sums, and makes the table that long.
func (s *inboundScreen) showTotals(t app.InboundTotals, err error) {
	if err != nil {
		s.totals.SetText("")
		s.showProblem(err)
		return
	}
	s.totals.SetText(totalsText(t))
	s.table.show(int(t.Count))
	s.enableExport(t.Count > 0)
}

// totalsText: 共 1,234,567 张 · 金额 ¥… · 税额 ¥… · 有效税额 ¥….
func totalsText(t app.InboundTotals) string {
	return lang.X("inbound.totals", "共 {{.N}} 张 · 金额 {{.Amount}} · 税额 {{.Tax}} · 有效税额 {{.ValidTax}}",
		map[string]any{"N": groupedCount(t.Count), "Amount": groupedYuan(t.Amount), "Tax": groupedYuan(t.Tax),
			"ValidTax": groupedYuan(t.ValidTax)})
}

func (s *inboundScreen) showProblem(err error) {
	s.problem.SetText(lang.X("inbound.read_failed", "读取进项发票失败:{{.Error}}", map[string]any{"Error": err.Error()}))
	s.problem.Show()
}

func (s *inboundScreen) enableExport(on bool) {
	for _, b := range []*widget.Button{s.xlsx, s.csv} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// showInbound brings the 进项发票 tab to the front.
func (w *mainWindow) showInbound() {
	if w.inboundTab != nil {
		w.tabs.Select(w.inboundTab)
	}
}

// readTimeoutCtx is a context for one local read under the window's.
func (w *mainWindow) readTimeoutCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(w.ctx, runsTimeout)
}
