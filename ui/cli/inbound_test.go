package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
	"fapiao/providers/sandbox"
	"fapiao/providers/taxsync"
)

// useInbound adds the inbound service, as main.go does in sandbox mode: the
// real S000621 client against the sandbox, pages of pageSize.
func (w *world) useInbound(pageSize int) {
	c, err := taxsync.New(taxsync.Config{BaseURL: w.baseURL, AppID: sandbox.DemoInboundAppID,
		Secret: sandbox.DemoInboundSecret, Jtnsrsbh: app.DemoSeller.TaxID, Nsrsbh: app.DemoSeller.TaxID,
		Timeout: 10 * time.Second})
	if err != nil {
		w.t.Fatal(err)
	}
	w.svc.Inbound = app.NewInboundService(c, w.db, nil)
	w.svc.Inbound.PageSize = pageSize
}

type inboundListJSON struct {
	Count    int64                `json:"count"`
	Amount   string               `json:"amount"`
	Tax      string               `json:"tax"`
	ValidTax string               `json:"valid_tax"`
	Invoices []app.InboundInvoice `json:"invoices"`
}

func (w *world) inboundList(args ...string) inboundListJSON {
	w.t.Helper()
	out, errOut, code := w.run(append([]string{"inbound", "list", "--json"}, args...)...)
	var got inboundListJSON
	if code != 0 {
		w.t.Fatalf("inbound list: exit %d %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		w.t.Fatalf("inbound list --json: %v\n%s", err, out)
	}
	return got
}

func TestInboundSyncStoresEveryInvoiceOnce(t *testing.T) {
	w := newWorldWith(t, sandbox.Options{InboundCount: 1200})
	w.useInbound(200)
	out, errOut, code := w.run("inbound", "sync")
	if code != 0 {
		t.Fatalf("sync: exit %d %s", code, errOut)
	}
	if !strings.Contains(out, "同步完成") {
		t.Errorf("sync said %q", out)
	}
	all := w.inboundList("--limit", "5")
	if all.Count != 1200 {
		t.Fatalf("stored %d invoices, the sandbox holds 1200", all.Count)
	}
	// A second sync changes nothing and duplicates nothing.
	if _, errOut, code := w.run("inbound", "sync"); code != 0 {
		t.Fatalf("second sync: %s", errOut)
	}
	if again := w.inboundList("--limit", "1"); again.Count != 1200 || again.Amount != all.Amount {
		t.Errorf("after a resync: %d invoices ¥%s, want 1200 ¥%s", again.Count, again.Amount, all.Amount)
	}
	// Every status the sandbox serves arrived, vouchers among them.
	statuses := map[app.InboundStatus]int64{}
	for _, s := range app.InboundStatuses {
		statuses[s] = w.inboundList("--status", string(s), "--limit", "1").Count
	}
	var sum int64
	for s, n := range statuses {
		if n == 0 {
			t.Errorf("status %s (%s): none stored", s, s.Label())
		}
		sum += n
	}
	if sum != 1200 {
		t.Errorf("statuses add up to %d, want 1200", sum)
	}
	if n := w.inboundList("--type", "17", "--limit", "1").Count; n == 0 {
		t.Error("no customs vouchers (type 17) stored")
	}
}

func TestInboundSumsEqualTheRows(t *testing.T) {
	w := newWorldWith(t, sandbox.Options{InboundCount: 600})
	w.useInbound(250)
	if _, errOut, code := w.run("inbound", "sync", "--status", "10,11"); code != 0 {
		t.Fatalf("sync: %s", errOut)
	}
	got := w.inboundList("--status", "11", "--limit", "1000")
	var amount, tax decimal.Decimal
	for _, inv := range got.Invoices {
		if inv.Status != app.InboundChecked || inv.CheckStatus != "1" {
			t.Fatalf("status filter let through %s/%s", inv.Status, inv.CheckStatus)
		}
		amount = amount.Add(inv.Amount.Decimal)
		tax = tax.Add(inv.Tax)
	}
	if int64(len(got.Invoices)) != got.Count || app.FormatMoney(amount) != got.Amount || app.FormatMoney(tax) != got.Tax {
		t.Errorf("rows %d Σ¥%s Σtax %s; totals say %d ¥%s tax %s", len(got.Invoices), app.FormatMoney(amount),
			app.FormatMoney(tax), got.Count, got.Amount, got.Tax)
	}
}

func TestInboundSyncResumesAfterAFailure(t *testing.T) {
	w := newWorldWith(t, sandbox.Options{InboundCount: 1000})
	w.useInbound(100)
	// The sandbox fails every request after the first three pages: the
	// client's retries run out and the sync stops part-way.
	fails := 0
	w.svc.Inbound = app.NewInboundService(&failAfter{src: w.inboundSource(), ok: 3, fails: &fails}, w.db, nil)
	w.svc.Inbound.PageSize = 100
	_, errOut, code := w.run("inbound", "sync", "--status", "10")
	if code == 0 || !strings.Contains(errOut, "下次从第 4 页继续") {
		t.Fatalf("interrupted sync: exit %d %q", code, errOut)
	}
	stored := w.inboundList("--limit", "1").Count
	if stored != 300 {
		t.Fatalf("stored %d before the failure, want 300", stored)
	}
	w.useInbound(100)
	if _, errOut, code := w.run("inbound", "sync", "--status", "10"); code != 0 {
		t.Fatalf("resumed sync: %s", errOut)
	}
	want := w.unchecked()
	if got := w.inboundList("--limit", "1").Count; got != want {
		t.Errorf("after resuming: %d stored, the sandbox has %d unchecked", got, want)
	}
	runs, err := w.svc.Inbound.Runs(context.Background(), 5)
	if err != nil || len(runs) != 1 || runs[0].EndedAt.IsZero() || runs[0].Invoices != int(want) {
		t.Errorf("runs %+v %v: want the one run, finished, with every invoice counted once", runs, err)
	}
}

func (w *world) inboundSource() app.InboundSource {
	c, err := taxsync.New(taxsync.Config{BaseURL: w.baseURL, AppID: sandbox.DemoInboundAppID,
		Secret: sandbox.DemoInboundSecret, Jtnsrsbh: app.DemoSeller.TaxID, Nsrsbh: app.DemoSeller.TaxID, Retries: -1})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

// unchecked asks the sandbox, page by page, how many unchecked invoices it has.
func (w *world) unchecked() int64 {
	page, err := w.inboundSource().FetchInbound(context.Background(), app.InboundFetch{Status: app.InboundUnchecked, Page: 1, PageSize: 1})
	if err != nil {
		w.t.Fatal(err)
	}
	return int64(page.Count)
}

// failAfter passes ok pages through, then fails as a dead network would.
type failAfter struct {
	src   app.InboundSource
	ok    int
	fails *int
}

func (f *failAfter) FetchInbound(ctx context.Context, q app.InboundFetch) (app.InboundPage, error) {
	if f.ok == 0 {
		*f.fails++
		return app.InboundPage{}, &app.ProviderError{Kind: app.KindTransient, Provider: "进项同步", Op: "S000621", Message: "连接超时"}
	}
	f.ok--
	return f.src.FetchInbound(ctx, q)
}

func TestInboundBadFiltersAreRefused(t *testing.T) {
	w := newWorld(t)
	w.useInbound(100)
	for _, args := range [][]string{
		{"inbound", "sync", "--status", "13"},
		{"inbound", "sync", "--from", "2026/11/01"},
		{"inbound", "sync", "--period", "2026-11"},
		{"inbound", "list", "--min", "abc"},
	} {
		before := w.requests()
		_, errOut, code := w.run(args...)
		if code != 2 || errOut == "" || w.requests() != before {
			t.Errorf("%v: exit %d %q, %d requests", args, code, errOut, w.requests()-before)
		}
	}
}
