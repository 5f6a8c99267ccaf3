package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

type poolJSON struct {
	Year      int   `json:"year"`
	Remaining int64 `json:"remaining"`
	NeedsMore bool  `json:"needs_more"`
	Years     []struct {
		Year      int   `json:"year"`
		Remaining int64 `json:"remaining"`
		Used      int64 `json:"used"`
		Segments  []struct {
			First string `json:"first"`
			Last  string `json:"last"`
			Count int64  `json:"count"`
		} `json:"segments"`
	} `json:"years"`
}

func (w *world) pool() poolJSON {
	w.t.Helper()
	out, errOut, code := w.run("pool", "status", "--json")
	var p poolJSON
	if code != 0 || json.Unmarshal([]byte(out), &p) != nil {
		w.t.Fatalf("pool status: exit %d %q %s", code, out, errOut)
	}
	return p
}

func TestPoolReplenishStoresASegment(t *testing.T) {
	w := newWorld(t)
	if p := w.pool(); p.Remaining != 0 || !p.NeedsMore {
		t.Fatalf("an empty pool: %+v", p)
	}
	out, errOut, code := w.run("pool", "replenish")
	if code != 0 || !strings.Contains(out, "已下载号码段") {
		t.Fatalf("replenish: exit %d %s %s", code, out, errOut)
	}
	p := w.pool()
	yy := time.Now().In(app.ChinaTime).Format("06")
	if p.Remaining != 1000 || len(p.Years) != 1 || len(p.Years[0].Segments) != 1 {
		t.Fatalf("after replenish: %+v", p)
	}
	seg := p.Years[0].Segments[0]
	if !strings.HasPrefix(seg.First, yy) || seg.Count != 1000 || len(seg.Last) != 20 {
		t.Errorf("segment %+v", seg)
	}
	if out, _, _ := w.run("pool", "replenish"); !strings.Contains(out, "无需下载") {
		t.Errorf("a full pool downloads nothing: %s", out)
	}
	if n := w.srv.Stats()["leqi:QDFPPLFM"]; n != 1 {
		t.Errorf("QDFPPLFM called %d times", n)
	}
}

// TestDirectConnectIssuesFromThePool: with 乐企 issuing, an invoice takes
// a number from the pool, is uploaded and followed, and exports rendered
// locally.
func TestDirectConnectIssuesFromThePool(t *testing.T) {
	w := newWorld(t)
	w.useDirectConnect()
	out, errOut, code := w.run("issue", "-f", w.file("sample.json", sampleInvoice))
	number := strings.TrimSpace(out)
	if code != 0 || len(number) != 20 || number[4] != '1' {
		t.Fatalf("issue: exit %d %q %s — want a number on channel 1 (乐企)", code, out, errOut)
	}
	p := w.pool()
	if p.Years[0].Used != 1 || p.Remaining != 999 {
		t.Errorf("pool after one invoice: %+v", p)
	}
	if n := w.srv.Stats()["leqi:QDFPSC"]; n != 1 {
		t.Errorf("QDFPSC called %d times", n)
	}
	out, errOut, code = w.run("export", number, "--format", "pdf", "--out", w.home)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	data, _ := os.ReadFile(strings.TrimSpace(out))
	checkExport(t, "pdf", data, number)
}

// TestNewYearOnTheSandbox: at 31 Dec 23:59 the pool holds 2026 numbers;
// from 1 Jan 00:00 no 2026 number is ever used again — the pool downloads
// 2027 numbers, and the rest of 2026 expires.
func TestNewYearOnTheSandbox(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Date(2026, 12, 31, 23, 59, 0, 0, app.ChinaTime).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	w := newWorldWith(t, sandbox.Options{Now: now})
	w.svc.Pool.Now = now
	w.useDirectConnect()
	w.svc.Issuing.Now = now
	if _, err := w.svc.Pool.Replenish(context.Background()); err != nil {
		t.Fatal(err)
	}
	old := w.issueFile("december.json", sampleInvoice)
	if !strings.HasPrefix(old, "26") {
		t.Fatalf("on 31 Dec: %s", old)
	}
	clock.Add(int64(time.Minute))
	for i := 0; i < 3; i++ {
		n := w.issueFile(fmt.Sprintf("january%d.json", i), sampleInvoice)
		if !strings.HasPrefix(n, "27") {
			t.Fatalf("after New Year invoice %d got %s: an old-year number was used", i, n)
		}
	}
	p := w.pool()
	for _, y := range p.Years {
		if y.Year == 2026 && (y.Remaining != 0 || y.Used != 1) {
			t.Errorf("2026 after New Year: %+v", y)
		}
	}
}
