package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"fapiao/app"
)

// fakeStore is an in-memory app.InvoiceStore.
type fakeStore struct {
	mu       sync.Mutex
	nextID   int64
	invoices map[string]*app.Invoice // by serial
	outbox   map[string]*app.OutboxEntry
}

func newFakeStore() *fakeStore {
	return &fakeStore{invoices: map[string]*app.Invoice{}, outbox: map[string]*app.OutboxEntry{}}
}

func (s *fakeStore) CreatePending(_ context.Context, inv *app.Invoice, request []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	inv.ID = s.nextID
	stored := *inv
	s.invoices[inv.RequestSerial] = &stored
	s.outbox[inv.RequestSerial] = &app.OutboxEntry{Serial: inv.RequestSerial, InvoiceID: inv.ID,
		Request: request, CreatedAt: inv.CreatedAt}
	return nil
}

func (s *fakeStore) MarkIssued(_ context.Context, serial string, r app.IssueResult) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, ok := s.invoices[serial]
	if !ok {
		return app.ErrNotFound
	}
	inv.Number, inv.IssuedAt, inv.Status, inv.StatusMessage = r.Number, r.IssuedAt, app.StatusIssued, ""
	delete(s.outbox, serial)
	return nil
}

func (s *fakeStore) MarkStatus(_ context.Context, serial string, status app.Status, message string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, ok := s.invoices[serial]
	if !ok {
		return app.ErrNotFound
	}
	inv.Status, inv.StatusMessage = status, message
	if status == app.StatusRejected {
		delete(s.outbox, serial)
	}
	return nil
}

func (s *fakeStore) OpenOutbox(context.Context) ([]app.OutboxEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []app.OutboxEntry
	for _, e := range s.outbox {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InvoiceID < out[j].InvoiceID })
	return out, nil
}

func (s *fakeStore) InvoiceBySerial(_ context.Context, serial string) (app.Invoice, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if inv, ok := s.invoices[serial]; ok {
		return *inv, nil
	}
	return app.Invoice{}, app.ErrNotFound
}

func (s *fakeStore) InvoiceByNumber(_ context.Context, number string) (app.Invoice, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, inv := range s.invoices {
		if inv.Number == number && number != "" {
			return *inv, nil
		}
	}
	return app.Invoice{}, app.ErrNotFound
}

func (s *fakeStore) ListInvoices(_ context.Context, q app.ListQuery) ([]app.Invoice, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []app.Invoice
	for _, inv := range s.invoices {
		if q.Search == "" || strings.Contains(inv.Number, q.Search) ||
			strings.Contains(inv.Buyer.Name, q.Search) || strings.Contains(inv.Buyer.TaxID, q.Search) {
			out = append(out, *inv)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}

// put stores an invoice directly, as if issued earlier (with an outbox
// entry when its outcome is open).
func (s *fakeStore) put(inv app.Invoice) app.Invoice {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	inv.ID = s.nextID
	s.invoices[inv.RequestSerial] = &inv
	if inv.Status.Open() {
		req, _ := json.Marshal(inv)
		s.outbox[inv.RequestSerial] = &app.OutboxEntry{Serial: inv.RequestSerial, InvoiceID: inv.ID, Request: req}
	}
	return inv
}

// fakeCatalog is an in-memory app.CatalogStore matching name prefixes.
type fakeCatalog struct {
	buyers []app.Party
	items  []app.CatalogItem
}

func (c *fakeCatalog) SuggestBuyers(_ context.Context, prefix string, limit int) ([]app.Party, error) {
	var out []app.Party
	for _, b := range c.buyers {
		if strings.HasPrefix(b.Name, prefix) && len(out) < limit {
			out = append(out, b)
		}
	}
	return out, nil
}

func (c *fakeCatalog) SuggestItems(_ context.Context, prefix string, limit int) ([]app.CatalogItem, error) {
	var out []app.CatalogItem
	for _, it := range c.items {
		if strings.Contains(it.Name, prefix) && len(out) < limit {
			out = append(out, it)
		}
	}
	return out, nil
}

// fakeDrafts is an in-memory app.DraftStore; the draft saver calls it from
// its timer goroutine.
type fakeDrafts struct {
	mu     sync.Mutex
	drafts map[string]app.Draft
	saves  int
}

func newFakeDrafts() *fakeDrafts { return &fakeDrafts{drafts: map[string]app.Draft{}} }

func (d *fakeDrafts) SaveDraft(_ context.Context, name string, draft app.Draft) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.drafts[name] = draft
	d.saves++
	return nil
}

func (d *fakeDrafts) LoadDraft(_ context.Context, name string) (app.Draft, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if draft, ok := d.drafts[name]; ok {
		return draft, nil
	}
	return app.Draft{}, app.ErrNotFound
}

func (d *fakeDrafts) DeleteDraft(_ context.Context, name string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.drafts, name)
	return nil
}

func (d *fakeDrafts) get(name string) (app.Draft, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	draft, ok := d.drafts[name]
	return draft, ok
}

// fakeIssuer is an app.Issuer that records what it receives. issue decides
// each answer; by default it issues with the next number.
type fakeIssuer struct {
	mu       sync.Mutex
	received []app.Invoice
	issued   map[string]app.IssueResult // by serial, for Lookup
	issue    func(inv app.Invoice) (app.IssueResult, error)
	lookup   func(serial string) (app.IssueResult, error)
	docs     map[app.DocFormat][]byte
	next     int
}

func newFakeIssuer() *fakeIssuer {
	return &fakeIssuer{issued: map[string]app.IssueResult{}, docs: map[app.DocFormat][]byte{
		app.FormatPDF: []byte("%PDF-1.7 fake"), app.FormatOFD: []byte("OFD fake"), app.FormatXML: []byte("<xml/>"),
	}}
}

func (f *fakeIssuer) Name() string { return "测试服务" }

func (f *fakeIssuer) Issue(_ context.Context, inv app.Invoice) (app.IssueResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.received = append(f.received, inv)
	if f.issue != nil {
		return f.issue(inv)
	}
	f.next++
	r := app.IssueResult{Number: fmt.Sprintf("25510000000%09d", f.next),
		IssuedAt: time.Date(2025, 3, 14, 10, 30, 0, 0, app.ChinaTime)}
	f.issued[inv.RequestSerial] = r
	return r, nil
}

func (f *fakeIssuer) Lookup(_ context.Context, serial string) (app.IssueResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.lookup != nil {
		return f.lookup(serial)
	}
	if r, ok := f.issued[serial]; ok {
		return r, nil
	}
	return app.IssueResult{}, app.ErrNotFound
}

func (f *fakeIssuer) Document(_ context.Context, _ app.Invoice, format app.DocFormat) ([]byte, error) {
	return f.docs[format], nil
}

func (f *fakeIssuer) receivedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.received)
}
