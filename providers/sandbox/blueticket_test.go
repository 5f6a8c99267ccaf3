package sandbox

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestBlueTicketAcceptsSeedExample(t *testing.T) {
	e := start(t)
	got := e.issue(seedInvoice("0001"))
	if len(got.Fphm) != 20 || strings.Trim(got.Fphm, "0123456789") != "" {
		t.Fatalf("number %q is not 20 digits", got.Fphm)
	}
	// 26: the year in China; 11: the seller's province (Beijing); 2: the default channel.
	if !strings.HasPrefix(got.Fphm, "26112") {
		t.Errorf("number %q should start with 26 11 2", got.Fphm)
	}
	if got.Kprq != "2026-03-15 10:00:00" {
		t.Errorf("Kprq = %q, want the clock's time in China", got.Kprq)
	}
}

func TestBlueTicketAnswerShape(t *testing.T) {
	e := start(t)
	env := e.post(pathBlueTicket, seedInvoice("shape"))
	if env.Code != 200 || env.Msg != "成功" {
		t.Fatalf("code %d %q", env.Code, env.Msg)
	}
	for _, key := range []string{`"Fphm":"`, `"Kprq":"`, `"Gmfyx":null`, `"GmfSsjswjgdm":null`} {
		if !strings.Contains(string(env.Data), key) {
			t.Errorf("data %s lacks %s", env.Data, key)
		}
	}
}

func TestNumbersIncrease(t *testing.T) {
	e := start(t)
	var prev string
	for i := range 4 {
		n := e.issue(seedInvoice(fmt.Sprintf("seq%d", i))).Fphm
		if prev != "" && n <= prev {
			t.Fatalf("number %s after %s does not increase", n, prev)
		}
		prev = n
	}
	if prev != "26112000000000000004" {
		t.Errorf("fourth number %s, want sequence 4", prev)
	}
}

func TestNumberPrefixFollowsChinaYearProvinceAndChannel(t *testing.T) {
	// 16:30 UTC on 31 December is already New Year in China.
	e := start(t, func(o *Options) { o.Channel = '7' })
	e.clock.Advance(time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC).Sub(testNow))
	if n := e.issue(seedInvoice("newyear")).Fphm; n != "27117000000000000001" {
		t.Errorf("number %s, want 2711 7 sequence 1 (new year, new sequence)", n)
	}

	sichuan := seedInvoice("x")
	sichuan.Set("xhdwsbh", buyerID)
	sichuan.Set("fpqqlsh", buyerID+"_sc1")
	sichuan.Set("ghdwsbh", sellerID)
	if n := e.issue(sichuan).Fphm; !strings.HasPrefix(n, "27517") {
		t.Errorf("Sichuan seller's number %s, want prefix 27517", n)
	}

	old := seedInvoice("x")
	old.Set("xhdwsbh", "110108123456789") // a 15-character ID carries no province
	old.Set("fpqqlsh", "110108123456789_old1")
	if n := e.issue(old).Fphm; !strings.HasPrefix(n, "27117") {
		t.Errorf("old-ID seller's number %s, want province 11", n)
	}
}

func TestDuplicateSerialRefused(t *testing.T) {
	e := start(t)
	first := e.issue(seedInvoice("dup"))
	env := e.post(pathBlueTicket, seedInvoice("dup"))
	if env.Code != 999 || env.Msg != "发票请求流水号重复" || string(env.Data) != "null" {
		t.Fatalf("duplicate: %d %q %s", env.Code, env.Msg, env.Data)
	}
	// The first invoice is untouched and the sequence did not move.
	if n := e.issue(seedInvoice("next")).Fphm; n != "26112000000000000002" || first.Fphm != "26112000000000000001" {
		t.Errorf("numbers %s then %s", first.Fphm, n)
	}
}

func TestTrailingZerosAccepted(t *testing.T) {
	e := start(t)
	f := seedInvoice("zeros")
	f.Set("fyxm[0][je]", "1.00")
	f.Set("fyxm[0][sl]", "0.010")
	f.Set("fyxm[0][spsl]", "1.000")
	f.Set("fyxm[0][dj]", "1.0000")
	f.Set("hjje", "0.990")
	f.Set("jshj", "1.00")
	e.issue(f)
}

func TestNaturalPersonBuyerNeedsNoTaxID(t *testing.T) {
	e := start(t)
	f := seedInvoice("person")
	f.Set("ghdwsbh", "")
	f.Set("ghdwmc", "个人")
	f.Set("gfzrrbs", "Y")
	e.issue(f)
}

func TestDiscountLineAccepted(t *testing.T) {
	e := start(t)
	f := discounted("disc", "-10", "-1.15")
	e.issue(f)
	env := e.query(f.Get("fpqqlsh"), "")
	if env.Code != 200 {
		t.Fatalf("query: %d %s", env.Code, env.Msg)
	}
	for _, want := range []string{`"fphxz":"2"`, `"fphxz":"1"`, `"je":"-8.85"`, `"hjje":"79.65"`, `"jshj":"90.00"`} {
		if !strings.Contains(string(env.Data), want) {
			t.Errorf("detail lacks %s: %s", want, env.Data)
		}
	}
}

