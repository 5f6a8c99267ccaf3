package taxsync

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

func fetchPage(t *testing.T, status app.InboundStatus, answer string) app.InboundPage {
	t.Helper()
	f := newFakeSync(t, always(200, answer))
	c, _ := newTestClient(t, f.URL)
	page, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: status, Page: 1, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func at(s string) time.Time {
	t, err := time.ParseInLocation(time.DateTime, s, app.ChinaTime)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSeedPlainExample(t *testing.T) {
	for _, zipped := range []bool{false, true} {
		page := fetchPage(t, app.InboundUnchecked, okAnswer(seedPlainPage, zipped))
		if page.Count != 201 || page.Page != 1 || page.PageSize != 100 || len(page.Invoices) != 1 {
			t.Fatalf("zipped %v: page %+v", zipped, page)
		}
		inv := page.Invoices[0]
		want := app.InboundInvoice{
			Key: "01/5200171130/01539905", Status: "10", Period: "202201", Kind: "FP",
			Code: "5200171130", Number: "01539905", Type: "01", BillingDate: day("2018-06-21"),
			BuyerName: "北京*********有限公司", BuyerTaxID: "911*********15B",
			SellerName: "*******有限公司", SellerTaxID: "9152**********936",
			Amount: decimal.NewNullDecimal(dec("28155.34")), Tax: dec("844.66"), ValidTax: dec("844.66"),
			State: "0", Deductible: "0", CheckStatus: "1", ManagementStatus: "0",
			NotDeductibleType: "不抵扣类型", EInvoiceNumber: "全电纸质发票的全电发票号码",
			BusinessType: "业务类型, 08 通行费,12 自产农产品,16 自小规模处采购农产品,空字符串或null-无业务类型",
		}
		assertInvoice(t, inv, want)
	}
}

func TestSeedAdapterExample(t *testing.T) {
	page := fetchPage(t, app.InboundPastPeriods, okAnswer(seedAdapterPage, true))
	if len(page.Invoices) != 2 || page.Page != 1 || page.PageSize != 100 {
		t.Fatalf("page %+v", page)
	}
	// No count in the adapter format; a short page is the last.
	if page.Count != 2 {
		t.Errorf("count %d, want 2 (a short first page)", page.Count)
	}
	fp := app.InboundInvoice{
		Key: "01/1100193***/06374***", Status: "40", Period: "202002", Kind: "FP",
		Code: "1100193***", Number: "06374***", Type: "01", BillingDate: day("2020-01-16"),
		BuyerName: "商贸有限公司", BuyerTaxID: "91310115797033****",
		SellerName: "(中国)有限公司", SellerTaxID: "91110000625907****",
		Amount: decimal.NewNullDecimal(dec("5763.7")), Tax: dec("749.28"), ValidTax: dec("749.28"),
		State: "0", Deductible: "1", DeductibleDate: at("2020-02-28 22:01:30"), DeductiblePeriod: "202002",
		DeductibleType: "1", DeductibleMode: "1", CheckStatus: "1", CheckDate: at("2020-02-28 22:01:30"),
		ManagementStatus: "0", SourceID: "0", Source: "1", CheckTime: at("2020-02-28 22:01:30"),
	}
	voucher := app.InboundInvoice{
		Key: "17//53042019104106***8-L02", Status: "40", Period: "202002", Kind: "HGJKS",
		Number: "53042019104106***8-L02", Type: "17", BillingDate: day("2019-11-28"),
		BuyerName: "贸有限公司", BuyerTaxID: "91310115797033***",
		Tax: dec("433138.8"), ValidTax: dec("433138.8"),
		State: "0", Deductible: "1", DeductibleDate: at("2020-02-24 15:19:28"), DeductiblePeriod: "202002",
		DeductibleType: "1", DeductibleMode: "1", CheckStatus: "1", CheckDate: at("2020-02-24 15:19:28"),
		ManagementStatus: "0", SourceID: "35100", Source: "1", CheckTime: at("2020-02-24 15:19:28"),
		Withheld: "0", ModifiedAt: at("2023-06-06 17:50:44"),
	}
	assertInvoice(t, page.Invoices[0], fp)
	assertInvoice(t, page.Invoices[1], voucher)
	if page.Invoices[1].Amount.Valid {
		t.Error("a customs voucher without totalAmount has a valid amount")
	}
}

// assertInvoice compares field by field, so a failure names the field.
func assertInvoice(t *testing.T, got, want app.InboundInvoice) {
	t.Helper()
	for _, f := range invoiceFields(got, want) {
		if !f.equal {
			t.Errorf("%s: %s = %v, want %v", want.Number, f.name, f.got, f.want)
		}
	}
}

func TestAdapterCountDrivesPaging(t *testing.T) {
	entry := func(n int) string {
		return `{"invoiceNumber":"` + strings.Repeat("1", n) + `","invoiceType":"01","totalTax":"1","validTax":"1"}`
	}
	list := func(n int) string {
		var entries []string
		for i := 1; i <= n; i++ {
			entries = append(entries, entry(i))
		}
		return strings.Join(entries, ",")
	}
	for _, tc := range []struct {
		name      string
		answer    string
		wantCount int
	}{
		// Page 2 of size 3, full (2 FP + 1 HGJKS over two periods): ask on.
		{"full page", `{"pageSize":"3","currentPage":"2","InvoiceList":{"202401":{"FP":[` + list(2) +
			`]},"202402":{"HGJKS":[` + entry(7) + `]}}}`, 2*3 + 1},
		// Page 2 of size 3 with 2 entries: the last page.
		{"short page", `{"pageSize":"3","currentPage":"2","InvoiceList":{"202401":{"FP":[` + list(2) + `]}}}`, 3 + 2},
		// An empty page after a full one ends the sync.
		{"empty page", `{"pageSize":"3","currentPage":"3","InvoiceList":{"202306":{}}}`, 6},
		{"empty list", `{"pageSize":"3","currentPage":"3","InvoiceList":{}}`, 6},
		// A count, where one is given, wins.
		{"count given", `{"pageSize":"3","currentPage":"2","count":"40","InvoiceList":{"202401":{"FP":[` + list(3) + `]}}}`, 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := fetchPage(t, app.InboundPastPeriods, okAnswer(tc.answer, true))
			if page.Count != tc.wantCount {
				t.Errorf("count %d, want %d (page %d of %d, %d invoices)", page.Count, tc.wantCount,
					page.Page, page.PageSize, len(page.Invoices))
			}
		})
	}
}

func TestAdapterOrderIsStable(t *testing.T) {
	answer := `{"pageSize":10,"currentPage":1,"InvoiceList":{
		"202402":{"HGJKS":[{"invoiceNumber":"H2","invoiceType":"17"}],"FP":[{"invoiceNumber":"F2","invoiceType":"01"}]},
		"202401":{"ZZ":[{"invoiceNumber":"Z1","invoiceType":"18"}],"HGJKS":[{"invoiceNumber":"H1","invoiceType":"17"}],"FP":null},
		"202403":[]}}`
	page := fetchPage(t, app.InboundPastPeriods, okAnswer(answer, false))
	var got []string
	for _, inv := range page.Invoices {
		got = append(got, inv.Period+"/"+inv.Kind+"/"+inv.Number)
	}
	want := "202401/HGJKS/H1 202401/ZZ/Z1 202402/FP/F2 202402/HGJKS/H2"
	if strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

func TestNumbersAsStrings(t *testing.T) {
	answer := `{"pageSize":"2","currentPage":"1","count":"2","skssq":202401,"InvoiceList":[
		{"invoiceNumber":24442000000000012345,"invoiceType":"09","totalAmount":"100.10","totalTax":"13.01","validTax":"13.01","state":0,"billingDate":"2024-01-05"},
		{"invoiceNumber":"24442000000000012346","invoiceType":90,"totalAmount":100.1,"totalTax":1.3E1,"validTax":13,"deductible":1}]}`
	page := fetchPage(t, app.InboundChecked, okAnswer(answer, true))
	if page.Count != 2 || page.PageSize != 2 || len(page.Invoices) != 2 {
		t.Fatalf("page %+v", page)
	}
	a, b := page.Invoices[0], page.Invoices[1]
	// A 20-digit number written as a JSON number keeps every digit.
	if a.Number != "24442000000000012345" || a.Key != "09//24442000000000012345" || a.State != "0" {
		t.Errorf("first %+v", a)
	}
	if !a.Amount.Decimal.Equal(dec("100.10")) || !a.Tax.Equal(dec("13.01")) || a.Period != "202401" {
		t.Errorf("first amounts %v %v period %s", a.Amount, a.Tax, a.Period)
	}
	if b.Type != "90" || !b.Amount.Decimal.Equal(dec("100.1")) || !b.Tax.Equal(dec("13")) || b.Deductible != "1" {
		t.Errorf("second %+v", b)
	}
}

func TestPeriodFallsBackToDeductiblePeriod(t *testing.T) {
	answer := `{"pageSize":100,"currentPage":1,"count":1,"InvoiceList":[
		{"invoiceNumber":"1","invoiceType":"01","deductiblePeriod":"202311"}]}`
	if p := fetchPage(t, app.InboundChecked, okAnswer(answer, false)).Invoices[0].Period; p != "202311" {
		t.Errorf("period %q, want the deductible period", p)
	}
}

func TestVoucherKindOutsideTheAdapter(t *testing.T) {
	answer := `{"pageSize":100,"currentPage":1,"count":2,"InvoiceList":[
		{"invoiceNumber":"1","invoiceType":"17"},{"invoiceNumber":"2","invoiceType":"01"}]}`
	page := fetchPage(t, app.InboundNotDue, okAnswer(answer, false))
	if page.Invoices[0].Kind != "HGJKS" || page.Invoices[1].Kind != "FP" {
		t.Errorf("kinds %s %s", page.Invoices[0].Kind, page.Invoices[1].Kind)
	}
}

func TestTimeFormats(t *testing.T) {
	want := at("2020-02-28 22:01:30")
	for _, text := range []string{"2020-02-28 22:01:30", "2020-02-28 22:01:30.0", "2020-02-28T22:01:30",
		"2020/02/28 22:01:30", "20200228220130", "1582898490000", "2020-02-28T14:01:30Z"} {
		got, err := parseWireTime(text)
		if err != nil || !got.Equal(want) {
			t.Errorf("%q: %v %v, want %v", text, got, err, want)
		}
	}
	for _, text := range []string{"", "0000-00-00 00:00:00"} {
		if got, err := parseWireTime(text); err != nil || !got.IsZero() {
			t.Errorf("%q: %v %v, want zero", text, got, err)
		}
	}
	if _, err := parseWireTime("28.02.2020"); err == nil {
		t.Error("an unknown format was accepted")
	}
}
