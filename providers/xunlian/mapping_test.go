package xunlian

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"fapiao/app"
)

func TestIssueSendsToServerIssueAsJSON(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL+"/gateway/") // a base with a path and a trailing slash
	if _, err := c.Issue(context.Background(), prepare(t, app.DraftLine{
		Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Amount: "100", TaxRate: "0.06", TaxIncluded: true,
	})); err != nil {
		t.Fatalf("Issue: %v", err)
	}
	r := fs.requests[0]
	if r.Method != "POST" || r.Path != "/gateway/sco-invoice-legged-biz/tax/output/openapi/serverIssue" {
		t.Errorf("%s %s", r.Method, r.Path)
	}
	if !strings.HasPrefix(r.ContentType, "application/json") {
		t.Errorf("Content-Type %q", r.ContentType)
	}
}

func TestIssueTaxExclusive(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	inv := prepare(t, app.DraftLine{
		Name: "*信息技术服务*运维服务", TaxCode: "3040201000000000000", Spec: "年度", Unit: "次",
		Quantity: "2", Price: "50", Amount: "100", TaxRate: "6%", TaxIncluded: false,
	})
	inv.Remark, inv.Drawer, inv.Buyer.Bank, inv.Buyer.Account, inv.Buyer.Email = "合同 A-1", "王五", "招商银行上海分行", "1219 0000 1111", "fin@example.com"
	got, err := c.Issue(context.Background(), inv)
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	if got.Number != testNumber || got.Code != "" {
		t.Errorf("result %+v", got)
	}
	req := fs.last(t)
	if v := req["computeWithTax"]; v != json.Number("0") {
		t.Fatalf("computeWithTax = %#v, want the number 0 (absent would mean 含税)", v)
	}
	delete(req, "computeWithTax")
	lines := wireLines(t, req)
	delete(req, "lines")
	assertFields(t, "header", req, map[string]string{
		"companyDataResource": testDataResource, "requisitionApplyNo": testSerial, "otherId": testSerial,
		"invoiceTypeCode": "10", "buyerName": "上海市某某科技有限公司", "buyerTaxId": "91510113MA6739XPX2",
		"buyerAddress": "上海市浦东新区某路1号 021-12345678", "buyerBankAndId": "招商银行上海分行 1219 0000 1111",
		"note": "合同 A-1", "sellerName": testSeller.Name, "sellerTaxId": testSeller.TaxID,
		"sellerAddress": "上海市徐汇区**路星联科研楼2幢3-4楼 24081101", "sellerBankAndId": testSeller.Bank,
		"totalAmountExcludeTax": "100.00", "totalTaxAmount": "6.00", "totalAmountIncludeTax": "106.00",
		"specialInvoiceMark": "00", "receiveMsgEmail": "fin@example.com", "terminalCode": testTerminal, "drawer": "王五",
	})
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	assertFields(t, "lines[0]", lines[0], map[string]string{
		"id": "1", "itemName": "*信息技术服务*运维服务", "unit": "次", "itemModelName": "年度", "lineAttribute": "0",
		"priceExcludeTax": "50.00000000", "priceIncludeTax": "53.00000000", "quantity": "2.00000000",
		"lineAmountExcludeTax": "100.00", "lineAmountIncludeTax": "106.00", "taxAmount": "6.00",
		"taxRate": "0.060", "taxClassificationCode": "3040201000000000000",
	})
}

