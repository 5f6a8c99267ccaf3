package xunlian

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// Every text field with a length in the seed is refused one byte over it,
// counted in GBK (a Chinese character is 2 bytes), on the domain's field,
// with the wire name and the limit in the message, and nothing is sent. One
// byte less is accepted, so the limit is the seed's and not a guess.
func TestIssueRefusesTextOverItsGBKLength(t *testing.T) {
	for _, tc := range []struct {
		field, wire string
		limit       int
		set         func(inv *app.Invoice, v string)
	}{
		{"buyer.name", "buyerName", 100, func(inv *app.Invoice, v string) { inv.Buyer.Name = v }},
		{"buyer.tax_id", "buyerTaxId", 20, func(inv *app.Invoice, v string) { inv.Buyer.TaxID = v }},
		{"buyer.address", "buyerAddress", 100, func(inv *app.Invoice, v string) { inv.Buyer.Address, inv.Buyer.Phone = v, "" }},
		{"buyer.bank", "buyerBankAndId", 100, func(inv *app.Invoice, v string) { inv.Buyer.Bank = v }},
		{"buyer.email", "receiveMsgEmail", 64, func(inv *app.Invoice, v string) { inv.Buyer.Email = v }},
		{"remark", "note", 212, func(inv *app.Invoice, v string) { inv.Remark = v }},
		{"drawer", "drawer", 20, func(inv *app.Invoice, v string) { inv.Drawer = v }},
		{"request_serial", "requisitionApplyNo", 96, func(inv *app.Invoice, v string) { inv.RequestSerial = v }},
		{"lines[0].name", "itemName", 92, func(inv *app.Invoice, v string) { inv.Lines[0].Name = v }},
		{"lines[0].unit", "unit", 14, func(inv *app.Invoice, v string) { inv.Lines[0].Unit = v }},
		{"lines[0].spec", "itemModelName", 40, func(inv *app.Invoice, v string) { inv.Lines[0].Spec = v }},
		{"lines[0].tax_code", "taxClassificationCode", 19, func(inv *app.Invoice, v string) { inv.Lines[0].TaxCode = v }},
	} {
		t.Run(tc.wire, func(t *testing.T) {
			fs := newFakeServer(t)
			c := newTestClient(t, fs.URL)
			ascii := tc.field == "buyer.tax_id" || tc.field == "buyer.email" || tc.field == "request_serial" || tc.field == "lines[0].tax_code"
			over, atLimit := textOfBytes(tc.limit+1, ascii), textOfBytes(tc.limit, ascii)

			inv := invoiceForLimits(t)
			tc.set(&inv, over)
			_, err := c.Issue(context.Background(), inv)
			fe := fieldError(t, err, tc.field, "max_bytes")
			for _, want := range []string{tc.wire, fmt.Sprintf("最多%d字节", tc.limit), fmt.Sprintf("当前%d字节", tc.limit+1)} {
				if !strings.Contains(fe.Message, want) {
					t.Errorf("message %q lacks %q", fe.Message, want)
				}
			}
			if n := fs.count(); n != 0 {
				t.Fatalf("%d requests sent, want none", n)
			}

			inv = invoiceForLimits(t)
			tc.set(&inv, atLimit)
			if err := c.Check(inv); err != nil {
				t.Errorf("%d bytes refused: %v", tc.limit, err)
			}
		})
	}
}

// textOfBytes makes text of n GBK bytes: Chinese characters (2 bytes each)
// with an ASCII letter to make up an odd count, or ASCII only.
func textOfBytes(n int, asciiOnly bool) string {
	if asciiOnly {
		return strings.Repeat("A", n)
	}
	return strings.Repeat("票", n/2) + strings.Repeat("A", n%2)
}

func invoiceForLimits(t *testing.T) app.Invoice {
	return prepare(t, app.DraftLine{Name: "*软件*甲", TaxCode: "1060301020100000000", Amount: "10", TaxRate: "0.13", TaxIncluded: true})
}

func TestIssueRefusesTextGBKCannotEncode(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	inv := invoiceForLimits(t)
	inv.Lines[0].Name = "*软件*甲😀"
	_, err := c.Issue(context.Background(), inv)
	fe := fieldError(t, err, "lines[0].name", "gbk")
	if !strings.Contains(fe.Message, "itemName") || !strings.Contains(fe.Message, "GBK") {
		t.Errorf("message %q", fe.Message)
	}
	if fs.count() != 0 {
		t.Errorf("%d requests sent", fs.count())
	}
}

// Figures are bounded in digits (a DECIMAL(p, s) column): a line amount
// has 12, a total 13 or 14, a quantity 16.
func TestIssueRefusesFiguresOverTheirDigits(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	huge := line("*软件*甲", "100000000000", "0.13", false, "123456789", "810") // 100,000,000,000.00: 14 digits
	inv := invoiceForLimits(t)
	inv.Lines = []app.Line{huge}
	inv.ApplyTotals()
	_, err := c.Issue(context.Background(), inv)
	fe := fieldError(t, err, "lines[0].amount", "max_digits")
	if !strings.Contains(fe.Message, "lineAmountExcludeTax") || !strings.Contains(fe.Message, "最多12位") || !strings.Contains(fe.Message, "当前14位") {
		t.Errorf("message %q", fe.Message)
	}
	fieldError(t, err, "lines[0].quantity", "max_digits") // 123456789.00000000: 17 digits
	fieldError(t, err, "total_amount", "max_digits")      // 14 digits, 13 allowed
	if fs.count() != 0 {
		t.Errorf("%d requests sent", fs.count())
	}

	within := line("*软件*甲", "999999999.99", "0.13", false, "99999999", "10")
	inv.Lines = []app.Line{within}
	inv.ApplyTotals()
	if err := c.Check(inv); err != nil {
		t.Errorf("figures within their digits refused: %v", err)
	}
}

func TestCountDigits(t *testing.T) {
	for s, want := range map[string]int{"-4570.80": 6, "0.130": 4, "": 0, "1.00000000": 9} {
		if got := countDigits(s); got != want {
			t.Errorf("countDigits(%q) = %d, want %d", s, got, want)
		}
	}
	if d := decimal.RequireFromString("12.5"); fixed8(d) != "12.50000000" {
		t.Errorf("fixed8 = %s", fixed8(d))
	}
}
