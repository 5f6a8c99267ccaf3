package sandbox

import (
	"testing"
	"time"

	"fapiao/app"
)

// TestSegmentGrants: segments are of the clock's year, the seller's
// province and channel 1; consecutive grants follow each other without
// overlapping; the same ywlsh answers the same segment and grants nothing.
func TestSegmentGrants(t *testing.T) {
	e := start(t)
	first := e.grant(10, newYwlsh("a1"))
	if first.First != "26111000000000000001" || first.Last != "26111000000000000010" || first.Year != 2026 {
		t.Errorf("first segment %s–%s of %d", first.First, first.Last, first.Year)
	}
	again := e.grant(10, newYwlsh("a1"))
	if again.First != first.First || again.Last != first.Last {
		t.Errorf("same ywlsh answered %s–%s, want %s–%s", again.First, again.Last, first.First, first.Last)
	}
	second := e.grant(5, newYwlsh("a2"))
	if second.First != "26111000000000000011" || second.Last != "26111000000000000015" {
		t.Errorf("second segment %s–%s, want it to follow the first", second.First, second.Last)
	}
	// lysl written as a string, as seed 000 writes it in the answer.
	d := e.leqiOK(fwbmSegment, map[string]any{"nsrsbh": sellerID, "lysl": "3", "ywlsh": newYwlsh("a3")})
	if d.Fpqshm != "26111000000000000016" || d.Lysl != "3" {
		t.Errorf("lysl \"3\": %+v", d)
	}
	// Another province has its own sequence.
	d = e.leqiOK(fwbmSegment, map[string]any{"nsrsbh": buyerID, "lysl": 2, "ywlsh": newYwlsh("b1")})
	if d.Fpqshm != "26511000000000000001" {
		t.Errorf("Sichuan seller's first number %s", d.Fpqshm)
	}
}

// TestSegmentsShareTheCounter: with blueTicket on channel 1 too, its
// numbers continue after the granted ones — one counter per (year,
// province, channel), in one transaction with the grant.
func TestSegmentsShareTheCounter(t *testing.T) {
	e := start(t, func(o *Options) { o.Channel = '1' })
	seg := e.grant(4, newYwlsh("c1"))
	if n := e.issue(seedInvoice("after-grant")).Fphm; n != "26111000000000000005" {
		t.Errorf("blueTicket after %s–%s numbered %s", seg.First, seg.Last, n)
	}
	if next := e.grant(2, newYwlsh("c2")); next.First != "26111000000000000006" {
		t.Errorf("grant after blueTicket starts at %s", next.First)
	}
}

// TestSegmentYearFollowsTheClock: after New Year the numbers are of the
// new year, from 1 again.
func TestSegmentYearFollowsTheClock(t *testing.T) {
	e := start(t)
	e.grant(3, newYwlsh("y1"))
	e.srv.AdvanceClock(time.Date(2027, 1, 1, 0, 0, 1, 0, app.ChinaTime).Sub(testNow))
	if seg := e.grant(3, newYwlsh("y2")); seg.First != "27111000000000000001" || seg.Year != 2027 {
		t.Errorf("segment after New Year %s of %d", seg.First, seg.Year)
	}
	// The old serial still answers its old segment.
	if seg := e.grant(3, newYwlsh("y1")); seg.First != "26111000000000000001" {
		t.Errorf("old ywlsh after New Year answered %s", seg.First)
	}
}

