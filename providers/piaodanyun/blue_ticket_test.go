package piaodanyun

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"testing"
	"time"

	"fapiao/app"
)

func TestIssueSendsExactlyTheSeedFields(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, reply(http.StatusOK, issuedOK))
	c := newTestClient(t, fs.URL)

	got, err := c.Issue(context.Background(), seedInvoice(t))
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	want := app.IssueResult{Number: "22111111111111111180", IssuedAt: time.Date(2022, 11, 28, 15, 28, 11, 0, app.ChinaTime)}
	if got.Number != want.Number || !got.IssuedAt.Equal(want.IssuedAt) {
		t.Errorf("result %+v, want %+v", got, want)
	}
	if got.IssuedAt.Location() != app.ChinaTime {
		t.Errorf("IssuedAt in %v, want China time", got.IssuedAt.Location())
	}

	calls := fs.recorded()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	call := calls[0]
	if call.Auth != tokenN(1) {
		t.Errorf("Authorization %q, want the raw token %q", call.Auth, tokenN(1))
	}
	if call.ContentType != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", call.ContentType)
	}
	wantForm := url.Values{
		"username": {testUsername}, "fpqqlsh": {testTaxID + "_01"}, "fplxdm": {"82"}, "kplx": {"0"},
		"xhdwsbh": {testTaxID}, "xhdwmc": {"北京民诺科技有限公司"},
		"xhdwdzdh": {"北京市昌平区东小口镇天通中苑二区21号楼2层1428 13581913319"},
		"xhdwyhzh": {"中国工商银行股份有限公司北京西三旗支行 0200240109200016984"},
		"ghdwsbh":  {"91510113MA6739XPX2"}, "ghdwmc": {"上海市某某科技有限公司"}, "zsfs": {"0"},
		"fyxm[0][fphxz]": {"0"}, "fyxm[0][spmc]": {"*软件*票单云财税管理系统"}, "fyxm[0][ggxh]": {"V1"},
		"fyxm[0][dw]": {"年"}, "fyxm[0][spsl]": {"1"}, "fyxm[0][dj]": {"1"}, "fyxm[0][je]": {"1.00"},
		"fyxm[0][sl]": {"0.01"}, "fyxm[0][se]": {"0.01"}, "fyxm[0][hsbz]": {"1"},
		"fyxm[0][spbm]": {"1060301020100000000"},
		"hjje":          {"0.99"}, "hjse": {"0.01"}, "jshj": {"1.00"}, "gfzrrbs": {"N"},
	}
	if !reflect.DeepEqual(call.Form, wantForm) {
		t.Errorf("form differs\n got  %v\n want %v\n extra %v\n missing %v",
			call.Form, wantForm, keysNotIn(call.Form, wantForm), keysNotIn(wantForm, call.Form))
	}
}

func keysNotIn(a, b url.Values) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func TestIssueSendsDiscountedLineThenDiscountLine(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, reply(http.StatusOK, issuedOK))
	c := newTestClient(t, fs.URL)
	inv := prepare(t, app.DraftLine{
		Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Quantity: "2", Price: "50",
		Amount: "100", TaxRate: "0.13", TaxIncluded: true, Discount: "10",
	})

	if _, err := c.Issue(context.Background(), inv); err != nil {
		t.Fatalf("Issue: %v", err)
	}
	f := fs.recorded()[0].Form
	checks := map[string]string{
		"fyxm[0][fphxz]": "2", "fyxm[0][je]": "100.00", "fyxm[0][se]": "11.50", "fyxm[0][spsl]": "2", "fyxm[0][dj]": "50",
		"fyxm[1][fphxz]": "1", "fyxm[1][je]": "-10.00", "fyxm[1][se]": "-1.15", "fyxm[1][hsbz]": "1",
		"fyxm[1][spmc]": "*软件*财税管理系统", "fyxm[1][sl]": "0.13",
		"hjje": "79.65", "hjse": "10.35", "jshj": "90.00",
	}
	for k, want := range checks {
		if got := f.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	for _, absent := range []string{"fyxm[1][spsl]", "fyxm[1][dj]", "fyxm[1][ggxh]", "fyxm[2][fphxz]"} {
		if f.Has(absent) {
			t.Errorf("%s sent, want it omitted", absent)
		}
	}
}

func TestIssueOptionalFields(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathBlueTicket, reply(http.StatusOK, issuedOK))
	c := newTestClient(t, fs.URL)
	inv, err := app.Prepare(app.Draft{
		Buyer:  app.Party{Name: "张三", NaturalPerson: true, Email: "zhang@example.com", Address: "上海市", Phone: "021-1234"},
		Lines:  []app.DraftLine{{Name: "*软件*服务", TaxCode: "1060301020100000000", Amount: "3", TaxRate: "0.06"}},
		Remark: "合同 A-1", Drawer: "李四",
	}, seedSeller)
	if err != nil {
		t.Fatal(err)
	}
	inv.RequestSerial = testTaxID + "_02"
	if _, err := c.Issue(context.Background(), inv); err != nil {
		t.Fatalf("Issue: %v", err)
	}
	f := fs.recorded()[0].Form
	want := map[string]string{
		"gfzrrbs": "Y", "gfkhyx": "zhang@example.com", "kpr": "李四", "bz": "合同 A-1",
		"ghdwdzdh": "上海市 021-1234", "fyxm[0][hsbz]": "0", "fyxm[0][je]": "3.00", "fyxm[0][se]": "0.18",
	}
	for k, v := range want {
		if got := f.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	for _, absent := range []string{"ghdwsbh", "ghdwyhzh", "fyxm[0][spsl]", "fyxm[0][dj]", "fyxm[0][ggxh]", "fyxm[0][dw]"} {
		if f.Has(absent) {
			t.Errorf("%s = %q sent, want it omitted", absent, f.Get(absent))
		}
	}
}

func TestIssueRefusesBeforeSending(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	noSerial := seedInvoice(t)
	noSerial.RequestSerial = ""
	otherSeller := seedInvoice(t)
	otherSeller.Seller.TaxID = "91510113MA6739XPX2"
	for name, inv := range map[string]app.Invoice{"no serial": noSerial, "other seller": otherSeller} {
		t.Run(name, func(t *testing.T) {
			_, err := c.Issue(context.Background(), inv)
			providerErr(t, err, app.KindBusiness)
		})
	}
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestIssueMalformedSuccessIsTransient(t *testing.T) {
	for name, body := range map[string]string{
		"data null":        `{"code":200,"msg":"成功","data":null}`,
		"short number":     `{"code":200,"msg":"成功","data":{"Fphm":"2211","Kprq":"2022-11-28 15:28:11"}}`,
		"no date":          `{"code":200,"msg":"成功","data":{"Fphm":"22111111111111111180"}}`,
		"data is a string": `{"code":200,"msg":"成功","data":"ok"}`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathBlueTicket, reply(http.StatusOK, body))
			_, err := newTestClient(t, fs.URL).Issue(context.Background(), seedInvoice(t))
			pe := providerErr(t, err, app.KindTransient)
			if pe.Op != opBlueTicket {
				t.Errorf("op %q", pe.Op)
			}
		})
	}
}

func TestDecodeBlueTicketDataAcceptsLowerCaseAndNumbers(t *testing.T) {
	got, err := decodeBlueTicketData([]byte(`{"fphm":22111111111111111180,"kprq":"20221128152811"}`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "22111111111111111180" || got.IssuedAt.Format(compactTime) != "20221128152811" {
		t.Errorf("got %+v", got)
	}
}
