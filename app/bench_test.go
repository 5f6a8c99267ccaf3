package app

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// bigDraft is a 2,000-line invoice with varied amounts, rates and
// discounts, as a wholesaler's monthly statement might be.
func bigDraft() Draft {
	rates := []string{"0.13", "0.09", "0.06", "0.03", "0.01"}
	d := Draft{Type: "82", Buyer: Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"}}
	for i := 0; i < 2000; i++ {
		q := decimal.NewFromInt(int64(1 + i%7))
		p := decimal.New(int64(1999+i*37%5000), -2)
		l := DraftLine{
			Name: fmt.Sprintf("*软件*财税管理系统模块%d", i), TaxCode: "1060301020100000000", Spec: "V1", Unit: "套",
			Quantity: NumText(q.String()), Price: NumText(p.String()), Amount: NumText(q.Mul(p).StringFixed(2)),
			TaxRate: NumText(rates[i%len(rates)]), TaxIncluded: i%2 == 0,
		}
		if i%10 == 0 {
			l.Discount = "1.00"
		}
		d.Lines = append(d.Lines, l)
	}
	return d
}

// BenchmarkTaxEngine2000Lines validates and computes a 2,000-line invoice:
// every rule of DESIGN §2 and the tax of every line.
func BenchmarkTaxEngine2000Lines(b *testing.B) {
	d := bigDraft()
	if _, err := Prepare(d, testSeller); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Prepare(d, testSeller); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(d.Lines))/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkTaxEngine2000LinesBaseline is the bare arithmetic on the same
// lines — parse the amount and rate, split the tax, sum — with no
// validation, as a naive client would do it. The ratio is the price of the
// rules.
func BenchmarkTaxEngine2000LinesBaseline(b *testing.B) {
	d := bigDraft()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var lines []Line
		for _, dl := range d.Lines {
			amount := decimal.RequireFromString(string(dl.Amount))
			rate := decimal.RequireFromString(string(dl.TaxRate))
			var l Line
			l.AmountExcl, l.Tax = SplitTax(amount, rate, dl.TaxIncluded)
			lines = append(lines, l)
		}
		SumLines(lines)
	}
	b.ReportMetric(float64(b.N*len(d.Lines))/b.Elapsed().Seconds(), "lines/s")
}
