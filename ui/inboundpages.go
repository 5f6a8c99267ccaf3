package ui

import (
	"context"
	"slices"
	"time"

	"fapiao/app"
)

// The browser's paging: rows are read pageRows at a time, and at most
// keptPages pages are held, the least recently shown dropped first — a
// million invoices are never in memory, only what is on screen and near
// it. At most pageLoads reads run at once; pages asked for meanwhile wait,
// the newest first, as a clerk dragging the scroll bar wants where it
// stopped, not every page on the way.
const (
	pageRows    = 200
	keptPages   = 8
	pageLoads   = 2
	pageTimeout = 30 * time.Second
)

// inboundPages caches pages of what the browser's query matches. It is
// used on the UI goroutine only: reads run through tasks and hand their
// page back with toUI.
type inboundPages struct {
	tasks *tasks
	fetch func(ctx context.Context, q app.InboundQuery) ([]app.InboundInvoice, error)
	ctx   context.Context
	// loaded runs when a page arrives (not while row is asking for it,
	// which happens when reads run inline, as in tests).
	loaded func()
	failed func(error)

	query   app.InboundQuery
	gen     int // counts queries: a page read for an older one is dropped
	pages   map[int][]app.InboundInvoice
	recent  []int // page numbers, least recently used first
	loading map[int]bool
	waiting []int // pages asked for while pageLoads reads ran, newest last
	asking  bool  // row is running: a page arriving now is returned by it
}

func newInboundPages(ctx context.Context, t *tasks,
	fetch func(context.Context, app.InboundQuery) ([]app.InboundInvoice, error)) *inboundPages {
	return &inboundPages{ctx: ctx, tasks: t, fetch: fetch, pages: map[int][]app.InboundInvoice{}, loading: map[int]bool{}}
}

// reset drops every page and reads for q from now on; the first page is
// asked for at once, as it is what the table shows first.
func (p *inboundPages) reset(q app.InboundQuery) {
	p.gen++
	p.query = q
	clear(p.pages)
	clear(p.loading)
	p.recent, p.waiting = p.recent[:0], p.waiting[:0]
	p.request(0)
}

// row is row i of the query's result, if its page is here; otherwise its
// page is asked for and ok is false.
func (p *inboundPages) row(i int) (inv app.InboundInvoice, ok bool) {
	page, at := i/pageRows, i%pageRows
	rows, ok := p.pages[page]
	if !ok {
		p.asking = true
		p.request(page)
		p.asking = false
		if rows, ok = p.pages[page]; !ok {
			return app.InboundInvoice{}, false
		}
	}
	p.touch(page)
	if at >= len(rows) {
		return app.InboundInvoice{}, false // the table is larger than what the store has now
	}
	return rows[at], true
}

// rows counts the rows held, for tests and the memory budget.
func (p *inboundPages) rows() int {
	n := 0
	for _, rows := range p.pages {
		n += len(rows)
	}
	return n
}

// request reads page unless it is here, on its way or waiting.
func (p *inboundPages) request(page int) {
	if _, ok := p.pages[page]; ok || p.loading[page] {
		return
	}
	if len(p.loading) >= pageLoads {
		p.waiting = slices.DeleteFunc(p.waiting, func(w int) bool { return w == page })
		p.waiting = append(p.waiting, page)
		if len(p.waiting) > keptPages {
			p.waiting = p.waiting[1:] // long scrolled past; asked for again if shown again
		}
		return
	}
	p.loading[page] = true
	gen, q := p.gen, p.query
	q.Offset, q.Limit = page*pageRows, pageRows
	p.tasks.run(func() {
		ctx, cancel := context.WithTimeout(p.ctx, pageTimeout)
		defer cancel()
		rows, err := p.fetch(ctx, q)
		p.tasks.toUI(func() { p.arrived(gen, page, rows, err) })
	})
}

// arrived keeps a page read, starts the newest waiting read and tells the
// table.
func (p *inboundPages) arrived(gen, page int, rows []app.InboundInvoice, err error) {
	if gen != p.gen {
		return // read for a query since replaced
	}
	delete(p.loading, page)
	if err == nil {
		p.keep(page, rows)
	}
	for n := len(p.waiting); n > 0 && len(p.loading) < pageLoads; n = len(p.waiting) {
		next := p.waiting[n-1]
		p.waiting = p.waiting[:n-1]
		p.request(next)
	}
	switch {
	case p.asking:
	case err != nil:
		if p.failed != nil {
			p.failed(err)
		}
	case p.loaded != nil:
		p.loaded()
	}
}

// keep stores a page, dropping the least recently used beyond keptPages.
func (p *inboundPages) keep(page int, rows []app.InboundInvoice) {
	p.pages[page] = rows
	p.touch(page)
	for len(p.recent) > keptPages {
		delete(p.pages, p.recent[0])
		p.recent = p.recent[1:]
	}
}

// touch marks page the most recently used.
func (p *inboundPages) touch(page int) {
	if n := len(p.recent); n > 0 && p.recent[n-1] == page {
		return // the common case: the same page's cells, one after another
	}
	p.recent = slices.DeleteFunc(p.recent, func(r int) bool { return r == page })
	p.recent = append(p.recent, page)
}
