package cli_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"fapiao/app"
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
