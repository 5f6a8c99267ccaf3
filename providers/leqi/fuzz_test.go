package leqi

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// Every decoder of the platform's answers must survive any input without
// panicking, and what it accepts must hold what its caller relies on. The
// seeds are seed 000's examples and near misses.

func fuzzClient(t testing.TB) *Client {
	c, err := New(testConfig("https://lqpt.example"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func FuzzJudgeAnswer(f *testing.F) {
	key, _ := hex.DecodeString(testKey)
	for _, s := range []string{
		sealedData(okCredit), plainData(okCredit), errorBody(`"01"`, "错误说明"), errorBody(`7`, "签名错误"),
		`{"Response":{"RequestId":"16位随机数字和字母组合","Data":{"returncode":"00","returnmsg":"成功","fpqshm":"发票起始号码"}}}`,
		`{"Response":{"Data":"` + testSeal(key, []byte("[]")) + `"}}`, `{"Response":{"Error":"x"}}`,
		`{"Response":{"Data":"AAAA\nAAAA"}}`, `{"Response":null}`, `[]`, ``, `{"Response":{"Data":"{\"returncode\":0}"}}`,
	} {
		f.Add(200, []byte(s))
	}
	f.Add(403, []byte("Forbidden"))
	c := fuzzClient(f)
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		a, pe := c.judge("CXSXED", status, body)
		if pe != nil {
			assertNoKeyIn(t, "error", pe.Error())
			return
		}
		r, err := decodeResult(a.data)
		if err != nil || !r.succeeded() || !json.Valid(a.data) || status >= 500 || status == 429 {
			t.Fatalf("accepted status %d, data %q", status, a.data)
		}
	})
}

func FuzzOpenSealed(f *testing.F) {
	s, _ := newSealer(mustHex(f, testKey))
	for _, text := range []string{s.seal(nil), s.seal([]byte(okCredit)), "AAAA", "====", "A\nA", ""} {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		plain, err := s.open(text)
		if err != nil {
			return
		}
		if again, err := s.open(s.seal(plain)); err != nil || string(again) != string(plain) {
			t.Fatalf("opened %q but its reseal does not round-trip", plain)
		}
	})
}

func FuzzSealRoundTrip(f *testing.F) {
	s, _ := newSealer(mustHex(f, testKey))
	for _, p := range []string{"", "x", strings.Repeat("y", 16), okCredit} {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, plain []byte) {
		back, err := s.open(s.seal(plain))
		if err != nil || string(back) != string(plain) {
			t.Fatalf("round trip of %q = %q, %v", plain, back, err)
		}
	})
}

func FuzzDecodeSegmentData(f *testing.F) {
	for _, s := range []string{
		`{"returncode":"00","returnmsg":"成功","fpqshm":"25440000000000000001","fpzzhm":"25440000000000000010","lysl":"10"}`,
		`{"fpqshm":"25110000000099999998","fpzzhm":"25110000000100000007","lysl":10}`,
		`{"fpqshm":"发票起始号码","fpzzhm":"发票终止号码","lysl":"领用数量"}`,
		`{"fpqshm":25440000000000000001,"fpzzhm":25440000000000000001,"lysl":1.0}`, `{"lysl":1e999}`, `[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		seg, err := decodeSegmentData(data)
		if err != nil {
			return
		}
		if seg.Count < 1 || seg.Count > app.MaxSegmentSize || seg.Nth(seg.Count-1) != seg.Last {
			t.Fatalf("accepted %+v", seg)
		}
		first, _ := app.ParseInvoiceNumber(seg.First)
		if seg.Year != first.Year {
			t.Fatalf("year %d for %s", seg.Year, seg.First)
		}
	})
}

func FuzzDecodeCreditLineData(f *testing.F) {
	for _, s := range []string{
		okCredit, `{"zsxed":3000000,"sysxed":2995145.63,"ysysxed":4854.37}`,
		`{"zsxed":"总授信额度","sysxed":"剩余授信额度-保留 2 位小数"}`, `{"zsxed":"1e64","sysxed":"-1e-64"}`, `{"zsxed":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		line, err := decodeCreditLineData(data, time.Unix(0, 0))
		if err != nil {
			return
		}
		var d creditLineData
		if json.Unmarshal(data, &d) != nil || !d.Zsxed.Valid || !d.Sysxed.Valid || !line.Total.Equal(d.Zsxed.Value) {
			t.Fatalf("accepted %s as %+v", data, line)
		}
	})
}

func FuzzDecodeUploadData(f *testing.F) {
	for _, s := range []string{`{"sllsh":"SL1"}`, `{"sllsh":1}`, `{"sllsh":""}`, `{"sllsh":[]}`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ticket, err := decodeUploadData(data)
		if err == nil && (strings.TrimSpace(ticket) == "" || len(ticket) > maxTicketLength) {
			t.Fatalf("accepted ticket %q", ticket)
		}
	})
}

func FuzzDecodeUploadResultData(f *testing.F) {
	for _, s := range []string{
		`{"clzt":"02","fphm":"25440000000000000001","kprq":"2025-07-01 01:00:05"}`,
		`{"clzt":3,"cwxx":"购方税号校验不通过"}`, `{"clzt":"01"}`, `{"clzt":"02"}`, `{"clzt":"2","kprq":"20250701010005"}`,
		`{"clzt":"04"}`, `{"clzt":{}}`,
	} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), testNumber)
	}
	f.Fuzz(func(t *testing.T, data []byte, asked string) {
		res, err := decodeUploadResultData(data, asked)
		if err != nil {
			return
		}
		if res.State < app.UploadProcessing || res.State > app.UploadRejected {
			t.Fatalf("state %d", res.State)
		}
		if res.Number != "" {
			if _, err := app.ParseInvoiceNumber(res.Number); err != nil {
				t.Fatalf("number %q", res.Number)
			}
		}
		if asked != "" && res.Number != asked || res.State == app.UploadAccepted && res.Number == "" ||
			res.State == app.UploadRejected && res.Message == "" {
			t.Fatalf("accepted %+v for %q", res, asked)
		}
	})
}
