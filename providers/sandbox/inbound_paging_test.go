package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"
)

// testShares are the brief's shares per status, in percent, in block order.
var testShares = []struct {
	status  string
	percent int
}{{"10", 40}, {"11", 20}, {"12", 2}, {"15", 5}, {"16", 5}, {"17", 3}, {"40", 25}}

// testShare is how many of count invoices status holds.
func testShare(count int, status string) int {
	cum := 0
	for _, s := range testShares {
		if s.status == status {
			return count*(cum+s.percent)/100 - count*cum/100
		}
		cum += s.percent
	}
	return -1
}

func TestInboundPagesCoverEachShareOnce(t *testing.T) {
	e := start(t)
	seen := map[string]string{} // key → status
	total := 0
	for k, sh := range testShares {
		query := map[string]any{"rzzt": sh.status}
		if k%2 == 0 {
			query["iszip"] = "1"
		}
		invoices, count := e.all(query, 137)
		want := testShare(DefaultInboundCount, sh.status)
		if count != want || len(invoices) != want {
			t.Errorf("status %s: count %d, pages held %d, want %d (%d%%)", sh.status, count, len(invoices), want, sh.percent)
		}
		for _, inv := range invoices {
			key := inv.key(t)
			if other, dup := seen[key]; dup {
				t.Fatalf("%s listed twice (status %s, then %s)", key, other, sh.status)
			}
			seen[key] = sh.status
		}
		total += len(invoices)
	}
	if total != DefaultInboundCount {
		t.Errorf("the statuses hold %d invoices in all, want %d", total, DefaultInboundCount)
	}
}

func TestInboundSamePageIsByteIdentical(t *testing.T) {
	e := start(t)
	for _, zip := range []string{"0", "1"} {
		query := map[string]any{"rzzt": "40", "page": 3, "pageSize": 50, "iszip": zip}
		first := e.inboundPost(inboundEnvelope(t, query)).Content
		second := e.inboundPost(inboundEnvelope(t, query)).Content
		if first == "" || first != second {
			t.Errorf("iszip %s: the same page twice differs", zip)
		}
	}
	query := map[string]any{"rzzt": "10", "page": 7, "pageSize": 20}
	before := e.inboundFetch(query)

	// The same company on another sandbox (a restart, a fresh database) gets
	// the same invoices.
	other := start(t)
	if again := other.inboundFetch(query); !bytes.Equal(before, again) {
		t.Error("another sandbox made different invoices for the same company and day")
	}
	// Another company gets its own.
	env := inboundEnvelope(t, query)
	env["nsrsbh"] = sellerID
	env["signature"] = testSign(DemoInboundSecret, env)
	reply := e.inboundPost(env)
	if reply.Code != "0000" {
		t.Fatalf("another company: %s %s", reply.Code, reply.Msg)
	}
	if bytes.Equal(before, decodeTestContent(t, reply.Content, false)) {
		t.Error("two companies got the same invoices")
	}
}

func TestInboundZippedAndPlainHoldTheSame(t *testing.T) {
	e := start(t)
	query := map[string]any{"rzzt": "11", "page": 2, "pageSize": 300}
	plain := e.inboundFetch(query)
	zipped := e.inboundFetch(withParams(query, map[string]any{"iszip": "1"}))
	if !bytes.Equal(plain, zipped) {
		t.Fatal("the zipped content differs from the plain one")
	}
	var page testPlainPage
	if err := json.Unmarshal(plain, &page); err != nil || len(page.InvoiceList) != 300 {
		t.Fatalf("page of 300: %d invoices, %v", len(page.InvoiceList), err)
	}
	rawPlain := e.inboundPost(inboundEnvelope(t, query)).Content
	rawZipped := e.inboundPost(inboundEnvelope(t, withParams(query, map[string]any{"iszip": "1"}))).Content
	if len(rawZipped) >= len(rawPlain)/3 {
		t.Errorf("zipped content is %d bytes of Base64 against %d plain: not compressed", len(rawZipped), len(rawPlain))
	}
}

func TestInboundPastTheEnd(t *testing.T) {
	e := start(t)
	p := e.plain(map[string]any{"rzzt": "12", "page": 1_000_000_000, "pageSize": 1000})
	if len(p.InvoiceList) != 0 || *p.Count != testShare(DefaultInboundCount, "12") {
		t.Errorf("a page far past the end holds %d invoices, count %d", len(p.InvoiceList), *p.Count)
	}
}