func TestIssueFoldsDiscountIntoItsLine(t *testing.T) {
	for _, tc := range []struct {
		name     string
		included bool
		withTax  json.Number
		first    map[string]string
		totals   [3]string
	}{
		{"tax-inclusive", true, "1", map[string]string{
			"lineAttribute": "2", "discount": "11.30", "taxDiscount": "1.30",
			"lineAmountExcludeTax": "100.00", "lineAmountIncludeTax": "113.00", "taxAmount": "13.00",
			"priceIncludeTax": "56.50000000", "priceExcludeTax": "50.00000000", "quantity": "2.00000000",
		}, [3]string{"107.70", "14.00", "121.70"}},
		{"tax-exclusive", false, "0", map[string]string{
			"lineAttribute": "2", "lineDiscountExcludeTax": "11.30", "taxDiscount": "1.47",
			"lineAmountExcludeTax": "113.00", "lineAmountIncludeTax": "127.69", "taxAmount": "14.69",
			"priceExcludeTax": "56.50000000", "priceIncludeTax": "63.84500000", "quantity": "2.00000000",
		}, [3]string{"121.70", "15.82", "137.52"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFakeServer(t)
			c := newTestClient(t, fs.URL)
			inv := prepare(t,
				app.DraftLine{Name: "*计算机*笔记本电脑", TaxCode: "1090509010000000000", Unit: "台", Quantity: "2", Price: "56.5",
					Amount: "113", TaxRate: "0.13", TaxIncluded: tc.included, Discount: "11.30"},
				app.DraftLine{Name: "*计算机*鼠标", TaxCode: "1090509010000000000", Amount: "20", TaxRate: "0.13", TaxIncluded: tc.included},
			)
			if len(inv.Lines) != 3 || inv.Lines[1].Nature != app.NatureDiscount {
				t.Fatalf("the domain should keep a discount line: %+v", inv.Lines)
			}
			if _, err := c.Issue(context.Background(), inv); err != nil {
				t.Fatalf("Issue: %v", err)
			}
			req := fs.last(t)
			if req["computeWithTax"] != tc.withTax {
				t.Errorf("computeWithTax = %#v", req["computeWithTax"])
			}
			lines := wireLines(t, req)
			if len(lines) != 2 {
				t.Fatalf("%d lines, want the discount folded into line 1", len(lines))
			}
			want := map[string]string{"id": "1", "itemName": "*计算机*笔记本电脑", "unit": "台", "taxRate": "0.130",
				"taxClassificationCode": "1090509010000000000"}
			for k, v := range tc.first {
				want[k] = v
			}
			assertFields(t, "lines[0]", lines[0], want)
			if lines[1]["id"] != "2" || lines[1]["lineAttribute"] != "0" || lines[1]["discount"] != nil || lines[1]["taxDiscount"] != nil {
				t.Errorf("lines[1] = %v, want id 2, a normal line without discount", lines[1])
			}
			got := [3]any{req["totalAmountExcludeTax"], req["totalTaxAmount"], req["totalAmountIncludeTax"]}
			for i := range got {
				if got[i] != tc.totals[i] {
					t.Errorf("totals %v, want %v (net of the discount)", got, tc.totals)
					break
				}
			}
		})
	}
}

func TestIssueRefusesMixedTaxBasis(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	inv := prepare(t,
		app.DraftLine{Name: "*软件*甲", TaxCode: "1060301020100000000", Amount: "10", TaxRate: "0.13", TaxIncluded: true},
		app.DraftLine{Name: "*软件*乙", TaxCode: "1060301020100000000", Amount: "10", TaxRate: "0.13", TaxIncluded: false},
	)
	_, err := c.Issue(context.Background(), inv)
	fe := fieldError(t, err, "lines[1].tax_included", "tax_included_mixed")
	if !strings.Contains(fe.Message, "computeWithTax") {
		t.Errorf("%+v", fe)
	}
	if fs.count() != 0 {
		t.Errorf("%d requests sent, want none", fs.count())
	}
	if err := c.Check(inv); err == nil {
		t.Error("Check accepted the mixed invoice")
	}
}

func TestIssueWritesEightDecimalPricesAndThreeDecimalRates(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	inv := prepare(t,
		app.DraftLine{Name: "*农产品*大米", TaxCode: "1010101010000000000", Quantity: "3", Price: "0.33333333",
			Amount: "1", TaxRate: "1.5%", TaxIncluded: true},
		app.DraftLine{Name: "*农产品*小米", TaxCode: "1010101010000000000", Quantity: "1.5", Price: "2.12345678",
			Amount: "3.19", TaxRate: "0.09", TaxIncluded: true},
	)
	if _, err := c.Issue(context.Background(), inv); err != nil {
		t.Fatalf("Issue: %v", err)
	}
	lines := wireLines(t, fs.last(t))
	want := []map[string]string{
		// 1.00 at 1.5%: tax round(1 × 0.015 / 1.015) = 0.01, amount 0.99 → 0.99 / 3.
		{"taxRate": "0.015", "quantity": "3.00000000", "priceIncludeTax": "0.33333333", "priceExcludeTax": "0.33000000",
			"lineAmountIncludeTax": "1.00", "lineAmountExcludeTax": "0.99", "taxAmount": "0.01"},
		// 3.19 at 9%: tax 0.26, amount 2.93 → 2.93 / 1.5 = 1.95333333.
		{"taxRate": "0.090", "quantity": "1.50000000", "priceIncludeTax": "2.12345678", "priceExcludeTax": "1.95333333",
			"lineAmountIncludeTax": "3.19", "lineAmountExcludeTax": "2.93", "taxAmount": "0.26"},
	}
	for i, w := range want {
		for k, v := range w {
			if lines[i][k] != v {
				t.Errorf("lines[%d].%s = %#v, want %q", i, k, lines[i][k], v)
			}
		}
	}
}

