package app

import "testing"

func TestSplitTaxSeedExample(t *testing.T) {
	// Seed 001: one tax-inclusive line of 1.00 at 1% → 0.99 + 0.01.
	excl, tax := SplitTax(dec("1.00"), dec("0.01"), true)
	assertDec(t, "amount excl", excl, "0.99")
	assertDec(t, "tax", tax, "0.01")
}

func TestSplitTax(t *testing.T) {
	cases := []struct {
		amount, rate string
		incl         bool
		excl, tax    string
	}{
		{"5165.00", "0.13", true, "4570.80", "594.20"}, // seed 003's laptop
		{"4570.80", "0.13", false, "4570.80", "594.20"},
		{"100", "0.06", false, "100", "6.00"},
		{"0.50", "0.01", false, "0.50", "0.01"},    // 0.005 rounds half up
		{"0.49", "0.01", false, "0.49", "0.00"},    // 0.0049 rounds down
		{"1.50", "0.03", false, "1.50", "0.05"},    // 0.045 → 0.05
		{"-0.50", "0.01", false, "-0.50", "-0.01"}, // negative mirrors positive
		{"-1.00", "0.01", true, "-0.99", "-0.01"},
		{"106", "0.06", true, "100.00", "6.00"},
		{"100", "0", true, "100", "0"},
		{"101.50", "0.015", true, "100.00", "1.50"},
		{"10.15", "0.015", true, "10.00", "0.15"},
	}
	for _, c := range cases {
		excl, tax := SplitTax(dec(c.amount), dec(c.rate), c.incl)
		if !excl.Equal(dec(c.excl)) || !tax.Equal(dec(c.tax)) {
			t.Errorf("SplitTax(%s, %s, incl=%v) = %s + %s, want %s + %s", c.amount, c.rate, c.incl, excl, tax, c.excl, c.tax)
		}
	}
}

func TestSumLines(t *testing.T) {
	inv, err := Prepare(Draft{
		Buyer: Party{Name: "个人", NaturalPerson: true},
		Lines: []DraftLine{
			{Name: "*软件*A", TaxCode: "1060301020100000000", Amount: "1", TaxRate: "0.01", TaxIncluded: true},
			{Name: "*软件*B", TaxCode: "1060301020100000000", Amount: "100", TaxRate: "0.13", Discount: "10"},
		},
	}, testSeller)
	if err != nil {
		t.Fatal(err)
	}
	// A: 0.99 + 0.01; B: 100 + 13.00; B's discount: −10 − 1.30.
	assertDec(t, "total amount", inv.TotalAmount, "90.99")
	assertDec(t, "total tax", inv.TotalTax, "11.71")
	assertDec(t, "total", inv.Total, "102.70")
	if got := inv.TotalInWords(); got != "壹佰零贰元柒角" {
		t.Errorf("total in words = %s", got)
	}
}