func TestInboundMillionPagesNearTheEndStayFast(t *testing.T) {
	const count = 1_000_000
	e := start(t, func(o *Options) { o.InboundCount = count })
	unchecked := testShare(count, "10")
	lastPage := unchecked / 1000
	made := e.srv.inboundMade.Load()
	began := time.Now()
	p := e.plain(map[string]any{"rzzt": "10", "page": lastPage, "pageSize": 1000, "iszip": "1"})
	took := time.Since(began)
	if *p.Count != unchecked || len(p.InvoiceList) != 1000 {
		t.Fatalf("last page: count %d, %d invoices, want %d and 1000", *p.Count, len(p.InvoiceList), unchecked)
	}
	if n := e.srv.inboundMade.Load() - made; n != 1000 {
		t.Errorf("answering a page of 1000 made %d invoices: a scan, not a slice", n)
	}
	// A filtered page is found by binary search, not by making the
	// invoices before it.
	made = e.srv.inboundMade.Load()
	f := e.plain(map[string]any{"rzzt": "10", "rq_q": "2025-03-01", "rq_z": "2025-06-30", "page": 40, "pageSize": 1000})
	if n := e.srv.inboundMade.Load() - made; n != int64(len(f.InvoiceList)) || *f.Count == 0 {
		t.Errorf("a filtered page of %d (count %d) made %d invoices", len(f.InvoiceList), *f.Count, n)
	}
	for _, inv := range f.InvoiceList {
		if d := inv.str(t, "billingDate"); d < "2025-03-01" || d > "2025-06-30" {
			t.Fatalf("filtered page holds an invoice billed %s", d)
		}
	}
	// Generous, for slow machines: a scan of a million would take seconds.
	if took > 2*time.Second {
		t.Errorf("the last page of a million took %v", took)
	}
	t.Logf("last page of %d unchecked (1000 invoices, zipped) in %v", unchecked, took)
}

// Shares of a small catalog still add up, and every status is paged whole.
func TestInboundSmallCounts(t *testing.T) {
	for _, count := range []int{1, 7, 101} {
		t.Run(fmt.Sprint(count), func(t *testing.T) {
			e := start(t, func(o *Options) { o.InboundCount = count })
			total := 0
			for _, sh := range testShares {
				invoices, n := e.all(map[string]any{"rzzt": sh.status}, 3)
				if n != len(invoices) || n != testShare(count, sh.status) {
					t.Errorf("status %s: count %d, %d paged, want %d", sh.status, n, len(invoices), testShare(count, sh.status))
				}
				total += n
			}
			if total != count {
				t.Errorf("%d invoices in all, want %d", total, count)
			}
		})
	}
}

func TestInboundCountOption(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{-1, MaxInboundCount + 1} {
		if srv, err := New(Options{DBPath: dir + "/sandbox.db", InboundCount: n}); err == nil {
			_ = srv.Close()
			t.Errorf("InboundCount %d accepted", n)
		}
	}
}

// BenchmarkInboundPageOfAMillion measures one page near the end of a
// million invoices over real HTTP: the request checked, the page made up,
// encoded (and zipped), sent and read.
func BenchmarkInboundPageOfAMillion(b *testing.B) {
	const count = MaxInboundCount
	srv, err := New(Options{DBPath: filepath.Join(b.TempDir(), "sandbox.db"), InboundCount: count,
		Now: func() time.Time { return testNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	for _, c := range []struct {
		name  string
		query map[string]any
	}{
		{"10-plain-1000", map[string]any{"rzzt": "10", "page": testShare(count, "10") / 1000, "pageSize": 1000}},
		{"10-zip-1000", map[string]any{"rzzt": "10", "page": testShare(count, "10") / 1000, "pageSize": 1000, "iszip": "1"}},
		{"10-zip-100", map[string]any{"rzzt": "10", "page": testShare(count, "10") / 100, "pageSize": 100, "iszip": "1"}},
		{"40-adapter-zip-1000", map[string]any{"rzzt": "40", "adapter": "1", "page": testShare(count, "40") / 1000,
			"pageSize": 1000, "iszip": "1"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			body := benchEnvelope(b, c.query)
			for b.Loop() {
				resp, err := client.Post(base+"/invoice/S000621", "application/json", bytes.NewReader(body))
				if err != nil {
					b.Fatal(err)
				}
				data, err := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				if err != nil || !bytes.Contains(data, []byte(`"code":"0000"`)) {
					b.Fatalf("%s: %v", data, err)
				}
			}
		})
	}
}

// benchEnvelope is a signed call asking query, as JSON.
func benchEnvelope(b *testing.B, query map[string]any) []byte {
	plain, err := json.Marshal(query)
	if err != nil {
		b.Fatal(err)
	}
	env := map[string]string{"appid": DemoInboundAppID, "serviceid": "S000621", "jtnsrsbh": inboundGroup,
		"nsrsbh": inboundCompany, "content": base64.StdEncoding.EncodeToString(plain), "signType": "0"}
	env["signature"] = testSign(DemoInboundSecret, env)
	body, err := json.Marshal(env)
	if err != nil {
		b.Fatal(err)
	}
	return body
}
