package piaodanyun

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"fapiao/app"
)

// The red-invoice and credit-line decoders, like the others, must survive
// any input, and whatever they accept must keep their promises.

// addSeedData adds the data of a testdata example to f's corpus.
func addSeedData(f *testing.F, name string) {
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		f.Fatal(err)
	}
	var env struct{ Data json.RawMessage }
	if err := json.Unmarshal(b, &env); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(env.Data))
}

func FuzzDecodeBlueCheckData(f *testing.F) {
	addSeedData(f, "ret_invice_msg_seed.json")
	for _, s := range []string{
		`{"fphm":1,"mxzb":[{"xh":"2","fphxz":1,"je":"1","se":0,"sl":"6%","spsl":"","spdj":null}]}`,
		`{"fphm":"a","ZzsytDm":1,"FprzztDm":0,"hjje":"-1e9","mxzb":[{"je":-1,"se":-0.13,"sl":0.13,"spsl":2,"spdj":-3}]}`,
		`{"fphm":"a","mxzb":[{"xh":1,"je":-1,"se":0,"sl":0},{"je":-1,"se":0,"sl":0}]}`, `null`, `[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check, err := decodeBlueCheckData(data)
		if err != nil {
			return
		}
		if check.Number == "" || check.TotalAmount.IsPositive() || check.TotalTax.IsPositive() {
			t.Fatalf("accepted number %q totals %s %s", check.Number, check.TotalAmount, check.TotalTax)
		}
		seen := map[int]bool{}
		for _, l := range check.Lines {
			if l.Index < 1 || seen[l.Index] {
				t.Fatalf("line index %d accepted twice or below 1", l.Index)
			}
			seen[l.Index] = true
			assertRedLine(t, l)
		}
	})
}

// assertRedLine checks what the mapping promises of one line.
func assertRedLine(t *testing.T, l app.RedLine) {
	t.Helper()
	discount := l.Nature == app.NatureDiscount
	switch {
	case l.TaxIncluded || !l.Amount.Equal(l.AmountExcl):
		t.Fatalf("line %d: amount %s excl %s included %v", l.Index, l.Amount, l.AmountExcl, l.TaxIncluded)
	case !discount && (l.AmountExcl.IsPositive() || l.Tax.IsPositive()):
		t.Fatalf("line %d: positive figures %s %s", l.Index, l.AmountExcl, l.Tax)
	case discount && (l.AmountExcl.IsNegative() || l.Tax.IsNegative()):
		t.Fatalf("discount line %d: negative figures %s %s", l.Index, l.AmountExcl, l.Tax)
	case l.Quantity.Valid != l.Price.Valid:
		t.Fatalf("line %d: quantity without price", l.Index)
	case l.Price.Valid && l.Price.Decimal.IsNegative():
		t.Fatalf("line %d: negative price %s", l.Index, l.Price.Decimal)
	case l.Quantity.Valid && !discount && l.Quantity.Decimal.IsPositive():
		t.Fatalf("line %d: positive quantity %s", l.Index, l.Quantity.Decimal)
	}
	_ = app.FormatMoney(l.AmountExcl) + app.FormatMoney(l.Tax) + app.FormatRate(l.TaxRate)
}

func FuzzDecodeRedFormData(f *testing.F) {
	addSeedData(f, "hzxxbsq_seed.json")
	for _, s := range []string{
		`{"xxbbh":1,"xxbztDm":1}`, `{"xxbbh":"a","xxbztDm":"0a"}`, `{"xxbbh":"a","xxbztDm":"+1","sqsj":"20240619195540"}`,
		`{"xxbbh":"a","xxbztDm":"10","sqsj":null}`, `{"xxbbh":[],"xxbztDm":"01"}`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rf, err := decodeRedFormData(data)
		if err != nil {
			return
		}
		known := rf.State.Issuable() || rf.State.Pending() || rf.State.Void()
		if rf.Number == "" || !twoDigits(string(rf.State)) || !known {
			t.Fatalf("accepted form %q in state %q", rf.Number, rf.State)
		}
	})
}

func FuzzDecodeRedIssueData(f *testing.F) {
	addSeedData(f, "hzfpkj_seed.json")
	for _, s := range []string{
		`{"fphm":24112000000064636722,"kprq":"20240619195540","jshj":"-1.00"}`,
		`{"fphm":"24112000000064636722","kprq":"2024-06-19 19:55:40","jshj":"负一"}`, `{"fphm":{}}`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		issued, err := decodeRedIssueData(data)
		if err != nil {
			return
		}
		if _, err := app.ParseInvoiceNumber(issued.result.Number); err != nil || issued.result.IssuedAt.IsZero() {
			t.Fatalf("accepted %+v", issued.result)
		}
		if issued.total.Valid {
			_ = app.FormatMoney(issued.total.Value)
		}
	})
}

func FuzzDecodeCreditLineData(f *testing.F) {
	addSeedData(f, "credit_line_seed.json")
	addSeedData(f, "credit_line_seed_placeholder.json")
	for _, s := range []string{
		`{"zsxed":3000000,"sysxed":2995145.63}`, `{"zsxed":"1e64","sysxed":"-1","ysysxed":"x"}`,
		`{"zsxed":"","sysxed":"1"}`, `{"zsxed":true,"sysxed":false}`, `null`,
	} {
		f.Add([]byte(s))
	}
	at := time.Date(2025, 3, 1, 9, 30, 0, 0, app.ChinaTime)
	f.Fuzz(func(t *testing.T, data []byte) {
		line, err := decodeCreditLineData(data, at)
		if err != nil {
			return
		}
		var d creditLineData
		if json.Unmarshal(data, &d) != nil || !d.Zsxed.Valid || !d.Sysxed.Valid {
			t.Fatalf("accepted %+v from unreadable figures", line)
		}
		if !d.Ysysxed.Valid && !line.Used.Equal(line.Total.Sub(line.Remaining)) {
			t.Fatalf("used %s is not total − remaining", line.Used)
		}
		if !line.At.Equal(at) {
			t.Fatalf("At %v", line.At)
		}
		_ = app.FormatMoney(line.Total) + app.FormatMoney(line.Remaining) + app.FormatMoney(line.Used)
	})
}