func TestIssueSendsTheSameBytesForTheSameSerial(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	inv := prepare(t, app.DraftLine{Name: "*软件*甲", TaxCode: "1060301020100000000", Amount: "10", TaxRate: "0.13", TaxIncluded: true})
	for range 2 {
		if _, err := c.Issue(context.Background(), inv); err != nil {
			t.Fatal(err)
		}
	}
	b := fs.bodies()
	if len(b) != 2 || !bytes.Equal(b[0], b[1]) {
		t.Errorf("a resend differs:\n%s\n%s", b[0], b[1])
	}
}

func TestCheckRefusesWhatTheMappingCannotSend(t *testing.T) {
	base := func(t *testing.T) app.Invoice {
		return prepare(t, app.DraftLine{Name: "*软件*甲", TaxCode: "1060301020100000000", Amount: "10", TaxRate: "0.13", TaxIncluded: true})
	}
	for _, tc := range []struct {
		name, field, rule string
		change            func(*app.Invoice)
	}{
		{"other type", "type", "one_of", func(inv *app.Invoice) { inv.Type = "01" }},
		{"no serial", "request_serial", "required", func(inv *app.Invoice) { inv.RequestSerial = "" }},
		{"another seller", "seller.tax_id", "seller_mismatch", func(inv *app.Invoice) { inv.Seller.TaxID = "9111011457319202X9" }},
		{"red through Issue", "blue_number", "red_invoice", func(inv *app.Invoice) { inv.BlueNumber = testNumber }},
		{"quantity without price", "lines[0].quantity", "quantity_price_pair", func(inv *app.Invoice) {
			inv.Lines[0].Quantity.Valid, inv.Lines[0].Quantity.Decimal = true, dec("1")
		}},
		{"three-decimal amount", "lines[0].amount", "decimal_places", func(inv *app.Invoice) {
			inv.Lines[0].AmountExcl = dec("8.851")
			inv.ApplyTotals()
		}},
		{"stale total", "total", "total_mismatch", func(inv *app.Invoice) { inv.Total = dec("99") }},
		{"discount line alone", "lines[0].discount", "discount_line", func(inv *app.Invoice) {
			d := inv.Lines[0]
			d.Nature, d.Amount, d.AmountExcl, d.Tax = app.NatureDiscount, dec("-1"), dec("-0.88"), dec("-0.12")
			inv.Lines = append(inv.Lines, d)
			inv.ApplyTotals()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv := base(t)
			tc.change(&inv)
			fieldError(t, wrapCheck(t, newTestClient(t, "http://127.0.0.1:1"), inv), tc.field, tc.rule)
		})
	}
}

// wrapCheck runs Check and makes sure Issue refuses the same way without
// sending (the client points at a closed port: a send would fail otherwise).
func wrapCheck(t *testing.T, c *Client, inv app.Invoice) error {
	t.Helper()
	checkErr := c.Check(inv)
	_, issueErr := c.Issue(context.Background(), inv)
	var pe *app.ProviderError
	if !errors.As(issueErr, &pe) || pe.Kind != app.KindBusiness || !pe.NotSent {
		t.Errorf("Issue error %v, want a business refusal marked NotSent", issueErr)
	}
	return checkErr
}

// fieldError finds err's *app.ValidationError and in it an error on field
// for rule.
func fieldError(t *testing.T, err error, field, rule string) app.FieldError {
	t.Helper()
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T), want an *app.ValidationError", err, err)
	}
	for _, fe := range ve.For(field) {
		if fe.Rule == rule {
			return fe
		}
	}
	t.Fatalf("no %s error on %s; all: %v", rule, field, ve.Errors)
	return app.FieldError{}
}

// A resend carries the seller as committed with the invoice, even after the
// clerk edits the configured address: otherwise the platform would see
// different content under the same serial and refuse it.
func TestIssueSendsTheInvoicesOwnSeller(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	inv := prepare(t, app.DraftLine{Name: "*软件*甲", TaxCode: "1060301020100000000", Amount: "10", TaxRate: "0.13", TaxIncluded: true})
	inv.Seller.Address, inv.Seller.Phone = "旧地址1号", "028-1"
	if _, err := c.Issue(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	if got := fs.last(t)["sellerAddress"]; got != "旧地址1号 028-1" {
		t.Errorf("sellerAddress = %v, want the invoice's own", got)
	}
}
