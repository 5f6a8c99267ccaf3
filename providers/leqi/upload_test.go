package leqi

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

const (
	testNumber = "25440000000000000001"
	blueNumber = "25440000000000000009"
)

func nullDec(s string) decimal.NullDecimal { return decimal.NewNullDecimal(dec(s)) }

// testInvoice is numbered and dated: 1 July 2025 01:00:05 in China is 30
// June 17:00:05 UTC. Its lines: the seed's 1.00 at 1% tax-inclusive, a line
// without quantity, and a discounted line with its discount.
func testInvoice() app.Invoice {
	inv := app.Invoice{
		RequestSerial: testTaxID + "_250701010005ABCD", Number: testNumber, Type: app.TypeOrdinary,
		IssuedAt: time.Date(2025, 6, 30, 17, 0, 5, 0, time.UTC),
		Seller: app.Party{Name: "北京某某科技有限公司", TaxID: testTaxID, Address: "北京市海淀区", Phone: "010-12345678",
			Bank: "工商银行海淀支行", Account: "0200001234567890"},
		Buyer:  app.Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"},
		Remark: "备注", Drawer: "张三",
		Lines: []app.Line{
			{Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Spec: "V1", Unit: "年",
				Quantity: nullDec("1"), Price: nullDec("1"), Amount: dec("1"), TaxIncluded: true,
				TaxRate: dec("0.01"), AmountExcl: dec("0.99"), Tax: dec("0.01")},
			{Name: "*信息技术服务*运维服务", TaxCode: "3040201000000000000",
				Amount: dec("100"), TaxRate: dec("0.06"), AmountExcl: dec("100"), Tax: dec("6")},
			{Nature: app.NatureDiscounted, Name: "*计算机配套产品*键盘", TaxCode: "1090511030000000000", Unit: "个",
				Quantity: nullDec("2"), Price: nullDec("25"), Amount: dec("50"), TaxRate: dec("0.13"),
				AmountExcl: dec("50"), Tax: dec("6.5")},
			{Nature: app.NatureDiscount, Name: "*计算机配套产品*键盘", TaxCode: "1090511030000000000",
				Amount: dec("-10"), TaxRate: dec("0.13"), AmountExcl: dec("-10"), Tax: dec("-1.3")},
		},
	}
	inv.ApplyTotals()
	return inv
}

const wantUploadRequest = `{"nsrsbh":"9111011457319202X9","fpxx":{
 "fphm":"25440000000000000001","kprq":"2025-07-01 01:00:05","fpqqlsh":"9111011457319202X9_250701010005ABCD",
 "fplxdm":"82","kplx":"0",
 "xhdwsbh":"9111011457319202X9","xhdwmc":"北京某某科技有限公司","xhdwdzdh":"北京市海淀区 010-12345678",
 "xhdwyhzh":"工商银行海淀支行 0200001234567890",
 "ghdwsbh":"91510113MA6739XPX2","ghdwmc":"上海某某科技有限公司","ghdwdzdh":"","ghdwyhzh":"","gfzrrbs":"N",
 "hjje":"140.99","hjse":"11.21","jshj":"152.20","kpr":"张三","bz":"备注",
 "mxxx":[
  {"xh":1,"fphxz":"0","spmc":"*软件*财税管理系统","spbm":"1060301020100000000","ggxh":"V1","dw":"年",
   "spsl":"1","dj":"0.99009901","je":"0.99","sl":"0.01","se":"0.01"},
  {"xh":2,"fphxz":"0","spmc":"*信息技术服务*运维服务","spbm":"3040201000000000000","ggxh":"","dw":"",
   "je":"100.00","sl":"0.06","se":"6.00"},
  {"xh":3,"fphxz":"2","spmc":"*计算机配套产品*键盘","spbm":"1090511030000000000","ggxh":"","dw":"个",
   "spsl":"2","dj":"25","je":"50.00","sl":"0.13","se":"6.50"},
  {"xh":4,"fphxz":"1","spmc":"*计算机配套产品*键盘","spbm":"1090511030000000000","ggxh":"","dw":"",
   "je":"-10.00","sl":"0.13","se":"-1.30"}]}}`

func TestUploadSendsTheExactRequest(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(`{"returncode":"00","returnmsg":"受理成功","sllsh":"SL20250701000001"}`)))
	c, _ := newTestClient(t, f.URL)
	ticket, err := c.Upload(t.Context(), testInvoice())
	if err != nil {
		t.Fatalf("Upload: %v", err)
	}
	if ticket != "SL20250701000001" {
		t.Errorf("ticket %q", ticket)
	}
	call := f.only()
	assertEnvelope(t, call, "QDFPSC")
	assertJSON(t, call, wantUploadRequest)
	if strings.Contains(string(call.Plain), "yfphm") {
		t.Error("a blue invoice carries yfphm")
	}
}