// discounted is an invoice of one tax-inclusive line of 100 at 13% with a
// discount line of discount (tax-inclusive) and its tax.
func discounted(suffix, discount, discountTax string) url.Values {
	f := seedInvoice(suffix)
	f.Set("fyxm[0][fphxz]", "2")
	f.Set("fyxm[0][spsl]", "2")
	f.Set("fyxm[0][dj]", "50")
	f.Set("fyxm[0][je]", "100")
	f.Set("fyxm[0][sl]", "0.13")
	f.Set("fyxm[0][se]", "11.50")
	for k, v := range map[string]string{"fphxz": "1", "spmc": "*软件*票单云财税管理系统", "je": discount,
		"sl": "0.13", "se": discountTax, "hsbz": "1", "spbm": "1060301020100000000"} {
		f.Set("fyxm[1]["+k+"]", v)
	}
	f.Set("hjje", "79.65") // 88.50 − 8.85
	f.Set("hjse", "10.35") // 11.50 − 1.15
	f.Set("jshj", "90.00")
	return f
}

// TestBlueTicketRefusals: each broken rule is refused with 999 and a message
// naming the field, and nothing is stored.
func TestBlueTicketRefusals(t *testing.T) {
	e := start(t)
	set := func(kv ...string) func(url.Values) {
		return func(f url.Values) {
			for i := 0; i < len(kv); i += 2 {
				f.Set(kv[i], kv[i+1])
			}
		}
	}
	cases := []struct {
		name  string
		edit  func(url.Values)
		field string // must appear in the message
	}{
		{"wrong hjje", set("hjje", "0.98", "jshj", "0.99"), "hjje"},
		{"wrong hjse", set("hjse", "0.02", "jshj", "1.01"), "hjse"},
		{"wrong jshj", set("jshj", "1.01"), "jshj"},
		{"buyer check digit", set("ghdwsbh", "91510113MA6739XPX3"), "ghdwsbh"},
		{"seller check digit", set("xhdwsbh", "9111011457319202X8", "fpqqlsh", "9111011457319202X8_a"), "xhdwsbh"},
		{"rate 0.07", set("fyxm[0][sl]", "0.07", "fyxm[0][se]", "0.07", "hjje", "0.93", "hjse", "0.07"), "fyxm[0][sl]"},
		{"3-decimal amount", set("fyxm[0][je]", "1.001"), "fyxm[0][je]"},
		{"3-decimal total", set("hjje", "0.990001"), "hjje"},
		{"exponent", set("fyxm[0][je]", "1e0"), "fyxm[0][je]"},
		{"quantity×price≠amount", set("fyxm[0][spsl]", "2"), "fyxm[0][spsl]"},
		{"price without quantity", set("fyxm[0][spsl]", ""), "fyxm[0][spsl]"},
		{"negative line", set("fyxm[0][je]", "-1", "fyxm[0][se]", "-0.01", "fyxm[0][spsl]", "", "fyxm[0][dj]", "",
			"hjje", "-0.99", "hjse", "-0.01", "jshj", "-1"), "fyxm[0][je]"},
		{"tax off by more than 0.06", set("fyxm[0][je]", "100", "fyxm[0][se]", "1.08", "fyxm[0][spsl]", "100",
			"hjje", "98.92", "hjse", "1.08", "jshj", "100"), "fyxm[0][se]"},
		{"unencodable character", set("fyxm[0][spmc]", "*软件*管理系统😀"), "fyxm[0][spmc]"},
		{"over-long spmc", set("fyxm[0][spmc]", "*软件*"+strings.Repeat("票", 44)), "fyxm[0][spmc]"}, // 94 bytes > 92,
		{"over-long remark", set("bz", strings.Repeat("备", 107)), "bz"},
		{"tax code not 19 digits", set("fyxm[0][spbm]", "106030102010000000"), "fyxm[0][spbm]"},
		{"missing username", set("username", ""), "username"},
		{"missing buyer name", set("ghdwmc", ""), "ghdwmc"},
		{"company buyer without tax ID", set("ghdwsbh", ""), "ghdwsbh"},
		{"special invoice to a person", set("fplxdm", "81", "gfzrrbs", "Y"), "gfzrrbs"},
		{"unknown type", set("fplxdm", "83"), "fplxdm"},
		{"red via blueTicket", set("kplx", "1"), "kplx"},
		{"serial of another seller", set("fpqqlsh", buyerID+"_x"), "fpqqlsh"},
		{"serial over 40", set("fpqqlsh", sellerID+"_"+strings.Repeat("9", 22)), "fpqqlsh"},
		{"line index gap", func(f url.Values) { f.Set("fyxm[2][je]", "1") }, "fyxm[1]"},
		{"no lines", func(f url.Values) {
			for k := range f {
				if strings.HasPrefix(k, "fyxm[") {
					f.Del(k)
				}
			}
		}, "fyxm"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := seedInvoice(fmt.Sprintf("r%d", i))
			tc.edit(f)
			assertRefused(t, e, f, tc.field)
		})
	}
}

