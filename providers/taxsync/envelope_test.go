package taxsync

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"fapiao/app"
)

// Computed outside Go with openssl for seed 002's content example:
//
//	printf '%s' "?appid=APP20240001&content=$C&jtnsrsbh=…&nsrsbh=…&serviceid=S000621" |
//	  openssl dgst -sha256 -hmac 's3cr3t-HMAC-Kx9Qz7' -binary | base64
const (
	seedQueryJSON      = `{"page":1,"pageSize":100,"rzzt":"11","rq_q":"2018-07-28","rq_z":"2018-08-23","iszip":"1"}`
	seedQueryContent   = "eyJwYWdlIjoxLCJwYWdlU2l6ZSI6MTAwLCJyenp0IjoiMTEiLCJycV9xIjoiMjAxOC0wNy0yOCIsInJxX3oiOiIyMDE4LTA4LTIzIiwiaXN6aXAiOiIxIn0="
	seedQuerySignature = "pbMpWQepLEKJ21DURdnpbMOcM7Ig7vDh2cybzf2znnE="
)

func TestSignatureKnownAnswer(t *testing.T) {
	got := sign([]byte(testSecret), map[string]string{"serviceid": "S000621", "nsrsbh": testNsrsbh,
		"jtnsrsbh": testJtnsrsbh, "content": seedQueryContent, "appid": testAppID})
	if got != seedQuerySignature {
		t.Errorf("signature %s, want %s", got, seedQuerySignature)
	}
	if other := sign([]byte(testSecret+"x"), map[string]string{"appid": testAppID}); other == got {
		t.Error("the signature does not depend on the secret")
	}
}

func TestEnvelopeIsExact(t *testing.T) {
	f := newFakeSync(t, always(200, okAnswer(seedPlainPage, true)))
	c, _ := newTestClient(t, f.URL)
	_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundChecked,
		From: day("2018-07-28"), To: day("2018-08-23"), Page: 1, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	calls := f.Calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls", len(calls))
	}
	call := calls[0]
	if call.Method != "POST" || call.Path != "/invoice/S000621" {
		t.Errorf("%s %s", call.Method, call.Path)
	}
	if call.ContentType != "application/json" {
		t.Errorf("Content-Type %q", call.ContentType)
	}
	// Byte for byte: seed 002's field order, nothing escaped, no newline.
	wantBody := `{"appid":"` + testAppID + `","serviceid":"S000621","jtnsrsbh":"` + testJtnsrsbh +
		`","nsrsbh":"` + testNsrsbh + `","content":"` + seedQueryContent + `","signature":"` +
		seedQuerySignature + `","signType":"0"}`
	if string(call.Body) != wantBody {
		t.Errorf("body\n%s\nwant\n%s", call.Body, wantBody)
	}
	want := map[string]string{"appid": testAppID, "serviceid": "S000621", "jtnsrsbh": testJtnsrsbh,
		"nsrsbh": testNsrsbh, "content": seedQueryContent, "signature": seedQuerySignature, "signType": "0"}
	var got map[string]any
	if err := json.Unmarshal(call.Body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("envelope has %d fields, want %d: %s", len(got), len(want), call.Body)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if !call.SignatureOK {
		t.Error("the test's own HMAC does not verify the signature")
	}
	if plain, _ := base64.StdEncoding.DecodeString(str(got, "content")); string(plain) != seedQueryJSON {
		t.Errorf("content decodes to %s, want %s", plain, seedQueryJSON)
	}
}

