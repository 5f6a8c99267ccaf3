package piaodanyun

import (
	"context"
	"net/http"
	"testing"
	"time"

	"fapiao/app"
)

func TestCreditLineReadsTheSeedAnswer(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathCreditLine, reply(http.StatusOK, seedFile(t, "credit_line_seed.json")))
	c := newTestClient(t, fs.URL)
	now := time.Date(2025, 3, 1, 9, 30, 0, 0, app.ChinaTime)
	c.now = func() time.Time { return now }
	got, err := c.CreditLine(context.Background())
	if err != nil {
		t.Fatalf("CreditLine: %v", err)
	}
	calls := fs.recorded()
	if len(calls) != 1 || calls[0].Path != "/qdjk/allElectricInvoice/getCreditLine" || calls[0].Method != http.MethodPost {
		t.Fatalf("calls %+v", calls)
	}
	assertFields(t, "getCreditLine", calls[0].Form, map[string]string{"nsrsbh": testTaxID, "username": testUsername})
	if !got.Total.Equal(dec("3000000.00")) || !got.Remaining.Equal(dec("2995145.63")) || !got.Used.Equal(dec("4854.37")) {
		t.Errorf("line %s / %s / used %s", got.Total, got.Remaining, got.Used)
	}
	if !got.At.Equal(now) {
		t.Errorf("At %v, want %v", got.At, now)
	}
}

func TestCreditLinePlaceholderTextIsNotZero(t *testing.T) {
	fs := newFakeServer(t)
	// The seed's first example: "剩余授信额度-保留 2 位小数" where a figure belongs.
	fs.handle(pathCreditLine, reply(http.StatusOK, seedFile(t, "credit_line_seed_placeholder.json")))
	got, err := newTestClient(t, fs.URL).CreditLine(context.Background())
	providerErr(t, err, app.KindTransient)
	if got != (app.CreditLine{}) {
		t.Errorf("returned %+v with the error", got)
	}
}

func TestCreditLineTolerance(t *testing.T) {
	for name, tc := range map[string]struct {
		data                   string
		total, remaining, used string
	}{
		"numbers":         {`{"zsxed":3000000,"sysxed":2995145.63,"ysysxed":4854.37}`, "3000000", "2995145.63", "4854.37"},
		"no ysysxed":      {`{"zsxed":"100.00","sysxed":"40.50"}`, "100", "40.5", "59.5"},
		"ysysxed blank":   {`{"zsxed":"100.00","sysxed":"40.50","ysysxed":""}`, "100", "40.5", "59.5"},
		"ysysxed wording": {`{"zsxed":"100.00","sysxed":"40.50","ysysxed":"已使用授信额度"}`, "100", "40.5", "59.5"},
		"exhausted":       {`{"zsxed":"100.00","sysxed":"0.00","ysysxed":"100.00"}`, "100", "0", "100"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := decodeCreditLineData([]byte(tc.data), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if !got.Total.Equal(dec(tc.total)) || !got.Remaining.Equal(dec(tc.remaining)) || !got.Used.Equal(dec(tc.used)) {
				t.Errorf("%s / %s / %s", got.Total, got.Remaining, got.Used)
			}
		})
	}
}

func TestCreditLineMalformed(t *testing.T) {
	for name, data := range map[string]string{
		"data null":       `null`,
		"data a string":   `"3000000.00"`,
		"no zsxed":        `{"sysxed":"1.00"}`,
		"no sysxed":       `{"zsxed":"1.00"}`,
		"sysxed null":     `{"zsxed":"1.00","sysxed":null}`,
		"zsxed wording":   `{"zsxed":"总授信额度-保留 2 为小数","sysxed":"1.00"}`,
		"zsxed an object": `{"zsxed":{},"sysxed":"1.00"}`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathCreditLine, reply(http.StatusOK, okReply(data)))
			_, err := newTestClient(t, fs.URL).CreditLine(context.Background())
			providerErr(t, err, app.KindTransient)
		})
	}
}

func TestCreditLineRateLimitIsTransient(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathCreditLine, reply(http.StatusOK, `{"code":999,"msg":"查询过于频繁,请30秒后再试","data":null}`))
	_, err := newTestClient(t, fs.URL).CreditLine(context.Background())
	pe := providerErr(t, err, app.KindTransient)
	if pe.Message != "查询过于频繁,请30秒后再试" || pe.Code != "999" {
		t.Errorf("error %+v", pe)
	}

	fs.handle(pathCreditLine, reply(http.StatusOK, `{"code":999,"msg":"未开通数电票","data":null}`))
	_, err = newTestClient(t, fs.URL).CreditLine(context.Background())
	providerErr(t, err, app.KindBusiness)
}
