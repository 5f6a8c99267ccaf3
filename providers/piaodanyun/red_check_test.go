package piaodanyun

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// seedBlue is the blue invoice of the seed's red examples.
const seedBlue = "24112000000064654320"

// seedFile returns one of the seed's examples, kept byte for byte in testdata.
func seedFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// okReply wraps data in a success envelope.
func okReply(data string) string {
	return `{"code":200,"msg":"成功","message":"成功","data":` + data + `,"total":0}`
}

func TestCheckBlueSendsExactFieldsAndMapsTheSeedAnswer(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueCheck, reply(http.StatusOK, seedFile(t, "ret_invice_msg_seed.json")))
	got, err := newTestClient(t, fs.URL).CheckBlue(context.Background(), seedBlue)
	if err != nil {
		t.Fatalf("CheckBlue: %v", err)
	}
	calls := fs.recorded()
	if len(calls) != 1 || calls[0].Method != http.MethodPost || calls[0].Path != pathBlueCheck {
		t.Fatalf("calls %+v", calls)
	}
	assertFields(t, "retInviceMsg", calls[0].Form, map[string]string{
		"username": testUsername, "nsrsbh": testTaxID, "fphm": seedBlue, "sqyy[0]": "2",
	})

	wantAt := time.Date(2024, 6, 19, 19, 34, 7, 0, app.ChinaTime)
	if got.Number != seedBlue || !got.IssuedAt.Equal(wantAt) || got.IssuedAt.Location() != app.ChinaTime || got.Type != "82" {
		t.Errorf("number/date/type %q %v %q", got.Number, got.IssuedAt, got.Type)
	}
	if got.Seller != (app.Party{Name: "北京民诺科技有限公司", TaxID: testTaxID}) {
		t.Errorf("seller %+v", got.Seller)
	}
	if got.Buyer != (app.Party{Name: "个人", NaturalPerson: true}) {
		t.Errorf("buyer %+v", got.Buyer)
	}
	if !got.TotalAmount.Equal(dec("-0.99")) || !got.TotalTax.Equal(dec("-0.01")) {
		t.Errorf("totals %s %s", got.TotalAmount, got.TotalTax)
	}
	if got.BuyerUsed || got.BuyerBooked || got.NeedsBuyerConfirmation() {
		t.Errorf("ZzsytDm 03 / FprzztDm 00 read as used %v booked %v", got.BuyerUsed, got.BuyerBooked)
	}
	if got.Message != "成功,本张发票可以开负数!" {
		t.Errorf("message %q", got.Message)
	}
	if len(got.Lines) != 1 {
		t.Fatalf("%d lines, want 1", len(got.Lines))
	}
	l := got.Lines[0]
	if l.Index != 1 || l.Nature != app.NatureNormal || l.Name != "*软件*票单云财税管理系统" ||
		l.TaxCode != "1060301020100000000" || l.Spec != "V1" || l.Unit != "年" {
		t.Errorf("line identity %+v", l)
	}
	if !l.Quantity.Valid || !l.Quantity.Decimal.Equal(dec("-1")) || !l.Price.Valid || !l.Price.Decimal.Equal(dec("0.990099009901")) {
		t.Errorf("quantity %v price %v", l.Quantity, l.Price)
	}
	if !l.Amount.Equal(dec("-0.99")) || !l.AmountExcl.Equal(dec("-0.99")) || !l.Tax.Equal(dec("-0.01")) ||
		!l.TaxRate.Equal(dec("0.01")) || l.TaxIncluded {
		t.Errorf("figures amount %s excl %s tax %s rate %s included %v", l.Amount, l.AmountExcl, l.Tax, l.TaxRate, l.TaxIncluded)
	}
}

func TestCheckBlueReadsWhatTheBuyerDid(t *testing.T) {
	for name, tc := range map[string]struct {
		codes        string
		used, booked bool
	}{
		"used and booked":   {`"ZzsytDm":"01","FprzztDm":"01"`, true, true},
		"used only":         {`"ZzsytDm":"01","FprzztDm":"00"`, true, false},
		"booked only":       {`"ZzsytDm":"03","FprzztDm":"02"`, false, true},
		"lower-case names":  {`"zzsytdm":"01","fprzztdm":"01"`, true, true},
		"numbers":           {`"ZzsytDm":1,"FprzztDm":0`, true, false}, // 0 is "00"
		"numbers untouched": {`"ZzsytDm":3,"FprzztDm":"0"`, false, false},
		"absent":            {`"XfsytDm":"00"`, false, false},
		"null and blank":    {`"ZzsytDm":null,"FprzztDm":" "`, false, false},
		"untouched (seed)":  {`"ZzsytDm":"03","FprzztDm":"00"`, false, false},
	} {
		t.Run(name, func(t *testing.T) {
			data := `{"fphm":"` + seedBlue + `",` + tc.codes + `,"mxzb":[]}`
			got, err := decodeBlueCheckData(json.RawMessage(data))
			if err != nil {
				t.Fatal(err)
			}
			if got.BuyerUsed != tc.used || got.BuyerBooked != tc.booked {
				t.Errorf("used %v booked %v, want %v %v", got.BuyerUsed, got.BuyerBooked, tc.used, tc.booked)
			}
			if got.NeedsBuyerConfirmation() != (tc.used || tc.booked) {
				t.Error("NeedsBuyerConfirmation disagrees")
			}
		})
	}
}

