package app

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

// fakeRedBureau is a bureau's red-invoice side over a fakeBureau's issued
// invoices: it remembers what was reversed, forms, and the buyer's use.
type fakeRedBureau struct {
	*fakeBureau
	mu         sync.Mutex
	blue       map[string][]RedLine // what is left, by blue number
	used       map[string]bool
	forms      map[string]*RedForm // by blue+reason, the live form
	formLines  map[string][]RedLine
	formsMade  int
	redIssued  int
	partial    bool
	failIssue  error // returned once by IssueRed
	formCalls  int
	checkCalls int
}

func newFakeRedBureau() *fakeRedBureau {
	return &fakeRedBureau{fakeBureau: newFakeBureau(), blue: map[string][]RedLine{}, used: map[string]bool{},
		forms: map[string]*RedForm{}, formLines: map[string][]RedLine{}, partial: true}
}

func (f *fakeRedBureau) addBlue(number string, lines []RedLine) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.blue[number] = lines
}

func (f *fakeRedBureau) CheckBlue(_ context.Context, number string) (BlueCheck, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checkCalls++
	lines, ok := f.blue[number]
	if !ok {
		return BlueCheck{}, &ProviderError{Kind: KindBusiness, Code: "999", Message: "未查询到该发票"}
	}
	t := SumLines(redLinesOnly(lines))
	return BlueCheck{Number: number, Type: TypeOrdinary, Buyer: Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"},
		Lines: append([]RedLine(nil), lines...), TotalAmount: t.Amount, TotalTax: t.Tax, BuyerUsed: f.used[number]}, nil
}

func (f *fakeRedBureau) RedForm(_ context.Context, req RedFormRequest) (RedForm, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.formCalls++
	key := req.BlueNumber + "/" + string(req.Reason)
	if form, ok := f.forms[key]; ok && !req.Fresh {
		return *form, nil // applied before: the same form, as without hzxxbcheck
	}
	f.formsMade++
	state := RedFormNoConfirmation
	if f.used[req.BlueNumber] {
		state = RedFormAwaitingBuyer
	}
	form := &RedForm{Number: fmt.Sprintf("1101142406100002%04d", f.formsMade), State: state, AppliedAt: time.Now()}
	f.forms[key] = form
	lines := req.Lines
	if lines == nil {
		lines = f.blue[req.BlueNumber]
	}
	f.formLines[form.Number] = lines
	return *form, nil
}

func (f *fakeRedBureau) setFormState(blue string, reason RedReason, state RedFormState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.forms[blue+"/"+string(reason)].State = state
}

func (f *fakeRedBureau) IssueRed(ctx context.Context, red Invoice, form RedForm, blue string) (IssueResult, error) {
	f.mu.Lock()
	if err := f.failIssue; err != nil {
		f.failIssue = nil
		f.mu.Unlock()
		return IssueResult{}, err
	}
	var live *RedForm
	for _, fm := range f.forms {
		if fm.Number == form.Number {
			live = fm
		}
	}
	if live == nil || !live.State.Issuable() {
		f.mu.Unlock()
		return IssueResult{}, &ProviderError{Kind: KindBusiness, Code: "999", Message: "确认单状态不允许开具"}
	}
	// Reverse the form's lines from the blue invoice, then forget the form.
	left := f.blue[blue]
	left = Remaining(left, [][]RedLine{f.formLines[form.Number]})
	f.blue[blue] = left
	for k, fm := range f.forms {
		if fm.Number == form.Number {
			delete(f.forms, k)
		}
	}
	f.redIssued++
	f.mu.Unlock()
	return f.fakeBureau.Issue(ctx, red)
}

func (f *fakeRedBureau) PartialRed() bool { return f.partial }

// memRedStore is an in-memory RedStore.
type memRedStore struct {
	mu    sync.Mutex
	cases map[int64]RedCase
	moves map[int64][]RedTransition
	next  int64
}

func newMemRedStore() *memRedStore {
	return &memRedStore{cases: map[int64]RedCase{}, moves: map[int64][]RedTransition{}}
}

func (m *memRedStore) SaveRedCase(_ context.Context, c *RedCase, note string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c.ID == 0 {
		m.next++
		c.ID = m.next
	} else if _, ok := m.cases[c.ID]; !ok {
		return ErrNotFound
	}
	m.cases[c.ID] = *c
	m.moves[c.ID] = append(m.moves[c.ID], RedTransition{At: time.Now(), Step: c.Step, FormState: c.Form.State, Note: note})
	return nil
}

func (m *memRedStore) RedCase(_ context.Context, id int64) (RedCase, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.cases[id]
	if !ok {
		return c, ErrNotFound
	}
	return c, nil
}

func (m *memRedStore) RedCases(_ context.Context, blue string, openOnly bool) ([]RedCase, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []RedCase
	for _, c := range m.cases {
		if (blue == "" || c.BlueNumber == blue) && (!openOnly || c.Step.Open()) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}

func (m *memRedStore) RedTransitions(_ context.Context, id int64) ([]RedTransition, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]RedTransition(nil), m.moves[id]...), nil
}
