package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// refusal asserts that Prepare refuses d with an error on field by rule.
func refusal(t *testing.T, name string, d Draft, field, rule string) {
	t.Helper()
	_, err := Prepare(d, testSeller)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("%s: want a validation error, got %v", name, err)
		return
	}
	for _, fe := range ve.Errors {
		if fe.Field == field && fe.Rule == rule {
			if fe.Message == "" {
				t.Errorf("%s: empty message", name)
			}
			return
		}
	}
	t.Errorf("%s: want %s/%s, got %+v", name, field, rule, ve.Errors)
}

func TestSeedExamplePrepares(t *testing.T) {
	inv, err := Prepare(seedDraft(), testSeller)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Lines) != 1 || inv.Lines[0].Nature != NatureNormal {
		t.Fatalf("lines = %+v", inv.Lines)
	}
	assertDec(t, "amount excl", inv.Lines[0].AmountExcl, "0.99")
	assertDec(t, "tax", inv.Lines[0].Tax, "0.01")
	assertDec(t, "total amount", inv.TotalAmount, "0.99")
	assertDec(t, "total tax", inv.TotalTax, "0.01")
	assertDec(t, "total", inv.Total, "1.00")
	if inv.Type != TypeOrdinary {
		t.Errorf("type = %s", inv.Type)
	}
}

func TestRefusals(t *testing.T) {
	mod := func(f func(*Draft)) Draft { d := seedDraft(); f(&d); return d }
	line := func(f func(*DraftLine)) Draft { return mod(func(d *Draft) { f(&d.Lines[0]) }) }

	refusal(t, "empty buyer name", mod(func(d *Draft) { d.Buyer.Name = "  " }), "buyer.name", "required")
	refusal(t, "wrong check digit", mod(func(d *Draft) { d.Buyer.TaxID = "91510113MA6739XPX3" }), "buyer.tax_id", "check_digit")
	refusal(t, "company without tax ID", mod(func(d *Draft) { d.Buyer.TaxID = "" }), "buyer.tax_id", "required")
	refusal(t, "3-decimal amount", line(func(l *DraftLine) { l.Amount = "1.005"; l.Quantity, l.Price = "", "" }), "lines[0].amount", "decimal_places")
	refusal(t, "rate 0.07", line(func(l *DraftLine) { l.TaxRate = "0.07" }), "lines[0].tax_rate", "tax_rate")
	refusal(t, "quantity × price ≠ amount", line(func(l *DraftLine) { l.Quantity, l.Price = "3", "0.32" }), "lines[0].amount", "quantity_price_amount")
	refusal(t, "GBK cannot encode", line(func(l *DraftLine) { l.Name = "*软件*系统😀" }), "lines[0].name", "gbk")
	refusal(t, "GBK in buyer name", mod(func(d *Draft) { d.Buyer.Name = "𠀀公司" }), "buyer.name", "gbk")
	refusal(t, "item name over byte limit", line(func(l *DraftLine) { l.Name = "*软件*" + strings.Repeat("系", 44) }), "lines[0].name", "max_bytes")
	refusal(t, "no lines", mod(func(d *Draft) { d.Lines = nil }), "lines", "required")
	refusal(t, "negative amount", line(func(l *DraftLine) { l.Amount = "-1"; l.Quantity, l.Price = "", "" }), "lines[0].amount", "positive")
	refusal(t, "zero amount", line(func(l *DraftLine) { l.Amount = "0"; l.Quantity, l.Price = "", "" }), "lines[0].amount", "positive")
	refusal(t, "discount larger than line", line(func(l *DraftLine) { l.Discount = "1.01" }), "lines[0].discount", "discount_exceeds_line")
	refusal(t, "tax code length", line(func(l *DraftLine) { l.TaxCode = "10603010201" }), "lines[0].tax_code", "tax_code")
	refusal(t, "quantity without price", line(func(l *DraftLine) { l.Price = "" }), "lines[0].price", "quantity_price_pair")
	refusal(t, "exponent", line(func(l *DraftLine) { l.Amount = "1e0" }), "lines[0].amount", "number")
	refusal(t, "not a number", line(func(l *DraftLine) { l.Quantity = "一" }), "lines[0].quantity", "number")
	refusal(t, "9-decimal price", line(func(l *DraftLine) { l.Price = "1.000000001" }), "lines[0].price", "decimal_places")
	refusal(t, "bad type", mod(func(d *Draft) { d.Type = "04" }), "type", "one_of")
	refusal(t, "special to a person", mod(func(d *Draft) { d.Type = "81"; d.Buyer.NaturalPerson = true }), "buyer.natural_person", "special_invoice")
	refusal(t, "bad email", mod(func(d *Draft) { d.Buyer.Email = "a@" }), "buyer.email", "email")
	refusal(t, "bad phone", mod(func(d *Draft) { d.Buyer.Phone = "电话123" }), "buyer.phone", "phone")
	refusal(t, "name without short name", line(func(l *DraftLine) { l.Name = "**系统" }), "lines[0].name", "item_name_format")
	refusal(t, "remark too long", mod(func(d *Draft) { d.Remark = strings.Repeat("备", 107) }), "remark", "max_bytes")
	refusal(t, "address+phone too long", mod(func(d *Draft) { d.Buyer.Address = strings.Repeat("路", 45); d.Buyer.Phone = "13800000000" }), "buyer.address", "max_bytes")
}

