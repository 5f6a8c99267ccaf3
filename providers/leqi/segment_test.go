package leqi

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

const testSerial = testPlatform + "0123456789abcdef0123456789abcdef"

func TestDownloadSegmentSendsTheExactRequest(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(
		`{"returncode":"00","returnmsg":"成功","fpqshm":"25440000000000000001","fpzzhm":"25440000000000000100","lysl":"100"}`)))
	c, logs := newTestClient(t, f.URL)
	now := time.Date(2025, 3, 1, 9, 30, 0, 0, app.ChinaTime)
	c.now = func() time.Time { return now }
	seg, err := c.DownloadSegment(t.Context(), 100, testSerial)
	if err != nil {
		t.Fatalf("DownloadSegment: %v", err)
	}
	call := f.only()
	assertEnvelope(t, call, "QDFPPLFM")
	assertJSON(t, call, `{"nsrsbh":"9111011457319202X9","lysl":100,"ywlsh":"`+testSerial+`"}`)
	want := app.NumberSegment{First: "25440000000000000001", Last: "25440000000000000100", Count: 100, Year: 2025,
		Serial: testSerial, GrantedAt: now}
	if seg != want {
		t.Errorf("segment\n got %+v\nwant %+v", seg, want)
	}
	if log := logs.String(); !containsAll(log, "fwbm=QDFPPLFM", "R1234567890ABCDE") {
		t.Errorf("log does not name the call: %s", log)
	}
}

func TestDownloadSegmentReadsTheSeedShape(t *testing.T) {
	// Seed 000 prints Data decrypted, as an object; lysl a number here.
	f := newFakeLeqi(t, always(200, plainData(
		`{"returncode":"00","returnmsg":"成功","fpqshm":"25110000000099999998","fpzzhm":"25110000000100000007","lysl":10,"extra":{"a":1}}`)))
	c, _ := newTestClient(t, f.URL)
	seg, err := c.DownloadSegment(t.Context(), 10, testSerial)
	if err != nil {
		t.Fatal(err)
	}
	if seg.Count != 10 || seg.Nth(9) != "25110000000100000007" || seg.Serial != testSerial || seg.GrantedAt.IsZero() {
		t.Errorf("segment %+v", seg)
	}
}

func TestDownloadSegmentRefusesMalformedGrants(t *testing.T) {
	for name, data := range map[string]string{
		"lysl disagrees":   `{"returncode":"00","fpqshm":"25440000000000000001","fpzzhm":"25440000000000000010","lysl":"9"}`,
		"lysl missing":     `{"returncode":"00","fpqshm":"25440000000000000001","fpzzhm":"25440000000000000010"}`,
		"lysl wording":     `{"returncode":"00","fpqshm":"25440000000000000001","fpzzhm":"25440000000000000010","lysl":"领用数量"}`,
		"placeholders":     `{"returncode":"00","fpqshm":"发票起始号码","fpzzhm":"发票终止号码","lysl":"领用数量"}`,
		"19 digits":        `{"returncode":"00","fpqshm":"2544000000000000001","fpzzhm":"2544000000000000010","lysl":10}`,
		"two years":        `{"returncode":"00","fpqshm":"24440000000000000001","fpzzhm":"25440000000000000010","lysl":10}`,
		"backwards":        `{"returncode":"00","fpqshm":"25440000000000000010","fpzzhm":"25440000000000000001","lysl":10}`,
		"no last":          `{"returncode":"00","fpqshm":"25440000000000000001","lysl":1}`,
		"number as float":  `{"returncode":"00","fpqshm":2.544e19,"fpzzhm":"25440000000000000010","lysl":10}`,
		"fpqshm an object": `{"returncode":"00","fpqshm":{},"fpzzhm":"25440000000000000010","lysl":10}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, sealedData(data)))
			c, _ := newTestClient(t, f.URL)
			seg, err := c.DownloadSegment(t.Context(), 10, testSerial)
			pe := providerErr(t, err, app.KindTransient)
			if pe.NotSent || !strings.HasPrefix(pe.Message, "响应格式错误") {
				t.Errorf("error %+v", pe)
			}
			if seg != (app.NumberSegment{}) {
				t.Errorf("returned %+v with the error", seg)
			}
		})
	}
}

func TestDownloadSegmentRefusal(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(`{"returncode":"02","returnmsg":"领用数量超过可领用上限"}`)))
	c, _ := newTestClient(t, f.URL)
	_, err := c.DownloadSegment(t.Context(), 10, testSerial)
	pe := providerErr(t, err, app.KindBusiness)
	if pe.Code != "02" || pe.Message != "领用数量超过可领用上限" || pe.Op != "QDFPPLFM" || pe.NotSent {
		t.Errorf("error %+v", pe)
	}
}

func TestDownloadSegmentChecksBeforeSending(t *testing.T) {
	for name, tc := range map[string]struct {
		quantity int
		serial   string
	}{
		"zero":        {0, testSerial},
		"negative":    {-5, testSerial},
		"too many":    {app.MaxSegmentSize + 1, testSerial},
		"no serial":   {10, ""},
		"long serial": {10, testSerial + "0123456789abcdef0123456789"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(500, ""))
			c, _ := newTestClient(t, f.URL)
			_, err := c.DownloadSegment(t.Context(), tc.quantity, tc.serial)
			if pe := providerErr(t, err, app.KindBusiness); !pe.NotSent {
				t.Errorf("NotSent false: %v", pe)
			}
			if n := len(f.recorded()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// The contract the app relies on, against a platform that grants once per
// ywlsh: asking again under the same serial gets the same segment back.
func TestDownloadSegmentAgainUnderTheSameSerial(t *testing.T) {
	var mu sync.Mutex
	granted := map[string]string{}
	next := 1
	f := newFakeLeqi(t, func(call recordedCall) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		serial := call.JSON["ywlsh"].(string)
		if data, ok := granted[serial]; ok {
			return 200, sealedData(data)
		}
		data := fmt.Sprintf(`{"returncode":"00","fpqshm":"25440000000%09d","fpzzhm":"25440000000%09d","lysl":5}`, next, next+4)
		granted[serial], next = data, next+5
		return 200, sealedData(data)
	})
	c, _ := newTestClient(t, f.URL)
	first, err1 := c.DownloadSegment(t.Context(), 5, testSerial)
	again, err2 := c.DownloadSegment(t.Context(), 5, testSerial)
	other, err3 := c.DownloadSegment(t.Context(), 5, NewBusinessSerial(testPlatform))
	if err1 != nil || err2 != nil || err3 != nil {
		t.Fatal(err1, err2, err3)
	}
	if first.First != again.First || first.Last != again.Last || other.First == first.First {
		t.Errorf("first %s–%s, again %s–%s, other %s–%s", first.First, first.Last, again.First, again.Last, other.First, other.Last)
	}
	calls := f.recorded()
	if calls[0].JSON["ywlsh"] != calls[1].JSON["ywlsh"] {
		t.Error("the second request changed the ywlsh")
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
