package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// TestInboundPageCacheNeverHoldsMoreThanItsLimit reads every row of
// 2,000, as scrolling to the end does, and at every step the cache holds
// at most keptPages pages; every row shows the stored value in order.
func TestInboundPageCacheNeverHoldsMoreThanItsLimit(t *testing.T) {
	r := newInboundRig(t)
	r.store(genInbound(2000, 4))
	_, s := r.openInbound()
	var want []string
	err := r.fx.svc.Inbound.Each(context.Background(), app.InboundQuery{}, func(inv app.InboundInvoice) error {
		want = append(want, inv.Number)
		return nil
	})
	if err != nil || len(want) != s.table.count {
		t.Fatalf("%v: %d stored, table %d", err, len(want), s.table.count)
	}
	if 2000 <= keptPages*pageRows {
		t.Fatal("the test must read more rows than the cache keeps")
	}
	number := column(t, s, "发票号码")
	for row := range s.table.count {
		got := cellText(s, row, number)
		if got == loadingCell {
			r.drain()
			got = cellText(s, row, number)
		}
		if got != want[row] {
			t.Fatalf("row %d shows %q, want %q", row, got, want[row])
		}
		if n := s.pages.rows(); n > keptPages*pageRows || len(s.pages.pages) > keptPages {
			t.Fatalf("at row %d the cache holds %d rows in %d pages", row, n, len(s.pages.pages))
		}
		if row%250 == 0 { // and as the table itself asks, scrolled there
			s.table.grid.ScrollTo(widget.TableCellID{Row: row, Col: number})
			r.drain()
		}
	}
	if len(s.pages.pages) != keptPages {
		t.Errorf("after reading every row %d pages are kept, want %d", len(s.pages.pages), keptPages)
	}
}

// TestInboundPagesCoalesceAndLimitReads: asking for the same page twice
// reads it once; at most pageLoads reads run, the rest wait and the
// newest waiting is read first.
func TestInboundPagesCoalesceAndLimitReads(t *testing.T) {
	var reads []int
	var delivered []func()
	tk := &tasks{inline: true, ui: func(f func()) { delivered = append(delivered, f) }}
	p := newInboundPages(context.Background(), tk, func(_ context.Context, q app.InboundQuery) ([]app.InboundInvoice, error) {
		reads = append(reads, q.Offset/pageRows)
		rows := make([]app.InboundInvoice, q.Limit)
		for i := range rows {
			rows[i].Number = string(rune('A' + q.Offset/pageRows))
		}
		return rows, nil
	})
	loaded := 0
	p.loaded = func() { loaded++ }
	p.reset(app.InboundQuery{}) // reads page 0
	for _, row := range []int{0, 5, 210, 215, 5000, 9000, 7000, 7001} {
		if _, ok := p.row(row); ok {
			t.Fatalf("row %d cannot be here before any page arrived", row)
		}
	}
	if want := []int{0, 1}; !slices.Equal(reads, want) {
		t.Fatalf("reads %v, want %v: one per page, two at a time", reads, want)
	}
	if want := []int{25, 45, 35}; !slices.Equal(p.waiting, want) {
		t.Fatalf("waiting %v, want %v", p.waiting, want)
	}
	for len(delivered) > 0 {
		f := delivered[0]
		delivered = delivered[1:]
		f()
	}
	if want := []int{0, 1, 35, 45, 25}; !slices.Equal(reads, want) {
		t.Errorf("reads %v, want %v: the newest waiting first", reads, want)
	}
	if inv, ok := p.row(7001); !ok || inv.Number != string(rune('A'+35)) {
		t.Errorf("row 7001: %v %+v", ok, inv)
	}
	if loaded != 5 {
		t.Errorf("the table was told %d times, want once a page", loaded)
	}

	// A page read for a query since replaced is dropped.
	p.row(400)
	p.reset(app.InboundQuery{Sort: "amount"})
	for len(delivered) > 0 {
		f := delivered[0]
		delivered = delivered[1:]
		f()
	}
	if _, ok := p.pages[2]; ok {
		t.Error("a page of the old query was kept")
	}
}
