package xunlian

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// negate mirrors a blue line the way a full red reverses it: negative
// quantity and figures, the price kept positive.
func negate(l app.Line) app.Line {
	r := l
	if l.Quantity.Valid {
		r.Quantity = decimal.NewNullDecimal(l.Quantity.Decimal.Neg())
	}
	r.Amount, r.AmountExcl, r.Tax = l.Amount.Neg(), l.AmountExcl.Neg(), l.Tax.Neg()
	return r
}

func redOf(blue app.Invoice, serial string) app.Invoice {
	red := blue
	red.RequestSerial, red.Number, red.BlueNumber = serial, "", blue.Number
	red.Lines = nil
	for _, l := range blue.Lines {
		red.Lines = append(red.Lines, negate(l))
	}
	red.ApplyTotals()
	return red
}

func TestIssueRedDirectSendsBlueNumberAndNegativeFigures(t *testing.T) {
	for _, tc := range []struct {
		name, number, code string
	}{
		{"数电 blue invoice", "24112000000000000001", ""},
		{"税控 blue invoice", "12221761", "050002000205"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFakeServer(t)
			c := newTestClient(t, fs.URL)
			blue := prepare(t, app.DraftLine{Name: "*计算机*笔记本电脑", TaxCode: "1090509010000000000", Unit: "台",
				Quantity: "2", Price: "56.5", Amount: "113", TaxRate: "0.13", TaxIncluded: true})
			blue.Number, blue.Code = tc.number, tc.code
			red := redOf(blue, testSerial+"R")

			res, err := c.IssueRedDirect(context.Background(), red, blue)
			if err != nil {
				t.Fatalf("IssueRedDirect: %v", err)
			}
			if res.Number != testNumber {
				t.Errorf("result %+v", res)
			}
			req := fs.last(t)
			if req["blueInvoiceNo"] != tc.number || req["blueInvoiceCode"] != tc.code {
				t.Errorf("blueInvoiceNo %#v blueInvoiceCode %#v, want %q %q", req["blueInvoiceNo"], req["blueInvoiceCode"], tc.number, tc.code)
			}
			if req["requisitionApplyNo"] != testSerial+"R" || req["computeWithTax"] != json.Number("1") {
				t.Errorf("serial %#v computeWithTax %#v", req["requisitionApplyNo"], req["computeWithTax"])
			}
			for k, v := range map[string]string{"totalAmountExcludeTax": "-100.00", "totalTaxAmount": "-13.00", "totalAmountIncludeTax": "-113.00"} {
				if req[k] != v {
					t.Errorf("%s = %#v, want %q", k, req[k], v)
				}
			}
			l := wireLines(t, req)[0]
			for k, v := range map[string]string{"quantity": "-2.00000000", "priceIncludeTax": "56.50000000", "priceExcludeTax": "50.00000000",
				"lineAmountIncludeTax": "-113.00", "lineAmountExcludeTax": "-100.00", "taxAmount": "-13.00", "lineAttribute": "0"} {
				if l[k] != v {
					t.Errorf("lines[0].%s = %#v, want %q", k, l[k], v)
				}
			}
		})
	}
}

// A blue invoice's discount is reversed as its mirror: the red discounted
// line is negative and its discount, sent as the amount the line is reduced
// by, is negative too (see mapper.discount).
func TestIssueRedDirectMirrorsADiscount(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	blue := prepare(t, app.DraftLine{Name: "*计算机*笔记本电脑", TaxCode: "1090509010000000000",
		Amount: "113", TaxRate: "0.13", TaxIncluded: true, Discount: "11.30"})
	blue.Number = "24112000000000000001"
	if _, err := c.IssueRedDirect(context.Background(), redOf(blue, testSerial+"R"), blue); err != nil {
		t.Fatalf("IssueRedDirect: %v", err)
	}
	l := wireLines(t, fs.last(t))
	if len(l) != 1 || l[0]["lineAttribute"] != "2" || l[0]["discount"] != "-11.30" || l[0]["taxDiscount"] != "-1.30" ||
		l[0]["lineAmountIncludeTax"] != "-113.00" {
		t.Errorf("lines %v", l)
	}
}

func TestIssueRedDirectRefusesBeforeSending(t *testing.T) {
	blueOK := func(t *testing.T) app.Invoice {
		b := invoiceForLimits(t)
		b.Number = "24112000000000000001"
		return b
	}
	for _, tc := range []struct {
		name, field, rule string
		change            func(red, blue *app.Invoice)
	}{
		{"no blue number", "blue_number", "required", func(_, b *app.Invoice) { b.Number = "" }},
		{"7 digits", "blue_number", "invoice_number", func(_, b *app.Invoice) { b.Number = "1222176" }},
		{"letters", "blue_number", "invoice_number", func(_, b *app.Invoice) { b.Number = "2411200000000000000A" }},
		{"8 digits without a code", "blue_code", "required", func(_, b *app.Invoice) { b.Number = "12221761" }},
		{"code over 12", "blue_code", "max_bytes", func(_, b *app.Invoice) { b.Number, b.Code = "12221761", "0500020002051" }},
		{"code with letters", "blue_code", "digits", func(_, b *app.Invoice) { b.Code = "05000200020X" }},
		{"another blue invoice", "blue_number", "blue_mismatch", func(r, _ *app.Invoice) { r.BlueNumber = "24112000000000000002" }},
		{"positive red", "total", "red_negative", func(r, b *app.Invoice) { r.Lines = b.Lines; r.ApplyTotals() }},
		{"another type", "type", "blue_type", func(r, _ *app.Invoice) { r.Type = app.TypeSpecial }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFakeServer(t)
			c := newTestClient(t, fs.URL)
			blue := blueOK(t)
			red := redOf(blue, testSerial+"R")
			tc.change(&red, &blue)
			_, err := c.IssueRedDirect(context.Background(), red, blue)
			fieldError(t, err, tc.field, tc.rule)
			if pe := providerErrorOf(t, err); pe.Kind != app.KindBusiness || !pe.NotSent {
				t.Errorf("kind %v NotSent %v", pe.Kind, pe.NotSent)
			}
			if fs.count() != 0 {
				t.Errorf("%d requests sent", fs.count())
			}
		})
	}
}

func TestIssueSendsNoBlueFields(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	if _, err := c.Issue(context.Background(), invoiceForLimits(t)); err != nil {
		t.Fatal(err)
	}
	req := fs.last(t)
	for _, k := range []string{"blueInvoiceNo", "blueInvoiceCode"} {
		if _, ok := req[k]; ok {
			t.Errorf("a blue invoice sent %s = %#v", k, req[k])
		}
	}
}