// TestSegmentRefusals: bad quantities, tax IDs and business serials are
// refused in Data, and grant nothing.
func TestSegmentRefusals(t *testing.T) {
	e := start(t)
	req := func(nsrsbh string, lysl any, ywlsh string) map[string]any {
		return map[string]any{"nsrsbh": nsrsbh, "lysl": lysl, "ywlsh": ywlsh}
	}
	y := newYwlsh("r1")
	for _, c := range []struct {
		name string
		req  map[string]any
		code string
		want string
	}{
		{"lysl 0", req(sellerID, 0, y), "01", "领用数量(lysl)"},
		{"lysl 100001", req(sellerID, 100_001, y), "01", "100000"},
		{"lysl negative", req(sellerID, -1, y), "01", "领用数量(lysl)"},
		{"lysl a fraction", req(sellerID, 1.5, y), "01", "领用数量(lysl)"},
		{"lysl text", req(sellerID, "ten", y), "01", "领用数量(lysl)"},
		{"no lysl", map[string]any{"nsrsbh": sellerID, "ywlsh": y}, "01", "领用数量(lysl)"},
		{"no nsrsbh", req("", 1, y), "01", "纳税人识别号(nsrsbh)不能为空"},
		{"bad check digit", req("9111011457319202X8", 1, y), "01", "纳税人识别号(nsrsbh)"},
		{"platform number twice (seed 000)", req(sellerID, 1, DemoJrdwptbh+DemoJrdwptbh+"0f3a"), "02", "业务流水号格式错误"},
		{"platform number twice, apart", req(sellerID, 1, DemoJrdwptbh+"x"+DemoJrdwptbh), "02", "只能出现一次"},
		{"another prefix", req(sellerID, 1, "OTHER-0001abc"), "02", "应以接入单位平台编号"},
		{"platform number only", req(sellerID, 1, DemoJrdwptbh), "02", "自定义部分"},
		{"no ywlsh", req(sellerID, 1, ""), "02", "业务流水号格式错误"},
		{"too long", req(sellerID, 1, DemoJrdwptbh+"0123456789012345678901234567890123456789012345678"), "02", "64"},
		{"odd characters", req(sellerID, 1, DemoJrdwptbh+"a b"), "02", "只能包含"},
	} {
		e.leqiRefused(fwbmSegment, c.req, c.code, c.want)
	}
	// A serial granted to one seller is not another's.
	e.grant(1, newYwlsh("mine"))
	e.leqiRefused(fwbmSegment, req(buyerID, 1, newYwlsh("mine")), "03", "其他纳税人")
	// None of the refusals used a number.
	if seg := e.grant(1, newYwlsh("next")); seg.First != "26111000000000000002" {
		t.Errorf("after the refusals the next number is %s", seg.First)
	}
}

// TestSegmentDropAfterCommit: the grant is committed, the answer lost;
// asking again under the same ywlsh answers the segment, and the numbers
// after it are still free.
func TestSegmentDropAfterCommit(t *testing.T) {
	e := start(t)
	e.srv.DropNext(1)
	plain := `{"nsrsbh":"` + sellerID + `","lysl":10,"ywlsh":"` + newYwlsh("d1") + `"}`
	req := newLeqiRequest(t, e, fwbmSegment, plain)
	if resp, _, err := e.do(req); err == nil {
		t.Fatalf("got HTTP %d, want the connection dropped", resp.StatusCode)
	}
	if seg := e.grant(10, newYwlsh("d1")); seg.First != "26111000000000000001" || seg.Last != "26111000000000000010" {
		t.Errorf("retry after the drop answered %s–%s", seg.First, seg.Last)
	}
	// The retry committed nothing, so it was not dropped and used nothing.
	if seg := e.grant(1, newYwlsh("d2")); seg.First != "26111000000000000011" {
		t.Errorf("next grant starts at %s", seg.First)
	}
}

// TestSegmentSurvivesReopen: a restart keeps the grants and the counter.
func TestSegmentSurvivesReopen(t *testing.T) {
	e := start(t)
	first := e.grant(5, newYwlsh("p1"))
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	e.open(Options{DBPath: e.dbPath, Now: e.clock.Now})
	if again := e.grant(5, newYwlsh("p1")); again.First != first.First {
		t.Errorf("after reopen the same ywlsh answers %s, want %s", again.First, first.First)
	}
	if next := e.grant(1, newYwlsh("p2")); next.First != "26111000000000000006" {
		t.Errorf("after reopen the next grant starts at %s", next.First)
	}
}
