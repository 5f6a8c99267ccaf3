package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"fapiao/app"
	"fapiao/store"
)

// inboundRig is a window whose 进项发票 screen browses a real SQLite store
// (store.Open), synced through the app's InboundService from a fake
// bureau; UI work is queued and drained on the test goroutine as in
// sessionRig, and reads run inline.
type inboundRig struct {
	*sessionRig
	db     *store.DB
	source *fakeInboundSource
}

func newInboundRig(t *testing.T) *inboundRig {
	return newInboundRigAt(t, filepath.Join(t.TempDir(), "fapiao.db"))
}

// newInboundRigAt opens (or creates) the store at path.
func newInboundRigAt(t *testing.T, path string) *inboundRig {
	fx := newFixture(t)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	source := &fakeInboundSource{counts: map[app.InboundStatus]int{}, blockAt: map[int]bool{}, failAt: map[int]error{}}
	fx.svc.Inbound = app.NewInboundService(source, db, nil)
	r := &sessionRig{fx: fx, clock: newTestClock(time.Date(2025, 11, 21, 9, 30, 0, 0, app.ChinaTime)),
		polls: &handTicker{}, ticks: &handTicker{}, queue: make(chan func(), 4096)}
	return &inboundRig{sessionRig: r, db: db, source: source}
}

// openInbound opens the window on the 进项发票 screen with its first page
// and totals read.
func (r *inboundRig) openInbound() (*mainWindow, *inboundScreen) {
	r.fx.t.Helper()
	w := r.open()
	w.showInbound()
	r.drain()
	if w.inbound == nil || w.tabs.Selected() != w.inboundTab {
		r.fx.t.Fatal("the 进项发票 screen should be in front")
	}
	return w, w.inbound
}

// store upserts invoices in pages of 1,000, as a sync would.
func (r *inboundRig) store(invoices []app.InboundInvoice) {
	r.fx.t.Helper()
	storeInbound(r.fx.t, r.db, invoices)
}

func storeInbound(t testing.TB, db *store.DB, invoices []app.InboundInvoice) {
	t.Helper()
	for start := 0; start < len(invoices); start += 1000 {
		if _, err := db.UpsertInbound(context.Background(), invoices[start:min(start+1000, len(invoices))], 0); err != nil {
			t.Fatal(err)
		}
	}
}

// totals asks the service, as the screen does.
func (r *inboundRig) totals(q app.InboundQuery) app.InboundTotals {
	r.fx.t.Helper()
	t, err := r.fx.svc.Inbound.Totals(context.Background(), q)
	if err != nil {
		r.fx.t.Fatal(err)
	}
	return t
}

// testSellers are the sellers of generated invoices; the first is the
// most frequent. The third's tax ID starts with 0 digits after 91, and
// the sixth has no tax ID (a voucher's issuer).
var testSellers = []struct{ name, taxID string }{
	{"成都天府软件园有限公司", "91510100MA6CXP8Q2Q"},
	{"深圳华为技术有限公司", "914403001922038216"},
	{"北京华信科技有限公司", "91110000000000123X"},
	{"上海浦东发展有限公司", "9111011457319202X9"},
	{"广州白云山医药集团股份有限公司", "914401011904959000"},
	{"中华人民共和国成都海关", ""},
}

// genInbound makes n inbound invoices, deterministic from seed: invoices
// and customs vouchers (no amount) of several types, statuses, states and
// risks, and amounts with cents up to a million.
func genInbound(n int, seed uint64) []app.InboundInvoice { return genInboundFrom(0, n, seed) }

