package app

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

// memStore is an in-memory InvoiceStore that keeps the outbox semantics.
type memStore struct {
	mu       sync.Mutex
	invoices map[string]*Invoice // by serial
	outbox   map[string]*OutboxEntry
	closed   map[string]bool
	nextID   int64
}

func newMemStore() *memStore {
	return &memStore{invoices: map[string]*Invoice{}, outbox: map[string]*OutboxEntry{}, closed: map[string]bool{}}
}

func (m *memStore) CreatePending(_ context.Context, inv *Invoice, request []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.invoices[inv.RequestSerial]; dup {
		return fmt.Errorf("duplicate serial %s", inv.RequestSerial)
	}
	m.nextID++
	inv.ID = m.nextID
	cp := *inv
	m.invoices[inv.RequestSerial] = &cp
	m.outbox[inv.RequestSerial] = &OutboxEntry{Serial: inv.RequestSerial, InvoiceID: inv.ID, Request: request, CreatedAt: time.Now()}
	return nil
}

func (m *memStore) MarkIssued(_ context.Context, serial string, r IssueResult) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	inv, ok := m.invoices[serial]
	if !ok {
		return ErrNotFound
	}
	if inv.Number != "" && inv.Number != r.Number {
		return fmt.Errorf("serial %s already has number %s", serial, inv.Number)
	}
	inv.Number, inv.IssuedAt, inv.Status, inv.StatusMessage = r.Number, r.IssuedAt, StatusIssued, ""
	m.closed[serial] = true
	return nil
}

func (m *memStore) MarkStatus(_ context.Context, serial string, s Status, msg string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	inv, ok := m.invoices[serial]
	if !ok {
		return ErrNotFound
	}
	if inv.Status == StatusIssued {
		return fmt.Errorf("invoice %s is issued", serial)
	}
	inv.Status, inv.StatusMessage = s, msg
	m.outbox[serial].Attempts++
	m.outbox[serial].LastError = msg
	if s == StatusRejected {
		m.closed[serial] = true
	}
	return nil
}

func (m *memStore) OpenOutbox(context.Context) ([]OutboxEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []OutboxEntry
	for serial, e := range m.outbox {
		if !m.closed[serial] {
			out = append(out, *e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InvoiceID < out[j].InvoiceID })
	return out, nil
}

func (m *memStore) InvoiceBySerial(_ context.Context, serial string) (Invoice, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if inv, ok := m.invoices[serial]; ok {
		return *inv, nil
	}
	return Invoice{}, ErrNotFound
}

func (m *memStore) InvoiceByNumber(_ context.Context, number string) (Invoice, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, inv := range m.invoices {
		if inv.Number == number && number != "" {
			return *inv, nil
		}
	}
	return Invoice{}, ErrNotFound
}

func (m *memStore) ListInvoices(context.Context, ListQuery) ([]Invoice, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Invoice
	for _, inv := range m.invoices {
		out = append(out, *inv)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}

func (m *memStore) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.invoices)
}

// fakeBureau is an Issuer that behaves like a provider with idempotent
// serials, and can be told to fail in scripted ways.
type fakeBureau struct {
	mu      sync.Mutex
	issued  map[string]IssueResult // by serial
	sends   []string               // serials of every Issue call
	lookups int
	next    int
	// script: for each Issue call in order, what goes wrong ("" = nothing).
	//   "drop": commit, then answer with a transient error (response lost)
	//   "transient": answer with a transient error before committing
	//   "unreachable": fail before the request leaves (NotSent)
	//   "business", "credentials": refuse
	script []string
	// lookupErr, when set, is returned by Lookup.
	lookupErr error
}

func newFakeBureau(script ...string) *fakeBureau {
	return &fakeBureau{issued: map[string]IssueResult{}, script: script}
}

func (f *fakeBureau) Name() string { return "测试税局" }

func (f *fakeBureau) Issue(_ context.Context, inv Invoice) (IssueResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	step := ""
	if len(f.sends) < len(f.script) {
		step = f.script[len(f.sends)]
	}
	f.sends = append(f.sends, inv.RequestSerial)
	switch step {
	case "transient":
		return IssueResult{}, &ProviderError{Kind: KindTransient, Provider: f.Name(), Op: "issue", Message: "连接超时"}
	case "unreachable":
		return IssueResult{}, &ProviderError{Kind: KindTransient, Provider: f.Name(), Op: "issue", Message: "无法连接", NotSent: true}
	case "business":
		return IssueResult{}, &ProviderError{Kind: KindBusiness, Provider: f.Name(), Op: "issue", Code: "999", Message: "购方税号不存在"}
	case "credentials":
		return IssueResult{}, &ProviderError{Kind: KindCredentials, Provider: f.Name(), Op: "issue", Code: "40000", Message: "用户名或密码错误"}
	case "login":
		return IssueResult{}, &ProviderError{Kind: KindLogin, Provider: f.Name(), Op: "issue", Code: "419", Message: "需要短信验证"}
	case "face":
		return IssueResult{}, &ProviderError{Kind: KindFaceAuth, Provider: f.Name(), Op: "issue", Code: "420", Message: "需要人脸认证"}
	}
	if _, dup := f.issued[inv.RequestSerial]; dup {
		return IssueResult{}, &ProviderError{Kind: KindBusiness, Provider: f.Name(), Op: "issue", Code: "999", Message: "发票请求流水号重复"}
	}
	f.next++
	r := IssueResult{Number: fmt.Sprintf("26512%015d", f.next), IssuedAt: time.Date(2026, 11, 21, 10, 0, 0, 0, ChinaTime)}
	f.issued[inv.RequestSerial] = r
	if step == "drop" {
		return IssueResult{}, &ProviderError{Kind: KindTransient, Provider: f.Name(), Op: "issue", Message: "连接被关闭"}
	}
	return r, nil
}

func (f *fakeBureau) Lookup(_ context.Context, serial string) (IssueResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lookups++
	if f.lookupErr != nil {
		return IssueResult{}, f.lookupErr
	}
	if r, ok := f.issued[serial]; ok {
		return r, nil
	}
	return IssueResult{}, ErrNotFound
}

func (f *fakeBureau) Document(_ context.Context, inv Invoice, format DocFormat) ([]byte, error) {
	return []byte(string(format) + ":" + inv.Number), nil
}

func (f *fakeBureau) issuedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.issued)
}
