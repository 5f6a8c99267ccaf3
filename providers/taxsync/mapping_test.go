package taxsync

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// fieldDiff is one field of two inbound invoices, compared by value
// (decimals numerically, times as instants).
type fieldDiff struct {
	name      string
	got, want any
	equal     bool
}

func invoiceFields(got, want app.InboundInvoice) []fieldDiff {
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	var out []fieldDiff
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		out = append(out, fieldDiff{name: gv.Type().Field(i).Name, got: g, want: w, equal: sameValue(g, w)})
	}
	return out
}

func sameValue(a, b any) bool {
	switch av := a.(type) {
	case decimal.Decimal:
		return av.Equal(b.(decimal.Decimal))
	case decimal.NullDecimal:
		bv := b.(decimal.NullDecimal)
		return av.Valid == bv.Valid && (!av.Valid || av.Decimal.Equal(bv.Decimal))
	case time.Time:
		return av.Equal(b.(time.Time))
	}
	return reflect.DeepEqual(a, b)
}

// fullEntry fills every documented field (and every adapter field) with a
// value of its own, so a field mapped to the wrong place or not at all
// shows. The one-character codes cannot all differ within their code lists
// (several are 0/1 flags), so checkStatus, ylzd2, source and tq_bj carry
// values outside them: the client passes codes through unchecked.
const fullEntry = `{
 "billingDate": "2024-03-05", "deductible": "1", "deductibleDate": "2024-03-20 10:11:12",
 "deductiblePeriod": "202403", "deductibleType": "2", "deductibleMode": "4",
 "invoiceCode": "044002300111", "invoiceNumber": "12345678", "invoiceType": "10",
 "purchaserName": "北京购方有限公司", "purchaserTaxNo": "9111011457319202X9",
 "salesTaxName": "成都销方有限公司", "salesTaxNo": "91510113MA6739XPX2",
 "state": "80", "totalAmount": 1234.56, "totalTax": "160.49", "validTax": 150.01,
 "checkStatus": "9", "checkDate": "2024-03-21", "managementStatus": "3", "abnormalType": "0",
 "checkCode": "12345678901234567890", "ylzd2": "11", "ylzd3": "ZNX-2024-0007", "ylzd4": "5",
 "ylzd5": "24442000000000099999", "tdyslxDm": "08",
 "id": 98765, "source": "6", "checkTime": "2024-03-21 09:08:07", "tq_bj": "7", "xg_sj": "2024-03-22 18:19:20"
}`

func TestEveryFieldIsMapped(t *testing.T) {
	// The group's period differs from the entry's deductiblePeriod, so
	// Period shows which of the two it was taken from.
	answer := `{"pageSize":100,"currentPage":1,"InvoiceList":{"202404":{"FP":[` + fullEntry + `]}}}`
	page := fetchPage(t, app.InboundPastPeriods, okAnswer(answer, true))
	if len(page.Invoices) != 1 {
		t.Fatalf("%d invoices", len(page.Invoices))
	}
	got := page.Invoices[0]
	want := app.InboundInvoice{
		Key: "10/044002300111/12345678", Status: "40", Period: "202404", Kind: "FP",
		Code: "044002300111", Number: "12345678", Type: "10", BillingDate: day("2024-03-05"),
		BuyerName: "北京购方有限公司", BuyerTaxID: "9111011457319202X9",
		SellerName: "成都销方有限公司", SellerTaxID: "91510113MA6739XPX2",
		Amount: decimal.NewNullDecimal(dec("1234.56")), Tax: dec("160.49"), ValidTax: dec("150.01"),
		State: "80", CheckCode: "12345678901234567890",
		Deductible: "1", DeductibleDate: at("2024-03-20 10:11:12"), DeductiblePeriod: "202403",
		DeductibleType: "2", DeductibleMode: "4", CheckStatus: "9", CheckDate: day("2024-03-21"),
		ManagementStatus: "3", AbnormalType: "0",
		Mismatch: "11", ExportDomesticNo: "ZNX-2024-0007", NotDeductibleType: "5",
		EInvoiceNumber: "24442000000000099999", BusinessType: "08",
		SourceID: "98765", Source: "6", CheckTime: at("2024-03-21 09:08:07"), Withheld: "7",
		ModifiedAt: at("2024-03-22 18:19:20"),
	}
	for _, f := range invoiceFields(got, want) {
		if reflect.ValueOf(f.want).IsZero() {
			// A field app added after this test was written: fill it in
			// fullEntry and in want.
			t.Errorf("%s is not covered by this test", f.name)
		}
		if !f.equal {
			t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
		}
	}
}

