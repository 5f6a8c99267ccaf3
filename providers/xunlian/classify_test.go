package xunlian

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func issueOnce(t *testing.T, status int, body string) (app.IssueResult, error) {
	t.Helper()
	fs := newFakeServer(t)
	fs.answer(status, body)
	c := newTestClient(t, fs.URL)
	return c.Issue(context.Background(), invoiceForLimits(t))
}

func providerErrorOf(t *testing.T, err error) *app.ProviderError {
	t.Helper()
	var pe *app.ProviderError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want *app.ProviderError", err, err)
	}
	if pe.Provider != "迅联云" || pe.Op != "serverIssue" {
		t.Errorf("provider %q op %q", pe.Provider, pe.Op)
	}
	return pe
}

func TestAnswerOtherIDAsNumberOrString(t *testing.T) {
	for name, otherID := range map[string]string{"number": `28045669365055408`, "string": `"28045669365055408"`, "null": `null`} {
		t.Run(name, func(t *testing.T) {
			res, err := issueOnce(t, http.StatusOK, `{"ok":true,"status":{"returnCode":200},"body":{"requisitionApplyNo":"`+testSerial+
				`","otherId":`+otherID+`,"invoiceNumber":24112000000000000042,"invoiceDate":"2024-05-06 10:11:12","amount":8.85}}`)
			if err != nil {
				t.Fatalf("Issue: %v", err)
			}
			if res.Number != testNumber || !res.IssuedAt.Equal(time.Date(2024, 5, 6, 10, 11, 12, 0, app.ChinaTime)) {
				t.Errorf("result %+v", res)
			}
		})
	}
	a, err := decodeAnswer([]byte(`{"ok":"true","body":{"otherId":28045669365055408}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := decodeBody(a.Body)
	if err != nil || b.OtherID.String() != "28045669365055408" {
		t.Errorf("otherId %q (%v), want the literal kept, not rounded through a float", b.OtherID, err)
	}
}

func TestAnswerRefusals(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		kind   app.ErrorKind
		code   string
		says   []string
	}{
		{"business", 200, `{"ok":false,"status":{"returnCode":"500","message":"购方税号不正确","description":"buyerTaxId 校验失败"},"body":null}`,
			app.KindBusiness, "500", []string{"购方税号不正确", "buyerTaxId 校验失败"}},
		{"business without a reason", 200, `{"ok":false,"status":null}`, app.KindBusiness, "", []string{"未说明原因"}},
		{"business on HTTP 400", 400, `{"ok":false,"status":{"returnCode":"400","message":"明细不能为空"}}`,
			app.KindBusiness, "400", []string{"明细不能为空"}},
		{"not authorized", 200, `{"ok":false,"status":{"returnCode":"401","message":"未授权的访问"}}`,
			app.KindCredentials, "401", []string{"未授权的访问", "company_data_resource"}},
		{"unknown data source", 200, `{"ok":false,"status":{"returnCode":"E01","message":"companyDataResource不存在"}}`,
			app.KindCredentials, "E01", []string{"companyDataResource不存在"}},
		{"authentication", 200, `{"ok":false,"status":{"message":"企业认证已过期"}}`, app.KindCredentials, "", []string{"企业认证已过期"}},
		{"duplicate application", 200, `{"ok":false,"status":{"returnCode":"9001","message":"第三方开票申请单编号已存在"}}`,
			app.KindTransient, "9001", []string{"已存在", "结果未知"}},
		{"HTTP 401", 401, `Unauthorized`, app.KindCredentials, "401", []string{"HTTP 401"}},
		{"HTTP 403", 403, ``, app.KindCredentials, "403", []string{"HTTP 403"}},
		{"HTTP 500", 500, `{"ok":true}`, app.KindTransient, "", []string{"HTTP 500"}},
		{"HTTP 502", 502, `<html>bad gateway</html>`, app.KindTransient, "", []string{"HTTP 502"}},
		{"HTTP 429", 429, ``, app.KindTransient, "", []string{"HTTP 429"}},
		{"HTML", 200, `<html>维护中</html>`, app.KindTransient, "", []string{"响应格式错误", "维护中"}},
		{"truncated", 200, `{"ok":true,"body":{"invoiceNumber":"2411`, app.KindTransient, "", []string{"响应格式错误"}},
		{"empty", 200, ``, app.KindTransient, "", []string{"响应为空"}},
		{"no ok", 200, `{"status":{"returnCode":"200"}}`, app.KindTransient, "", []string{"缺少 ok"}},
		{"ok true, body null", 200, `{"ok":true,"body":null}`, app.KindTransient, "", []string{"body 为空"}},
		{"ok true, no number", 200, `{"ok":true,"body":{"requisitionApplyNo":"` + testSerial + `","invoiceDate":"2024-05-06"}}`,
			app.KindTransient, "", []string{"invoiceNumber"}},
		{"ok true, bad date", 200, `{"ok":true,"body":{"invoiceNumber":"12221761","invoiceCode":"050002000205","invoiceDate":"21/09/2022"}}`,
			app.KindTransient, "", []string{"invoiceDate"}},
		{"ok true, another serial", 200, `{"ok":true,"body":{"requisitionApplyNo":"OTHER","invoiceNumber":"` + testNumber + `","invoiceDate":"2024-05-06"}}`,
			app.KindTransient, "", []string{"requisitionApplyNo", "OTHER"}},
		{"ok true on HTTP 404", 404, `{"ok":true,"body":{"invoiceNumber":"` + testNumber + `","invoiceDate":"2024-05-06"}}`,
			app.KindTransient, "", []string{"HTTP 404"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := issueOnce(t, tc.status, tc.body)
			pe := providerErrorOf(t, err)
			if pe.Kind != tc.kind || pe.Code != tc.code {
				t.Errorf("kind %v code %q, want %v %q (%v)", pe.Kind, pe.Code, tc.kind, tc.code, pe)
			}
			if pe.NotSent {
				t.Error("marked NotSent, but the request reached the server")
			}
			for _, s := range tc.says {
				if !strings.Contains(pe.Error(), s) {
					t.Errorf("%q lacks %q", pe.Error(), s)
				}
			}
		})
	}
}

func TestTransportFailures(t *testing.T) {
	t.Run("refused connection", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		c := newTestClient(t, "http://"+addr)
		_, err = c.Issue(context.Background(), invoiceForLimits(t))
		pe := providerErrorOf(t, err)
		if pe.Kind != app.KindTransient || !pe.NotSent {
			t.Errorf("kind %v NotSent %v, want transient and not sent: %v", pe.Kind, pe.NotSent, pe)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		fs := newFakeServer(t)
		release := make(chan struct{})
		defer close(release)
		fs.reply = func(w http.ResponseWriter, r *http.Request, _ map[string]any) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
		cfg := testConfig(fs.URL)
		cfg.Timeout = 100 * time.Millisecond
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Issue(context.Background(), invoiceForLimits(t))
		pe := providerErrorOf(t, err)
		if pe.Kind != app.KindTransient || pe.NotSent || !strings.Contains(pe.Message, "超时") {
			t.Errorf("kind %v NotSent %v: %v, want a transient timeout that may have been processed", pe.Kind, pe.NotSent, pe)
		}
	})
	t.Run("redirect", func(t *testing.T) {
		fs := newFakeServer(t)
		fs.reply = func(w http.ResponseWriter, r *http.Request, _ map[string]any) {
			http.Redirect(w, r, "http://127.0.0.1:1/elsewhere", http.StatusTemporaryRedirect)
		}
		c := newTestClient(t, fs.URL)
		_, err := c.Issue(context.Background(), invoiceForLimits(t))
		if pe := providerErrorOf(t, err); pe.Kind != app.KindTransient || fs.count() != 1 {
			t.Errorf("kind %v after %d requests: %v", pe.Kind, fs.count(), pe)
		}
	})
}
