package sandbox

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// creditData is getCreditLine's data.
type creditData struct {
	Zsxed, Kjlpzs, Sysxed, Fpejse, Ysysxed, Fphjje string
}

func decodeCredit(t *testing.T, env msgEnvelope) creditData {
	t.Helper()
	if env.Code != 200 {
		t.Fatalf("getCreditLine: %d %s", env.Code, env.Msg)
	}
	var d creditData
	if err := json.Unmarshal(env.Data, &d); err != nil {
		t.Fatalf("getCreditLine data %s: %v", env.Data, err)
	}
	return d
}

var twoDecimals = regexp.MustCompile(`^-?\d+\.\d{2}$`)

// TestCreditLineShape: the keys of seed 001's second example, all strings,
// money with two decimals.
func TestCreditLineShape(t *testing.T) {
	e := start(t)
	env := e.creditLine()
	raw := decodeOrdered(t, mustData(t, env.envelope))
	keys := slices.Sorted(maps.Keys(raw))
	if want := []string{"fpejse", "fphjje", "kjlpzs", "sysxed", "ysysxed", "zsxed"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	for k, v := range raw {
		s, ok := v.(string)
		if !ok || k != "kjlpzs" && !twoDecimals.MatchString(s) {
			t.Errorf("%s = %#v, want a string with two decimals", k, v)
		}
	}
	if d := decodeCredit(t, env); d != (creditData{"3000000.00", "0", "3000000.00", "0.00", "0.00", "0.00"}) {
		t.Errorf("fresh seller: %+v", d)
	}
}

// TestCreditLineArithmetic: blue invoices consume their amount excluding
// tax, a red invoice gives it back; queries are 30 s apart at least.
func TestCreditLineArithmetic(t *testing.T) {
	e := start(t, func(o *Options) { o.CreditLine = decimal.RequireFromString("5000") })
	blue := e.issue(invoiceOf("c1", threeLines)) // 2,350.00 + 305.50
	e.issue(seedInvoice("c2"))                   // 0.99 + 0.01
	if d := decodeCredit(t, e.creditLine()); d != (creditData{"5000.00", "2", "2649.01", "305.51", "2350.99", "2350.99"}) {
		t.Errorf("after two blue invoices: %+v", d)
	}
	refused(t, "a second query at once", e.creditLine(), "查询授信额度过于频繁,请30秒后再试")

	form := e.mustApply(blue.Fphm, "02", "mxzb[0][xh]", "1", "mxzb[0][spsl]", "-1", "mxzb[0][je]", "-1000",
		"mxzb[0][se]", "-130")
	e.mustRedIssue("c3", form.Xxbbh, blue.Fphm)
	e.srv.AdvanceClock(creditMinInterval - 1)
	refused(t, "a query 30 s less 1 ns later", e.creditLine(), "30秒")
	e.srv.AdvanceClock(1)
	if d := decodeCredit(t, e.creditLine()); d != (creditData{"5000.00", "3", "3649.01", "175.51", "1350.99", "1350.99"}) {
		t.Errorf("after the red invoice: %+v", d)
	}
}

// TestCreditLinePerSeller: the limit and the sums are per seller.
func TestCreditLinePerSeller(t *testing.T) {
	e := start(t)
	e.issue(seedInvoice("s1"))
	decodeCredit(t, e.creditLine())
	other := e.postMsg(pathCreditLine, map[string][]string{"nsrsbh": {buyerID}, "username": {DemoUsername}})
	if d := decodeCredit(t, other); d.Kjlpzs != "0" || d.Sysxed != "3000000.00" {
		t.Errorf("another seller: %+v", d)
	}
	refused(t, "no nsrsbh", e.postMsg(pathCreditLine, map[string][]string{"username": {DemoUsername}}), "nsrsbh")
}