func TestEveryBrokenRuleIsReported(t *testing.T) {
	d := seedDraft()
	d.Buyer.Name = ""
	d.Lines[0].TaxRate = "0.07"
	d.Lines = append(d.Lines, DraftLine{Name: "*软件*B", TaxCode: "1", Amount: "x"})
	_, err := Prepare(d, testSeller)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	for _, field := range []string{"buyer.name", "lines[0].tax_rate", "lines[1].tax_code", "lines[1].amount", "lines[1].tax_rate"} {
		if len(ve.For(field)) == 0 {
			t.Errorf("no error on %s in %+v", field, ve.Errors)
		}
	}
	if got := len(ve.For("lines[1].")); got != 3 {
		t.Errorf("errors under lines[1]. = %d, want 3", got)
	}
}

func TestAccepted(t *testing.T) {
	mod := func(f func(*DraftLine)) Draft { d := seedDraft(); f(&d.Lines[0]); return d }
	accepted := map[string]Draft{
		"natural person without tax ID": func() Draft { d := seedDraft(); d.Buyer = Party{Name: "张三", NaturalPerson: true}; return d }(),
		"old 15-character tax ID":       func() Draft { d := seedDraft(); d.Buyer.TaxID = "110101199003077"; return d }(),
		"lower-case tax ID normalised":  func() Draft { d := seedDraft(); d.Buyer.TaxID = "91510113ma6739xpx2"; return d }(),
		"quantity × price off by 0.01":  mod(func(l *DraftLine) { l.Quantity, l.Price, l.Amount = "3", "0.33", "1.00" }),
		"percent rate":                  mod(func(l *DraftLine) { l.TaxRate = "1%" }),
		"full-width digits":             mod(func(l *DraftLine) { l.Amount = "１．００"; l.Quantity = "１"; l.Price = "1" }),
		"thousands separator":           mod(func(l *DraftLine) { l.Amount, l.Quantity, l.Price = "1,000.00", "1000", "1" }),
		"1.5% levy rate":                mod(func(l *DraftLine) { l.TaxRate = "0.015" }),
		"discount equal to the line":    func() Draft { d := seedDraft(); d.Lines[0].Discount = "0.50"; return d }(),
		"8-decimal price":               mod(func(l *DraftLine) { l.Quantity, l.Price, l.Amount = "3", "0.33333333", "1.00" }),
		"item name at the byte limit":   mod(func(l *DraftLine) { l.Name = "*软件*" + strings.Repeat("系", 43) }), // 92 bytes
	}
	for name, d := range accepted {
		if _, err := Prepare(d, testSeller); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDiscountBecomesDiscountLine(t *testing.T) {
	d := seedDraft()
	d.Lines[0] = DraftLine{Name: "*软件*系统", TaxCode: "1060301020100000000", Quantity: "2", Price: "50",
		Amount: "100", TaxRate: "0.13", TaxIncluded: true, Discount: "10"}
	inv, err := Prepare(d, testSeller)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Lines) != 2 {
		t.Fatalf("want discounted + discount line, got %d lines", len(inv.Lines))
	}
	main, disc := inv.Lines[0], inv.Lines[1]
	if main.Nature != NatureDiscounted || disc.Nature != NatureDiscount {
		t.Errorf("natures = %d, %d; want 2, 1", main.Nature, disc.Nature)
	}
	if disc.Name != main.Name || disc.TaxCode != main.TaxCode || !disc.TaxRate.Equal(main.TaxRate) {
		t.Errorf("discount line must share name, code and rate: %+v", disc)
	}
	if disc.Quantity.Valid || disc.Price.Valid {
		t.Error("a discount line has no quantity or price")
	}
	// 100 incl. at 13%: tax 11.50, excl 88.50. Discount −10 incl.: tax −1.15, excl −8.85.
	assertDec(t, "main tax", main.Tax, "11.50")
	assertDec(t, "discount amount", disc.Amount, "-10")
	assertDec(t, "discount excl", disc.AmountExcl, "-8.85")
	assertDec(t, "discount tax", disc.Tax, "-1.15")
	assertDec(t, "total", inv.Total, "90.00")
	// Round trip back to what the clerk typed.
	back := DraftFromInvoice(inv)
	if len(back.Lines) != 1 || back.Lines[0].Discount != "10" {
		t.Errorf("DraftFromInvoice = %+v", back.Lines)
	}
}

func TestLineTaxTolerance(t *testing.T) {
	d := seedDraft()
	d.Lines[0] = DraftLine{Name: "*软件*系统", TaxCode: "1060301020100000000", Amount: "100", TaxRate: "0.13", Tax: "13.06"}
	inv, err := Prepare(d, testSeller)
	if err != nil {
		t.Fatalf("0.06 off is within tolerance: %v", err)
	}
	assertDec(t, "tax override", inv.Lines[0].Tax, "13.06")
	d.Lines[0].Tax = "13.07"
	refusal(t, "0.07 off", d, "lines[0].tax", "tax_tolerance")
}

func TestInvoiceTaxTolerance(t *testing.T) {
	build := func(n int) Draft {
		d := seedDraft()
		d.Lines = nil
		for i := 0; i < n; i++ {
			// Each line's tax is 0.06 below amount × rate: allowed per line.
			d.Lines = append(d.Lines, DraftLine{Name: fmt.Sprintf("*软件*系统%d", i), TaxCode: "1060301020100000000",
				Amount: "100", TaxRate: "0.13", Tax: "12.94"})
		}
		return d
	}
	if _, err := Prepare(build(21), testSeller); err != nil {
		t.Errorf("21 × 0.06 = 1.26 is within 1.27: %v", err)
	}
	refusal(t, "22 × 0.06 = 1.32", build(22), "lines", "tax_tolerance")
}

func TestDecodeDraftAcceptsNumbersAndStrings(t *testing.T) {
	d, err := DecodeDraft([]byte(`{"type":"82","buyer":{"name":"甲","tax_id":"91510113MA6739XPX2"},
		"lines":[{"name":"*软件*A","tax_code":"1060301020100000000","quantity":1,"price":"1","amount":1.00,
		"tax_rate":0.01,"tax_included":true,"discount":null}],"remark":"","drawer":""}`))
	if err != nil {
		t.Fatal(err)
	}
	if l := d.Lines[0]; l.Quantity != "1" || l.Amount != "1.00" || l.TaxRate != "0.01" || l.Discount != "" {
		t.Errorf("decoded %+v", l)
	}
	if _, err := DecodeDraft([]byte(`{"buyer":{"nmae":"x"}}`)); err == nil {
		t.Error("a misspelt field must be refused")
	}
}
