package sandbox

import (
	"encoding/json"
	"testing"

	"fapiao/app"
)

// FuzzServerIssueRequest feeds serverIssue's decoder and checks arbitrary
// bodies: they never panic, a refusal is always a refusal (never an
// internal error), and an accepted request's lines add up to its totals.
func FuzzServerIssueRequest(f *testing.F) {
	seed, _ := json.Marshal(xlRequest("FUZZ"))
	f.Add(seed)
	red, _ := json.Marshal(xlRedOf("FUZZR", "26112000000000000001"))
	f.Add(red)
	f.Add([]byte(`{"lines":[{"lineAttribute":"2","discount":"1"}],"otherId":1e999}`))
	f.Add([]byte(`{"totalAmountIncludeTax":"-0.00"}`))
	account := XunlianAccount{CompanyDataResource: DemoCompanyDataResource, TerminalCode: DemoTerminalCode}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := decodeServerIssue(body)
		if err != nil {
			return
		}
		o, err := checkServerIssue(req, account)
		if err != nil {
			if _, ok := err.(*xlRefusal); !ok {
				t.Fatalf("check failed with %T %v, want a refusal", err, err)
			}
			return
		}
		sum := app.SumLines(o.inv.Lines)
		if !closeTo(sum.Total, o.inv.Total, xlTotalTolerance) || o.inv.Total.IsNegative() != o.inv.Red {
			t.Fatalf("accepted totals %s for lines summing to %s (red %v)", o.inv.Total, sum.Total, o.inv.Red)
		}
	})
}
