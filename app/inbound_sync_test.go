package app

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
)

// fakeInbound serves n invoices per status in pages, failing on the pages
// named in failAt (once each).
type fakeInbound struct {
	mu     sync.Mutex
	n      int
	failAt map[string]bool
	calls  int
}

func (f *fakeInbound) FetchInbound(_ context.Context, q InboundFetch) (InboundPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	at := fmt.Sprintf("%s/%d", q.Status, q.Page)
	if f.failAt[at] {
		delete(f.failAt, at)
		return InboundPage{}, &ProviderError{Kind: KindTransient, Message: "超时"}
	}
	var out []InboundInvoice
	for i := (q.Page - 1) * q.PageSize; i < q.Page*q.PageSize && i < f.n; i++ {
		number := fmt.Sprintf("%s%018d", q.Status, i)
		out = append(out, InboundInvoice{Key: InboundKey("", number, "81"), Status: q.Status, Number: number, Type: "81",
			Tax: decimal.New(int64(i), -2)})
	}
	return InboundPage{Invoices: out, Count: f.n, Page: q.Page, PageSize: q.PageSize}, nil
}

type memInbound struct {
	mu   sync.Mutex
	rows map[string]InboundInvoice
	runs []SyncRun
}

func (m *memInbound) UpsertInbound(_ context.Context, page []InboundInvoice, _ int64) (UpsertResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var r UpsertResult
	for _, inv := range page {
		if _, ok := m.rows[inv.Key]; ok {
			r.Unchanged++
			continue
		}
		m.rows[inv.Key] = inv
		r.Inserted++
	}
	return r, nil
}

func (m *memInbound) QueryInbound(context.Context, InboundQuery) ([]InboundInvoice, error) {
	return nil, nil
}
func (m *memInbound) TotalInbound(context.Context, InboundQuery) (InboundTotals, error) {
	return InboundTotals{Count: int64(len(m.rows))}, nil
}
func (m *memInbound) InboundByKey(context.Context, string) (InboundInvoice, []InboundChange, error) {
	return InboundInvoice{}, nil, ErrNotFound
}
func (m *memInbound) EachInbound(context.Context, InboundQuery, func(InboundInvoice) error) error {
	return nil
}

func (m *memInbound) SaveSyncRun(_ context.Context, run *SyncRun) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if run.ID == 0 {
		run.ID = int64(len(m.runs) + 1)
		m.runs = append(m.runs, *run)
		return nil
	}
	m.runs[run.ID-1] = *run
	return nil
}

func (m *memInbound) UnfinishedSyncRun(context.Context) (SyncRun, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.runs) - 1; i >= 0; i-- {
		if m.runs[i].EndedAt.IsZero() {
			return m.runs[i], nil
		}
	}
	return SyncRun{}, ErrNotFound
}

func (m *memInbound) SyncRuns(context.Context, int) ([]SyncRun, error) { return m.runs, nil }

func TestSyncPagesEveryStatus(t *testing.T) {
	src, store := &fakeInbound{n: 25}, &memInbound{rows: map[string]InboundInvoice{}}
	s := NewInboundService(src, store, nil)
	s.PageSize = 10
	var seen []SyncProgress
	run, err := s.Sync(context.Background(), SyncRequest{}, func(p SyncProgress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	want := 25 * len(InboundStatuses)
	if len(store.rows) != want || run.Invoices != want || run.Inserted != want || run.EndedAt.IsZero() {
		t.Fatalf("stored %d, run %+v; want %d", len(store.rows), run, want)
	}
	if run.Pages != 3*len(InboundStatuses) || len(seen) != run.Pages || seen[0].PageCount != 3 {
		t.Errorf("pages %d, progress reports %d (first %+v)", run.Pages, len(seen), seen[0])
	}
}

func TestInterruptedSyncResumesWithoutDuplicates(t *testing.T) {
	src := &fakeInbound{n: 25, failAt: map[string]bool{"11/2": true}}
	store := &memInbound{rows: map[string]InboundInvoice{}}
	s := NewInboundService(src, store, nil)
	s.PageSize = 10
	req := SyncRequest{Statuses: []InboundStatus{InboundUnchecked, InboundChecked}}
	first, err := s.Sync(context.Background(), req, nil)
	if err == nil || !first.EndedAt.IsZero() || first.Current != InboundChecked || first.NextPage != 2 {
		t.Fatalf("interrupted: %v %+v", err, first)
	}
	stored := len(store.rows)
	callsBefore := src.calls
	again, err := s.Sync(context.Background(), req, nil)
	if err != nil || again.ID != first.ID || again.EndedAt.IsZero() {
		t.Fatalf("resumed: %v %+v", err, again)
	}
	if len(store.rows) != 50 || stored != 35 {
		t.Errorf("rows %d (after the interruption %d), want 50 (35)", len(store.rows), stored)
	}
	if src.calls-callsBefore != 2 {
		t.Errorf("the resumed sync fetched %d pages, want the 2 left", src.calls-callsBefore)
	}
	keys := make([]string, 0, len(store.rows))
	for k := range store.rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			t.Fatal("duplicate key")
		}
	}
}

func TestCancelledSyncIsMarkedAndResumable(t *testing.T) {
	src, store := &cancelAware{&fakeInbound{n: 30}}, &memInbound{rows: map[string]InboundInvoice{}}
	s := NewInboundService(src, store, nil)
	s.PageSize = 10
	req := SyncRequest{Statuses: []InboundStatus{InboundUnchecked}}
	ctx, cancel := context.WithCancel(context.Background())
	run, err := s.Sync(ctx, req, func(p SyncProgress) {
		if p.Page == 1 {
			cancel() // the clerk presses 取消 after the first page
		}
	})
	if !errors.Is(err, context.Canceled) || !run.Cancelled || !run.EndedAt.IsZero() || run.NextPage != 2 || len(store.rows) != 10 {
		t.Fatalf("cancelled: %v %+v, %d rows", err, run, len(store.rows))
	}
	run, err = s.Sync(context.Background(), req, nil)
	if err != nil || run.Cancelled || run.EndedAt.IsZero() || len(store.rows) != 30 {
		t.Errorf("resumed: %v %+v, %d rows", err, run, len(store.rows))
	}
}

// cancelAware fails as a real client does when its context is done.
type cancelAware struct{ *fakeInbound }

func (c *cancelAware) FetchInbound(ctx context.Context, q InboundFetch) (InboundPage, error) {
	if err := ctx.Err(); err != nil {
		return InboundPage{}, &ProviderError{Kind: KindTransient, Message: "已取消", Err: err}
	}
	return c.fakeInbound.FetchInbound(ctx, q)
}
