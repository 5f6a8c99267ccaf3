package leqi

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestCreditLineSendsTheExactRequest(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(
		`{"returncode":"00","returnmsg":"成功","zsxed":"3000000.00","sysxed":"2995145.63","ysysxed":"4854.37"}`)))
	c, _ := newTestClient(t, f.URL)
	now := time.Date(2025, 3, 1, 9, 30, 0, 0, app.ChinaTime)
	c.now = func() time.Time { return now }
	got, err := c.CreditLine(t.Context())
	if err != nil {
		t.Fatalf("CreditLine: %v", err)
	}
	call := f.only()
	assertEnvelope(t, call, "CXSXED")
	assertJSON(t, call, `{"nsrsbh":"9111011457319202X9"}`)
	if !got.Total.Equal(dec("3000000")) || !got.Remaining.Equal(dec("2995145.63")) || !got.Used.Equal(dec("4854.37")) || !got.At.Equal(now) {
		t.Errorf("line %+v", got)
	}
}

func TestCreditLineTolerance(t *testing.T) {
	for name, tc := range map[string]struct {
		data                   string
		total, remaining, used string
	}{
		"numbers":         {`{"returncode":"00","zsxed":3000000,"sysxed":2995145.63,"ysysxed":4854.37}`, "3000000", "2995145.63", "4854.37"},
		"no ysysxed":      {`{"returncode":"00","zsxed":"100.00","sysxed":"40.50"}`, "100", "40.5", "59.5"},
		"ysysxed blank":   {`{"returncode":"00","zsxed":"100.00","sysxed":"40.50","ysysxed":""}`, "100", "40.5", "59.5"},
		"ysysxed wording": {`{"returncode":"00","zsxed":"100.00","sysxed":"40.50","ysysxed":"已使用授信额度"}`, "100", "40.5", "59.5"},
		"exhausted":       {`{"returncode":"00","zsxed":"100.00","sysxed":"0.00","ysysxed":"100.00"}`, "100", "0", "100"},
		"returncode 0":    {`{"returncode":0,"zsxed":" 100.00 ","sysxed":"1"}`, "100", "1", "99"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, plainData(tc.data)))
			c, _ := newTestClient(t, f.URL)
			got, err := c.CreditLine(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if !got.Total.Equal(dec(tc.total)) || !got.Remaining.Equal(dec(tc.remaining)) || !got.Used.Equal(dec(tc.used)) {
				t.Errorf("got %s / %s / used %s", got.Total, got.Remaining, got.Used)
			}
		})
	}
}

func TestCreditLineNonNumericIsMalformedNeverZero(t *testing.T) {
	for name, data := range map[string]string{
		"placeholder": `{"returncode":"00","zsxed":"总授信额度","sysxed":"剩余授信额度-保留 2 位小数"}`,
		"no sysxed":   `{"returncode":"00","zsxed":"100.00"}`,
		"empty":       `{"returncode":"00","zsxed":"","sysxed":""}`,
		"huge exp":    `{"returncode":"00","zsxed":"1e999999999","sysxed":"1"}`,
		"an array":    `{"returncode":"00","zsxed":[1],"sysxed":"1"}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, sealedData(data)))
			c, _ := newTestClient(t, f.URL)
			got, err := c.CreditLine(t.Context())
			providerErr(t, err, app.KindTransient)
			if got != (app.CreditLine{}) {
				t.Errorf("returned %+v with the error", got)
			}
		})
	}
}