// fullEntry's values are pairwise distinct, or a swap of two fields would
// go unseen by TestEveryFieldIsMapped.
func TestFullEntryValuesDiffer(t *testing.T) {
	var full map[string]json.RawMessage
	if err := json.Unmarshal([]byte(fullEntry), &full); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for name, raw := range full {
		v := strings.Trim(string(raw), `"`)
		if other, dup := seen[v]; dup {
			t.Errorf("%s and %s are both %s", name, other, v)
		}
		seen[v] = name
	}
}

// Every field of the wire entry is read by mapInvoice: dropping any one of
// them from fullEntry changes the result.
func TestNoWireFieldIsIgnored(t *testing.T) {
	var full map[string]json.RawMessage
	if err := json.Unmarshal([]byte(fullEntry), &full); err != nil {
		t.Fatal(err)
	}
	if n := reflect.TypeOf(wireInvoice{}).NumField(); len(full) != n {
		t.Fatalf("fullEntry has %d fields, wireInvoice %d", len(full), n)
	}
	base := mapFull(t, full)
	for name := range full {
		if name == "invoiceNumber" {
			continue // required: covered by TestEntryWithoutNumberFailsThePage
		}
		without := make(map[string]json.RawMessage, len(full))
		for k, v := range full {
			if k != name {
				without[k] = v
			}
		}
		if reflect.DeepEqual(mapFull(t, without), base) {
			t.Errorf("dropping %s changes nothing: it is not mapped", name)
		}
	}
}

func mapFull(t *testing.T, entry map[string]json.RawMessage) app.InboundInvoice {
	t.Helper()
	b, _ := json.Marshal(entry)
	var w wireInvoice
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	inv, err := mapInvoice(w, app.InboundChecked, "", "")
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func TestEntryWithoutNumberFailsThePage(t *testing.T) {
	_, err := decodePage([]byte(`{"count":1,"InvoiceList":[{"invoiceType":"01"}]}`), wireQuery{Page: 1, PageSize: 10, Rzzt: "10"})
	if err == nil {
		t.Fatal("an entry without a number was accepted")
	}
}

func TestUnreadableValuesFailThePage(t *testing.T) {
	for _, entry := range []string{
		`{"invoiceNumber":"1","totalAmount":"12,00"}`,
		`{"invoiceNumber":"1","totalTax":"abc"}`,
		`{"invoiceNumber":"1","validTax":"1e999"}`,
		`{"invoiceNumber":"1","billingDate":"21/06/2018"}`,
		`{"invoiceNumber":"1","xg_sj":"yesterday"}`,
		`{"invoiceNumber":{"x":1}}`,
	} {
		if _, err := decodePage([]byte(`{"InvoiceList":[`+entry+`]}`), wireQuery{Page: 1, PageSize: 10, Rzzt: "10"}); err == nil {
			t.Errorf("%s was accepted", entry)
		}
	}
}

func TestUnreadablePagesFail(t *testing.T) {
	for _, page := range []string{
		`{"count":-1,"InvoiceList":[]}`,
		`{"count":"many","InvoiceList":[]}`,
		`{"count":1.5,"InvoiceList":[]}`,
		`{"InvoiceList":"x"}`,
		`{"InvoiceList":{"202401":"x"}}`,
		`{"InvoiceList":{"202401":{"FP":{}}}}`,
		`[]`,
	} {
		if _, err := decodePage([]byte(page), wireQuery{Page: 1, PageSize: 10, Rzzt: "40"}); err == nil {
			t.Errorf("%s was accepted", page)
		}
	}
}

// Java services write an empty list as null or "": a page without invoices.
func TestEmptyInvoiceLists(t *testing.T) {
	for _, list := range []string{`[]`, `null`, `""`, `{}`} {
		page, err := decodePage([]byte(`{"count":0,"InvoiceList":`+list+`}`), wireQuery{Page: 1, PageSize: 10, Rzzt: "10"})
		if err != nil || len(page.Invoices) != 0 || page.Count != 0 {
			t.Errorf("%s: %+v %v", list, page, err)
		}
	}
	page, err := decodePage([]byte(`{"pageSize":10,"currentPage":3}`), wireQuery{Page: 3, PageSize: 10, Rzzt: "40"})
	if err != nil || page.Count != 20 {
		t.Errorf("no InvoiceList on page 3: %+v %v, want count 20", page, err)
	}
}