func TestQueryPerStatus(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fetch app.InboundFetch
		zip   *bool
		want  map[string]string
	}{
		{"unchecked, defaults", app.InboundFetch{Status: app.InboundUnchecked}, nil,
			map[string]string{"page": "1", "pageSize": "100", "rzzt": "10", "iszip": "1"}},
		{"checked with dates, unzipped", app.InboundFetch{Status: app.InboundChecked, From: day("2024-01-01"),
			To: day("2024-01-31"), Page: 3, PageSize: 50}, boolPtr(false),
			map[string]string{"page": "3", "pageSize": "50", "rzzt": "11", "rq_q": "2024-01-01", "rq_z": "2024-01-31", "iszip": "0"}},
		{"export to domestic sale", app.InboundFetch{Status: app.InboundExportDomestic, Page: 1, PageSize: 100}, boolPtr(true),
			map[string]string{"page": "1", "pageSize": "100", "rzzt": "12", "znxpz": "Y", "iszip": "1"}},
		{"not deductible with period", app.InboundFetch{Status: app.InboundNotDeductible, Period: "202402", Page: 2, PageSize: 100}, nil,
			map[string]string{"page": "2", "pageSize": "100", "rzzt": "15", "skssq": "202402", "iszip": "1"}},
		{"not due", app.InboundFetch{Status: app.InboundNotDue, Page: 1, PageSize: 10}, nil,
			map[string]string{"page": "1", "pageSize": "10", "rzzt": "16", "iszip": "1"}},
		{"export rebate", app.InboundFetch{Status: app.InboundExportRebate, From: day("2024-03-01"), Page: 1, PageSize: 100}, nil,
			map[string]string{"page": "1", "pageSize": "100", "rzzt": "17", "rq_q": "2024-03-01", "iszip": "1"}},
		{"past periods use the adapter", app.InboundFetch{Status: app.InboundPastPeriods, Period: "202002", Page: 1, PageSize: 100}, nil,
			map[string]string{"page": "1", "pageSize": "100", "rzzt": "40", "skssq": "202002", "adapter": "1", "iszip": "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSync(t, always(200, okAnswer(`{"pageSize":100,"currentPage":1,"count":0,"InvoiceList":[]}`, false)))
			c, _ := newTestClient(t, f.URL, func(cfg *Config) { cfg.Zip = tc.zip })
			if _, err := c.FetchInbound(t.Context(), tc.fetch); err != nil {
				t.Fatal(err)
			}
			q := f.Calls()[0].Query
			if len(q) != len(tc.want) {
				t.Errorf("query %v, want exactly %v", q, tc.want)
			}
			for k, v := range tc.want {
				got, ok := q[k]
				if !ok {
					t.Errorf("%s missing", k)
					continue
				}
				_, isNumber := got.(json.Number)
				if wantNumber := k == "page" || k == "pageSize"; isNumber != wantNumber {
					t.Errorf("%s = %#v: a number is expected only for page and pageSize", k, got)
				}
				if s, _ := got.(string); !isNumber && s != v || isNumber && got.(json.Number).String() != v {
					t.Errorf("%s = %v, want %s", k, got, v)
				}
			}
			if !f.Calls()[0].SignatureOK {
				t.Error("signature does not verify")
			}
		})
	}
}

func TestBadQueriesAreNeverSent(t *testing.T) {
	f := newFakeSync(t, always(200, okAnswer(seedPlainPage, false)))
	c, _ := newTestClient(t, f.URL)
	for name, q := range map[string]app.InboundFetch{
		"no status":        {},
		"status not code":  {Status: "已勾选"},
		"negative page":    {Status: app.InboundUnchecked, Page: -1},
		"negative size":    {Status: app.InboundUnchecked, PageSize: -5},
		"period format":    {Status: app.InboundChecked, Period: "2024-01"},
		"period month 13":  {Status: app.InboundChecked, Period: "202413"},
		"from after to":    {Status: app.InboundChecked, From: day("2024-02-01"), To: day("2024-01-31")},
		"period too short": {Status: app.InboundChecked, Period: "20241"},
	} {
		_, err := c.FetchInbound(t.Context(), q)
		pe := providerErr(t, err, app.KindBusiness)
		if !pe.NotSent {
			t.Errorf("%s: not marked NotSent: %v", name, pe)
		}
	}
	if n := len(f.Calls()); n != 0 {
		t.Errorf("%d refused queries reached the server", n)
	}
}
