package ui

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
	"fapiao/store"
)

// TestInboundScreenshots renders the 进项发票 screen — browsing, a sync
// under way, a bad filter, the details — to PNG files for a person to look
// at: FAPIAO_UI_SHOTS=/tmp/shots go test -run InboundScreenshots ./ui/
func TestInboundScreenshots(t *testing.T) {
	dir := os.Getenv("FAPIAO_UI_SHOTS")
	if dir == "" {
		t.Skip("set FAPIAO_UI_SHOTS to a directory to render screenshots")
	}
	for variant, name := range map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"} {
		sub := filepath.Join(dir, name)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		renderInboundScreens(t, sub, variant)
	}
}

func renderInboundScreens(t *testing.T, dir string, variant fyne.ThemeVariant) {
	r := newInboundRig(t)
	r.fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: variant})
	r.store(genInbound(2000, 9))
	r.fx.svc.Inbound.PageSize = 100
	r.source.counts[app.InboundUnchecked] = 1200
	r.source.blockAt[4] = true
	r.source.blocked = make(chan int, 1)
	w, s := r.openInbound()
	shot := windowShot(t, w, dir)
	shot("i1-browse")

	s.sync.choice.SetSelected("未勾选")
	tapButton(s.sync.start)
	<-r.source.blocked
	r.drain()
	shot("i2-syncing")
	tapButton(s.sync.cancel)
	r.await("the sync to stop", func() bool { return !w.inboundState.syncing })
	r.drain()
	shot("i3-cancelled")

	test.Type(s.filter.from, "2025-02-30")
	test.Type(s.filter.minAmount, "一千")
	s.filter.from.TypedKey(keyReturn)
	shot("i4-bad-filter")
	s.filter.load(inboundFilterValues{})

	test.Tap(headerButton(t, s, "金额"))
	r.drain()
	test.Tap(headerButton(t, s, "金额"))
	r.drain()
	shot("i5-by-amount")
	test.TapAt(s.table.grid, rowCentre(s, 2))
	r.drain()
	shot("i6-detail")
	dismissOverlays(w.win)

	w.setLanguage(langEnglish)
	r.drain()
	shot("i7-english")
	w.setLanguage(langChinese)
	r.drain()
}

// TestInboundMillionRows renders the browser over a million stored rows
// and measures it: FAPIAO_SHOT_1M=1 FAPIAO_UI_SHOTS=/tmp/shots go test
// -run InboundMillionRows -timeout 30m ./ui/. The rows are generated once
// into FAPIAO_SHOT_1M_DB (default /tmp/fapiao-inbound-1m.db) and reused.
func TestInboundMillionRows(t *testing.T) {
	if os.Getenv("FAPIAO_SHOT_1M") == "" {
		t.Skip("set FAPIAO_SHOT_1M=1 to browse a million rows")
	}
	path := os.Getenv("FAPIAO_SHOT_1M_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), "fapiao-inbound-1m.db")
	}
	const million = 1_000_000
	fillMillion(t, path, million)

	r := newInboundRigAt(t, path)
	r.fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: theme.VariantLight})
	q := app.InboundQuery{Sort: "billing_date", Desc: true}
	started := time.Now()
	if _, err := r.fx.svc.Inbound.Query(context.Background(), app.InboundQuery{Sort: q.Sort, Desc: q.Desc, Limit: pageRows}); err != nil {
		t.Fatal(err)
	}
	firstPage := time.Since(started)
	started = time.Now()
	totals := r.totals(q)
	totalTime := time.Since(started)
	started = time.Now()
	if _, err := r.fx.svc.Inbound.Query(context.Background(), app.InboundQuery{Sort: q.Sort, Desc: q.Desc,
		Offset: million - pageRows, Limit: pageRows}); err != nil {
		t.Fatal(err)
	}
	lastPage := time.Since(started)
	t.Logf("first page %v, totals %v (%d rows), last page (OFFSET %d) %v", firstPage, totalTime, totals.Count,
		million-pageRows, lastPage)
	timeQueries(t, r)

	started = time.Now()
	w, s := r.openInbound()
	t.Logf("screen open with first page and totals: %v", time.Since(started))
	if s.table.count != int(totals.Count) {
		t.Fatalf("rows %d, want %d", s.table.count, totals.Count)
	}
	if dir := os.Getenv("FAPIAO_UI_SHOTS"); dir != "" {
		shot := windowShot(t, w, dir)
		shot("m1-million")
		s.table.grid.ScrollTo(widget.TableCellID{Row: million / 2, Col: 0})
		r.drain()
		shot("m2-million-middle")
		s.table.grid.ScrollToBottom()
		r.drain()
		shot("m3-million-end")
	}
	started = time.Now()
	s.filter.status.SetSelected("未勾选")
	r.drain()
	t.Logf("filter 未勾选: %v, %d rows", time.Since(started), s.table.count)
	started = time.Now()
	test.Tap(headerButton(t, s, "金额"))
	r.drain()
	t.Logf("sort by 金额 within it: %v", time.Since(started))

	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("heap with the browser open at %d rows: %.1f MB in use (%.1f MB from the OS), cache %d rows",
		totals.Count, float64(m.HeapAlloc)/(1<<20), float64(m.HeapSys)/(1<<20), s.pages.rows())
	if m.HeapAlloc > 200<<20 {
		t.Errorf("heap %d MB, over the 200 MB budget", m.HeapAlloc>>20)
	}
	t.Logf("process resident set: %s", residentSet())
	if os.Getenv("FAPIAO_SHOT_1M_EXPORT") != "" {
		exportMillion(t, r, q)
	}
}