func TestCheckBlueToleratesTypes(t *testing.T) {
	data := `{"fphm":24112000000064654320,"kprq":"20240619193407","hjje":"-100.50","hjse":null,"fplxdm":81,
	  "ghdwsbh":"91510113MA6739XPX2","ghdwmc":"某公司",
	  "mxzb":[
	    {"sl":"13%","spmc":"*软件*A","je":"-100","se":"-13","spdj":50,"spsl":2,"hsbz":null,"spbm":"3040201000000000000"},
	    {"xh":"5","fphxz":"1","sl":0.13,"spmc":"*软件*A","je":10,"se":"1.3","spdj":null,"spsl":""},
	    {"xh":7.0,"fphxz":2,"sl":"0.06","spmc":"*服务*B","je":-20.5,"se":"-1.23","spdj":"-10.25","spsl":"-2"}
	  ]}`
	got, err := decodeBlueCheckData(json.RawMessage(data))
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != seedBlue || got.Type != "81" || got.IssuedAt.Hour() != 19 || got.Buyer.NaturalPerson {
		t.Errorf("header %+v", got)
	}
	// hjje as a string is read; hjse null falls back to the lines' sum.
	if !got.TotalAmount.Equal(dec("-100.5")) || !got.TotalTax.Equal(dec("-12.93")) {
		t.Errorf("totals %s %s", got.TotalAmount, got.TotalTax)
	}
	a, b, c := got.Lines[0], got.Lines[1], got.Lines[2]
	// No xh: the 1-based position. A positive quantity on a reversible
	// line is made negative; the price stays positive.
	if a.Index != 1 || !a.TaxRate.Equal(dec("0.13")) || !a.Quantity.Decimal.Equal(dec("-2")) || !a.Price.Decimal.Equal(dec("50")) {
		t.Errorf("first line %+v", a)
	}
	// A discount line is positive on the red side and has no quantity.
	if b.Index != 5 || b.Nature != app.NatureDiscount || !b.AmountExcl.Equal(dec("10")) || b.Quantity.Valid || b.Price.Valid {
		t.Errorf("discount line %+v", b)
	}
	if c.Index != 7 || c.Nature != app.NatureDiscounted || !c.Quantity.Decimal.Equal(dec("-2")) || !c.Price.Decimal.Equal(dec("10.25")) {
		t.Errorf("discounted line %+v", c)
	}
}

func TestCheckBlueRefusesMalformedAnswers(t *testing.T) {
	line := func(fields string) string {
		return `{"fphm":"` + seedBlue + `","mxzb":[{` + fields + `}]}`
	}
	for name, data := range map[string]string{
		"data null":         `null`,
		"data a string":     `"成功"`,
		"no fphm":           `{"message":"成功","mxzb":[]}`,
		"blank fphm":        `{"fphm":" ","mxzb":[]}`,
		"another invoice":   `{"fphm":"24112000000064654321","mxzb":[]}`,
		"mxzb an object":    `{"fphm":"` + seedBlue + `","mxzb":{}}`,
		"je unreadable":     line(`"je":"abc","se":"-0.01","sl":"0.01"`),
		"se missing":        line(`"je":"-0.99","sl":"0.01"`),
		"sl unreadable":     line(`"je":"-0.99","se":"-0.01","sl":"免税"`),
		"positive je":       line(`"je":"0.99","se":"-0.01","sl":"0.01"`),
		"positive se":       line(`"je":"-0.99","se":0.01,"sl":"0.01"`),
		"negative discount": line(`"fphxz":1,"je":"-0.99","se":"0","sl":"0.01"`),
		"unknown fphxz":     line(`"fphxz":9,"je":"-0.99","se":"-0.01","sl":"0.01"`),
		"zero xh":           line(`"xh":0,"je":"-0.99","se":"-0.01","sl":"0.01"`),
		"positive hjje":     `{"fphm":"` + seedBlue + `","hjje":0.99,"mxzb":[]}`,
		"hjse unreadable":   `{"fphm":"` + seedBlue + `","hjse":"负一分","mxzb":[]}`,
		"kprq unreadable":   `{"fphm":"` + seedBlue + `","kprq":"昨天","mxzb":[]}`,
		"duplicate xh": `{"fphm":"` + seedBlue + `","mxzb":[{"xh":1,"je":-1,"se":0,"sl":0},` +
			`{"xh":1,"je":-1,"se":0,"sl":0}]}`,
		"xh clashes with a position": `{"fphm":"` + seedBlue + `","mxzb":[{"je":-1,"se":0,"sl":0},` +
			`{"xh":1,"je":-1,"se":0,"sl":0}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathBlueCheck, reply(http.StatusOK, okReply(data)))
			_, err := newTestClient(t, fs.URL).CheckBlue(context.Background(), seedBlue)
			pe := providerErr(t, err, app.KindTransient)
			if pe.NotSent {
				t.Error("a malformed answer marked not sent")
			}
		})
	}
}

func TestCheckBlueKeepsTheBureausRefusal(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueCheck, reply(http.StatusOK, `{"code":999,"msg":"该发票已全额红冲","data":null}`))
	_, err := newTestClient(t, fs.URL).CheckBlue(context.Background(), seedBlue)
	pe := providerErr(t, err, app.KindBusiness)
	if pe.Message != "该发票已全额红冲" || pe.Op != opBlueCheck {
		t.Errorf("error %+v", pe)
	}
}

func TestCheckBlueRefusesABadNumberBeforeSending(t *testing.T) {
	fs := newFakeServer(t)
	for _, number := range []string{"", "2411200000006465432", "2411200000006465432X", " " + seedBlue} {
		_, err := newTestClient(t, fs.URL).CheckBlue(context.Background(), number)
		pe := providerErr(t, err, app.KindBusiness)
		if !pe.NotSent || !strings.Contains(pe.Message, "蓝字发票号码") {
			t.Errorf("%q: %+v", number, pe)
		}
	}
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