func TestUploadRedInvoice(t *testing.T) {
	f := newFakeLeqi(t, always(200, plainData(`{"returncode":"00","sllsh":12345}`)))
	c, _ := newTestClient(t, f.URL)
	red := testInvoice()
	red.BlueNumber = blueNumber
	red.Lines = []app.Line{{Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Quantity: nullDec("-1"),
		Price: nullDec("1"), Amount: dec("-1"), TaxIncluded: true, TaxRate: dec("0.01"), AmountExcl: dec("-0.99"), Tax: dec("-0.01")}}
	red.Buyer.NaturalPerson = true
	ticket, err := c.Upload(t.Context(), red)
	if err != nil || ticket != "12345" {
		t.Fatalf("Upload: %q, %v", ticket, err)
	}
	fpxx := f.only().JSON["fpxx"].(map[string]any)
	line := fpxx["mxxx"].([]any)[0].(map[string]any)
	for key, want := range map[string]any{"kplx": "1", "yfphm": blueNumber, "gfzrrbs": "Y", "hjje": "-0.99", "jshj": "-1.00"} {
		if fpxx[key] != want {
			t.Errorf("%s = %v, want %v", key, fpxx[key], want)
		}
	}
	if line["spsl"] != "-1" || line["dj"] != "0.99009901" || line["je"] != "-0.99" {
		t.Errorf("line %v", line)
	}
}

func TestUploadChecksBeforeSending(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*app.Invoice)
		want string
	}{
		"no number":    {func(i *app.Invoice) { i.Number = "" }, "发票号码"},
		"short number": {func(i *app.Invoice) { i.Number = testNumber[:19] }, "发票号码"},
		"letters":      {func(i *app.Invoice) { i.Number = "2544000000000000000A" }, "发票号码"},
		"no date":      {func(i *app.Invoice) { i.IssuedAt = time.Time{} }, "开票日期"},
		"other year":   {func(i *app.Invoice) { i.IssuedAt = time.Date(2026, 1, 1, 0, 0, 0, 0, app.ChinaTime) }, "2025"},
		"UTC year is not China year": {func(i *app.Invoice) {
			i.Number = "24440000000000000001"
			i.IssuedAt = time.Date(2024, 12, 31, 16, 30, 0, 0, time.UTC) // 2025-01-01 00:30 in China
		}, "2024"},
		"no serial":    {func(i *app.Invoice) { i.RequestSerial = "" }, "流水号"},
		"no lines":     {func(i *app.Invoice) { i.Lines = nil }, "明细"},
		"other seller": {func(i *app.Invoice) { i.Seller.TaxID = "91510113MA6739XPX2" }, "销方税号"},
		"bad blue":     {func(i *app.Invoice) { i.BlueNumber = "123" }, "原发票号码"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(500, ""))
			c, _ := newTestClient(t, f.URL)
			inv := testInvoice()
			tc.edit(&inv)
			_, err := c.Upload(t.Context(), inv)
			pe := providerErr(t, err, app.KindBusiness)
			if !pe.NotSent || !strings.Contains(pe.Message, tc.want) || !strings.Contains(pe.Message, "未发送") {
				t.Errorf("error %+v, want one naming %s", pe, tc.want)
			}
			if n := len(f.recorded()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

func TestUploadDatedInChinaTime(t *testing.T) {
	// 2025-01-01 00:30 in China, still 2024 in UTC: a 25 number is right.
	f := newFakeLeqi(t, always(200, sealedData(`{"returncode":"00","sllsh":"T"}`)))
	c, _ := newTestClient(t, f.URL)
	inv := testInvoice()
	inv.IssuedAt = time.Date(2024, 12, 31, 16, 30, 0, 0, time.UTC)
	if _, err := c.Upload(t.Context(), inv); err != nil {
		t.Fatal(err)
	}
	if got := f.only().JSON["fpxx"].(map[string]any)["kprq"]; got != "2025-01-01 00:30:00" {
		t.Errorf("kprq %v", got)
	}
}

func TestUploadWithoutTicketIsMalformed(t *testing.T) {
	for name, data := range map[string]string{
		"none":     `{"returncode":"00","returnmsg":"成功"}`,
		"blank":    `{"returncode":"00","sllsh":"  "}`,
		"too long": `{"returncode":"00","sllsh":"` + strings.Repeat("9", 129) + `"}`,
		"object":   `{"returncode":"00","sllsh":{"id":1}}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, sealedData(data)))
			c, _ := newTestClient(t, f.URL)
			ticket, err := c.Upload(t.Context(), testInvoice())
			if pe := providerErr(t, err, app.KindTransient); pe.NotSent || ticket != "" {
				t.Errorf("ticket %q, error %+v", ticket, pe)
			}
		})
	}
}

func TestUploadRefused(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(`{"returncode":"9001","returnmsg":"发票号码不在已领用的号码段内"}`)))
	c, _ := newTestClient(t, f.URL)
	_, err := c.Upload(t.Context(), testInvoice())
	pe := providerErr(t, err, app.KindBusiness)
	if pe.Code != "9001" || !strings.Contains(pe.Message, "号码段") || pe.Op != "QDFPSC" {
		t.Errorf("error %+v", pe)
	}
}