// exportMillion writes every row to CSV and XLSX, timing each and
// sampling the heap meanwhile.
func exportMillion(t *testing.T, r *inboundRig, q app.InboundQuery) {
	for _, f := range []inboundFormat{inboundCSV, inboundXLSX} {
		path := filepath.Join(t.TempDir(), "million."+f.ext)
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		peak, stop := sampleHeap()
		started := time.Now()
		n, err := f.write(out, func(fn func(app.InboundInvoice) error) error {
			return r.fx.svc.Inbound.Each(context.Background(), q, fn)
		}, nil)
		elapsed := time.Since(started)
		stop()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(path)
		t.Logf("%s export: %d rows in %v, %.0f MB, heap peak %.1f MB", f.name, n, elapsed,
			float64(info.Size())/(1<<20), float64(peak())/(1<<20))
	}
}

// sampleHeap watches the heap in use every 100 ms until stopped.
func sampleHeap() (peak func() uint64, stop func()) {
	var (
		mu  sync.Mutex
		max uint64
	)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			max = maxOf(max, m.HeapAlloc)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
			mu.Lock()
			defer mu.Unlock()
			return max
		}, func() {
			close(done)
			<-finished
		}
}

func maxOf(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// residentSet is the process's resident memory on Linux, as the kernel
// reports it: in all, anonymous (heaps) and file-backed (the database
// file the store's readers map into memory).
func residentSet() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	var parts []string
	for _, line := range strings.Split(string(data), "\n") {
		for _, field := range []string{"VmRSS:", "RssAnon:", "RssFile:"} {
			if strings.HasPrefix(line, field) {
				parts = append(parts, field+" "+strings.TrimSpace(strings.TrimPrefix(line, field)))
			}
		}
	}
	return strings.Join(parts, ", ")
}

// timeQueries logs how long a page and the totals of a few filters and
// sorts take, the slowest of five runs.
func timeQueries(t *testing.T, r *inboundRig) {
	unchecked := []app.InboundStatus{app.InboundUnchecked}
	for _, q := range []app.InboundQuery{
		{Sort: "amount", Desc: true},
		{Statuses: unchecked, Sort: "billing_date", Desc: true},
		{Statuses: unchecked, Sort: "amount", Desc: true},
		{Seller: "天府软件", Sort: "billing_date", Desc: true},
		{Seller: "9144", Sort: "billing_date", Desc: true},
		{Sort: "billing_date", Desc: true, Offset: 500_000},
	} {
		var page, totals time.Duration
		var count int64
		for range 5 {
			started := time.Now()
			paged := q
			paged.Limit = pageRows
			if _, err := r.fx.svc.Inbound.Query(context.Background(), paged); err != nil {
				t.Fatal(err)
			}
			page = max(page, time.Since(started))
			started = time.Now()
			count = r.totals(q).Count
			totals = max(totals, time.Since(started))
		}
		t.Logf("statuses %v seller %q sort %s desc offset %d: page %v, totals %v (%d rows)",
			q.Statuses, q.Seller, q.Sort, q.Offset, page, totals, count)
	}
}

// fillMillion stores n generated rows at path unless it holds them.
func fillMillion(t *testing.T, path string, n int) {
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	have, err := db.TotalInbound(context.Background(), app.InboundQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if have.Count >= int64(n) {
		return
	}
	started := time.Now()
	for start := int(have.Count); start < n; start += 10_000 {
		storeInbound(t, db, genInboundFrom(start, min(10_000, n-start), 10))
	}
	t.Logf("stored %d rows in %v", n, time.Since(started))
}
