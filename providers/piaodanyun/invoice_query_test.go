package piaodanyun

import (
	"context"
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	"fapiao/app"
)

func seedQueryReply(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/invoice_query_seed.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLookupFound(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathInvoiceQuery, reply(http.StatusOK, seedQueryReply(t)))
	got, err := newTestClient(t, fs.URL).Lookup(context.Background(), testTaxID+"_01")
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	wantAt := time.Date(2024, 6, 19, 19, 34, 7, 0, app.ChinaTime)
	if got.Number != "24112000000064654320" || !got.IssuedAt.Equal(wantAt) {
		t.Errorf("got %+v, want number 24112000000064654320 at %v", got, wantAt)
	}
	f := fs.recorded()[0].Form
	if f.Get("username") != testUsername || f.Get("nsrsbh") != testTaxID || f.Get("fpqqlsh") != testTaxID+"_01" {
		t.Errorf("form %v", f)
	}
	if f.Has("fphm") || len(f) != 3 {
		t.Errorf("form %v, want only username, nsrsbh, fpqqlsh", f)
	}
}

func TestLookupReadsCheckCodeAndCompactDate(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathInvoiceQuery, reply(http.StatusOK,
		`{"code":"200","data":{"fphm":24112000000064654321,"kprq":"2024-06-19 19:34:07","jym":"5C91"}}`))
	got, err := newTestClient(t, fs.URL).Lookup(context.Background(), "S1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "24112000000064654321" || got.CheckCode != "5C91" || got.IssuedAt.Hour() != 19 {
		t.Errorf("got %+v", got)
	}
}

func TestLookupNotFound(t *testing.T) {
	for name, body := range map[string]string{
		"data null":      `{"code":200,"msg":"成功","data":null,"total":0}`,
		"data absent":    `{"code":200,"msg":"成功"}`,
		"empty fphm":     `{"code":200,"msg":"成功","data":{"fphm":"","fpqqlsh":"S1"}}`,
		"blank fphm":     `{"code":200,"msg":"成功","data":{"fphm":" "}}`,
		"empty list":     `{"code":200,"msg":"成功","data":[]}`,
		"未查询到":           `{"code":999,"msg":"未查询到发票信息"}`,
		"不存在 in message": `{"code":"500","message":"该流水号发票不存在"}`,
		"无此":             `{"code":999,"msg":"无此发票"}`,
		"没有查询到":          `{"code":999,"msg":"没有查询到相关数据"}`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathInvoiceQuery, reply(http.StatusOK, body))
			_, err := newTestClient(t, fs.URL).Lookup(context.Background(), "S1")
			if !errors.Is(err, app.ErrNotFound) {
				t.Fatalf("got %v, want ErrNotFound", err)
			}
			providerErr(t, err, app.KindBusiness)
		})
	}
}

func TestLookupErrorsAreNotNotFound(t *testing.T) {
	for name, tc := range map[string]struct {
		status int
		body   string
		kind   app.ErrorKind
	}{
		"HTTP 500":               {500, `{"code":999,"msg":"未查询到"}`, app.KindTransient},
		"not JSON":               {200, `oops`, app.KindTransient},
		"business":               {200, `{"code":999,"msg":"税局系统繁忙"}`, app.KindBusiness},
		"user does not exist":    {200, `{"code":999,"msg":"用户不存在"}`, app.KindBusiness},
		"face auth":              {200, `{"code":420,"msg":"未查询到认证记录"}`, app.KindFaceAuth},
		"another serial":         {200, `{"code":200,"data":{"fphm":"24112000000064654320","kprq":"20240619193407","fpqqlsh":"OTHER"}}`, app.KindTransient},
		"bad number":             {200, `{"code":200,"data":{"fphm":"2411","kprq":"20240619193407"}}`, app.KindTransient},
		"bad date":               {200, `{"code":200,"data":{"fphm":"24112000000064654320","kprq":"19 June"}}`, app.KindTransient},
		"data of the wrong type": {200, `{"code":200,"data":"24112000000064654320"}`, app.KindTransient},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathInvoiceQuery, reply(tc.status, tc.body))
			_, err := newTestClient(t, fs.URL).Lookup(context.Background(), "S1")
			if errors.Is(err, app.ErrNotFound) {
				t.Fatalf("got not found for %s: %v", name, err)
			}
			providerErr(t, err, tc.kind)
		})
	}
}

func TestQueryInvoiceByNumber(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathInvoiceQuery, reply(http.StatusOK, seedQueryReply(t)))
	c := newTestClient(t, fs.URL)
	q, err := c.queryInvoice(context.Background(), "", "24112000000064654320")
	if err != nil {
		t.Fatal(err)
	}
	if q.Fphm.String() != "24112000000064654320" {
		t.Errorf("fphm %q", q.Fphm)
	}
	f := fs.recorded()[0].Form
	if f.Get("fphm") != "24112000000064654320" || f.Has("fpqqlsh") {
		t.Errorf("form %v, want fphm and no fpqqlsh", f)
	}
}