// assertRefused posts f and checks the bureau refused it naming field and
// stored nothing under its serial.
func assertRefused(t *testing.T, e *env, f url.Values, field string) {
	t.Helper()
	env := e.post(pathBlueTicket, f)
	if env.Code != 999 || string(env.Data) != "null" {
		t.Fatalf("got code %d %q data %s, want 999", env.Code, env.Msg, env.Data)
	}
	t.Logf("refused: %s", env.Msg)
	if !strings.Contains(env.Msg, field) {
		t.Errorf("message %q does not name %s", env.Msg, field)
	}
	if q := e.query(f.Get("fpqqlsh"), ""); q.Code != 999 {
		t.Errorf("refused invoice was stored: %s", q.Data)
	}
}

func TestDiscountRefusals(t *testing.T) {
	e := start(t)
	t.Run("discount larger than its line", func(t *testing.T) {
		f := discounted("big", "-101", "-11.62")
		f.Set("hjje", "-0.88")
		f.Set("hjse", "-0.12")
		f.Set("jshj", "-1.00")
		assertRefused(t, e, f, "fyxm[1][je]")
	})
	t.Run("discount without discounted line", func(t *testing.T) {
		f := discounted("orphan", "-10", "-1.15")
		f.Set("fyxm[0][fphxz]", "0")
		assertRefused(t, e, f, "fphxz")
	})
	t.Run("discounted line without discount", func(t *testing.T) {
		f := seedInvoice("alone")
		f.Set("fyxm[0][fphxz]", "2")
		assertRefused(t, e, f, "fphxz")
	})
	t.Run("discount of another item", func(t *testing.T) {
		f := discounted("other", "-10", "-1.15")
		f.Set("fyxm[1][spmc]", "*软件*另一个系统")
		assertRefused(t, e, f, "fyxm[1][spmc]")
	})
	t.Run("positive discount", func(t *testing.T) {
		f := discounted("pos", "10", "1.15")
		assertRefused(t, e, f, "fyxm[1][je]")
	})
}

// TestTaxDifferenceSumBounded: 26 lines each 0.05 off (within the per-line
// 0.06) add up to 1.30, over the invoice's 1.27.
func TestTaxDifferenceSumBounded(t *testing.T) {
	e := start(t)
	build := func(suffix string, n int) url.Values {
		f := seedInvoice(suffix)
		for k := range f {
			if strings.HasPrefix(k, "fyxm[") {
				f.Del(k)
			}
		}
		for i := range n {
			for k, v := range map[string]string{"fphxz": "0", "spmc": "*软件*系统", "je": "100", "sl": "0.13",
				"se": "12.95", "hsbz": "0", "spbm": "1060301020100000000"} {
				f.Set(fmt.Sprintf("fyxm[%d][%s]", i, k), v)
			}
		}
		f.Set("hjje", fmt.Sprintf("%d.00", 100*n))
		f.Set("hjse", fmt.Sprintf("%.2f", 12.95*float64(n)))
		f.Set("jshj", fmt.Sprintf("%.2f", 112.95*float64(n)))
		return f
	}
	e.issue(build("sum25", 25)) // 1.25: accepted
	assertRefused(t, e, build("sum26", 26), "1.27")
}

func TestByteLimitsAreInclusive(t *testing.T) {
	e := start(t)
	f := seedInvoice("limit")
	f.Set("fyxm[0][spmc]", "*软件*"+strings.Repeat("票", 43)) // 6 + 86 = 92 bytes, the limit
	f.Set("kpr", "0123456789abcdefghij")                   // 20 bytes, the limit
	e.issue(f)
}

// TestConcurrentIssuanceNumbersUnique: parallel clerks get distinct numbers
// with no gaps, since each number is assigned in the invoice's transaction.
func TestConcurrentIssuanceNumbersUnique(t *testing.T) {
	e := start(t)
	e.token = e.obtainToken()
	const n = 24
	numbers := make(chan string, n)
	errs := make(chan error, n)
	for i := range n {
		go func() {
			resp, body, err := e.postFormRaw(pathBlueTicket, e.token, seedInvoice(fmt.Sprintf("c%d", i)))
			if err != nil || resp.StatusCode != 200 {
				errs <- fmt.Errorf("request %d: %v %s", i, err, body)
				return
			}
			var env struct {
				Code int
				Msg  string
				Data issued
			}
			if err := json.Unmarshal(body, &env); err != nil || env.Code != 200 {
				errs <- fmt.Errorf("request %d: %v %s", i, err, body)
				return
			}
			numbers <- env.Data.Fphm
		}()
	}
	seen := map[string]bool{}
	for range n {
		select {
		case err := <-errs:
			t.Fatal(err)
		case num := <-numbers:
			if seen[num] {
				t.Fatalf("number %s assigned twice", num)
			}
			seen[num] = true
		}
	}
	for i := 1; i <= n; i++ {
		if want := fmt.Sprintf("26112%015d", i); !seen[want] {
			t.Errorf("sequence has a gap: %s missing", want)
		}
	}
}
