package xunlian

import (
	"testing"
	"time"
)

// The answer decoder must survive any input without panicking, and must
// never report an invoice as issued without a number of 8 or 20 digits
// and a date. Seeds: the seed document's answer and near misses.
func FuzzJudgeAnswer(f *testing.F) {
	for _, s := range []string{
		`{"body":{"requisitionApplyNo":"S","otherId":"1","invoiceUuid":"u","docId":"d","invoiceCode":"050002000205",` +
			`"invoiceNumber":"12221761","invoiceDate":"2022-09-21","invoiceParityCode":"11884729515180314769","amount":4570.80},` +
			`"ok":true,"requestNum":null,"status":{"returnCode":"200"}}`,
		`{"ok":true,"body":{"otherId":28045669365055408,"invoiceNumber":24112000000000000042,"invoiceDate":"20240506"}}`,
		`{"ok":false,"status":{"returnCode":"500","message":"未授权","description":"x"},"body":null}`,
		`{"ok":"1","status":404,"body":[]}`, `{"ok":true,"body":{"amount":1e999999999,"invoiceNumber":"12221761","invoiceDate":"2022-09-21"}}`,
		`[]`, ``, `{"ok":null}`, "\xEF\xBB\xBF{\"ok\":false}",
	} {
		f.Add([]byte(s), 200)
	}
	f.Add([]byte(`{"ok":true}`), 503)
	c := &Client{log: discardLog()}
	r := serverIssueRequest{RequisitionApplyNo: "S", TotalAmountExcludeTax: "4570.80", TotalAmountIncludeTax: "5165.00"}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		out, pe := c.judge(r, status, body)
		c.logOutcome(r, status, time.Now(), out, pe)
		if pe != nil {
			if pe.Message == "" || pe.Kind == 0 {
				t.Fatalf("unclassified error %+v", pe)
			}
			return
		}
		n := out.result.Number
		if !allDigits(n) || len(n) != 8 && len(n) != 20 || out.result.IssuedAt.IsZero() {
			t.Fatalf("accepted %+v from %q", out.result, body)
		}
		if status < 200 || status > 299 {
			t.Fatalf("accepted an answer with HTTP %d", status)
		}
	})
}