// genInboundFrom makes the n invoices numbered from first on: batches of
// one large set.
func genInboundFrom(first, n int, seed uint64) []app.InboundInvoice {
	rng := rand.New(rand.NewPCG(seed, uint64(first)))
	statuses := app.InboundStatuses
	types := []string{"81", "82", "01", "10", "17"}
	out := make([]app.InboundInvoice, n)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, app.ChinaTime)
	for k := range out {
		i := first + k
		seller := testSellers[rng.IntN(rng.IntN(len(testSellers))+1)]
		inv := app.InboundInvoice{
			Status:           statuses[rng.IntN(len(statuses))],
			Type:             types[rng.IntN(len(types))],
			BillingDate:      start.AddDate(0, 0, rng.IntN(700)),
			BuyerName:        "北京民诺科技有限公司",
			BuyerTaxID:       "9111011457319202X9",
			SellerName:       seller.name,
			SellerTaxID:      seller.taxID,
			State:            []string{"0", "0", "0", "0", "2", "3", "7"}[rng.IntN(7)],
			ManagementStatus: []string{"0", "0", "0", "0", "0", "1", "2"}[rng.IntN(7)],
			CheckStatus:      []string{"0", "1"}[rng.IntN(2)],
		}
		cents := 1 + rng.Int64N(100_000_000)
		amount := decimal.New(cents, -2)
		inv.Tax = amount.Mul(decimal.RequireFromString("0.13")).Round(2)
		inv.ValidTax = inv.Tax
		switch inv.Type {
		case "01", "10":
			inv.Code = fmt.Sprintf("0%011d", rng.Int64N(1e11))
			inv.Number = fmt.Sprintf("%08d", i) // leading zeros
			inv.Amount = decimal.NewNullDecimal(amount)
		case "17":
			inv.Number = fmt.Sprintf("5304%014d-L%02d", i, rng.IntN(5))
			inv.Kind = "HGJKS"
		default:
			inv.Number = fmt.Sprintf("24511%015d", i) // 20 digits
			inv.Amount = decimal.NewNullDecimal(amount)
		}
		inv.Key = app.InboundKey(inv.Code, inv.Number, inv.Type)
		out[k] = inv
	}
	return out
}

// fakeInboundSource is the bureau's S000621 over counts per status. It
// blocks at the pages named in blockAt, once each, until the sync is
// cancelled (telling blocked), and fails once at those in failAt.
type fakeInboundSource struct {
	mu      sync.Mutex
	counts  map[app.InboundStatus]int
	blockAt map[int]bool
	failAt  map[int]error
	pages   []int // the pages asked for, in order
	blocked chan int
}

func (f *fakeInboundSource) FetchInbound(ctx context.Context, q app.InboundFetch) (app.InboundPage, error) {
	f.mu.Lock()
	f.pages = append(f.pages, q.Page)
	block := f.blockAt[q.Page]
	delete(f.blockAt, q.Page)
	fail := f.failAt[q.Page]
	delete(f.failAt, q.Page)
	count := f.counts[q.Status]
	f.mu.Unlock()
	if block {
		f.blocked <- q.Page
		<-ctx.Done()
		return app.InboundPage{}, ctx.Err()
	}
	if fail != nil {
		return app.InboundPage{}, fail
	}
	var out []app.InboundInvoice
	for i := (q.Page - 1) * q.PageSize; i < q.Page*q.PageSize && i < count; i++ {
		number := fmt.Sprintf("2551%02s%014d", q.Status, i)
		out = append(out, app.InboundInvoice{Key: app.InboundKey("", number, "81"), Status: q.Status, Number: number,
			Type: "81", BillingDate: time.Date(2025, 10, 1+i%28, 0, 0, 0, 0, app.ChinaTime), SellerName: "成都天府软件园有限公司",
			Amount: decimal.NewNullDecimal(decimal.New(int64(10000+i), -2)), Tax: decimal.New(int64(1300+i), -2),
			ValidTax: decimal.New(int64(1300+i), -2), State: "0", CheckStatus: "0"})
	}
	return app.InboundPage{Invoices: out, Count: count, Page: q.Page, PageSize: q.PageSize}, nil
}

// asked is the pages asked for so far.
func (f *fakeInboundSource) asked() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.pages...)
}

// headerButton finds the table's header button captioned text,
// scrolled into view.
func headerButton(t *testing.T, s *inboundScreen, text string) *widget.Button {
	t.Helper()
	s.table.grid.ScrollTo(widget.TableCellID{Row: 0, Col: column(t, s, text)})
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
		} else if wid, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(wid).Objects() {
				walk(child)
			}
		}
	}
	walk(s.table.grid)
	if found == nil {
		t.Fatalf("no header %q", text)
	}
	return found
}

// column is the index of the column captioned caption.
func column(t *testing.T, s *inboundScreen, caption string) int {
	t.Helper()
	for i, c := range s.table.columns {
		if c.caption == caption {
			return i
		}
	}
	t.Fatalf("no column %q", caption)
	return -1
}

// cellText is what a cell shows now.
func cellText(s *inboundScreen, row, col int) string {
	text, _, _ := s.table.cell(row, col)
	return text
}
