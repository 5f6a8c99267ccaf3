package piaodanyun

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

// seedForm is the form of the seed's hzxxbsq answer, on which hzfpkj issues.
var seedForm = app.RedForm{Number: "11011424061000028528", ID: "4e75f060b492476383338a63aa96537a", State: app.RedFormNoConfirmation}

// seedRed is the red invoice of the seed's hzfpkj example (jshj -1).
func seedRed() app.Invoice {
	return app.Invoice{
		RequestSerial: testTaxID + "_R1", Type: "82", BlueNumber: seedBlue,
		Seller: app.Party{Name: "北京民诺科技有限公司", TaxID: testTaxID},
		Lines: []app.Line{{
			Name: "*软件*票单云财税管理系统", TaxCode: "1060301020100000000",
			Amount: dec("-0.99"), AmountExcl: dec("-0.99"), Tax: dec("-0.01"), TaxRate: dec("0.01"),
		}},
		TotalAmount: dec("-0.99"), TotalTax: dec("-0.01"), Total: dec("-1.00"),
	}
}

// logBuffer collects what a client logs.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newLoggingClient(t *testing.T, base string) (*Client, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	cfg := testConfig(base)
	cfg.Log = slog.New(slog.NewTextHandler(logs, nil))
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, logs
}

func TestIssueRedSendsExactFieldsAndReadsTheSeedAnswer(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathRedIssue, reply(http.StatusOK, seedFile(t, "hzfpkj_seed.json")))
	c, logs := newLoggingClient(t, fs.URL)
	got, err := c.IssueRed(context.Background(), seedRed(), seedForm, seedBlue)
	if err != nil {
		t.Fatalf("IssueRed: %v", err)
	}
	calls := fs.recorded()
	if len(calls) != 1 || calls[0].Path != pathRedIssue || calls[0].Method != http.MethodPost {
		t.Fatalf("calls %+v", calls)
	}
	assertFields(t, "hzfpkj", calls[0].Form, map[string]string{
		"username": testUsername, "fpqqlsh": testTaxID + "_R1", "xhdwsbh": testTaxID,
		"tzdbh": "11011424061000028528", "yfphm": seedBlue,
	})
	wantAt := time.Date(2024, 6, 19, 19, 55, 40, 0, app.ChinaTime)
	if got.Number != "24112000000064636722" || !got.IssuedAt.Equal(wantAt) || got.IssuedAt.Location() != app.ChinaTime {
		t.Errorf("result %+v", got)
	}
	if s := logs.String(); s != "" {
		t.Errorf("logged %q for an answer that matches", s)
	}
}

func TestIssueRedKeepsAnInvoiceWhoseTotalDiffers(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathRedIssue, reply(http.StatusOK, seedFile(t, "hzfpkj_seed.json"))) // jshj -1
	c, logs := newLoggingClient(t, fs.URL)
	red := seedRed()
	red.Total = dec("-2.00")
	got, err := c.IssueRed(context.Background(), red, seedForm, seedBlue)
	if err != nil || got.Number != "24112000000064636722" {
		t.Fatalf("result %+v %v: an issued invoice must be returned", got, err)
	}
	s := logs.String()
	for _, want := range []string{"level=WARN", "价税合计", "jshj=-1", "expected=-2.00", "number=24112000000064636722"} {
		if !strings.Contains(s, want) {
			t.Errorf("log %q lacks %q", s, want)
		}
	}
}

func TestIssueRedWarnsOfAnotherForm(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathRedIssue, reply(http.StatusOK, okReply(
		`{"fphm":"24112000000064636722","kprq":"2024-06-19 19:55:40","jshj":"-1.00","xxbbh":"99999999999999999999"}`)))
	c, logs := newLoggingClient(t, fs.URL)
	if _, err := c.IssueRed(context.Background(), seedRed(), seedForm, seedBlue); err != nil {
		t.Fatal(err)
	}
	if s := logs.String(); !strings.Contains(s, "xxbbh=99999999999999999999") || strings.Contains(s, "价税合计") {
		t.Errorf("log %q", s)
	}
}

func TestIssueRedSuccessWithoutANumberIsTransient(t *testing.T) {
	for name, data := range map[string]string{
		"data null":      `null`,
		"no fphm":        `{"kprq":"2024-06-19 19:55:40","jshj":-1}`,
		"short fphm":     `{"fphm":"2411200000006463672","kprq":"2024-06-19 19:55:40"}`,
		"fphm not digit": `{"fphm":"2411200000006463672X","kprq":"2024-06-19 19:55:40"}`,
		"no kprq":        `{"fphm":"24112000000064636722"}`,
		"data a list":    `[{"fphm":"24112000000064636722"}]`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathRedIssue, reply(http.StatusOK, okReply(data)))
			_, err := newTestClient(t, fs.URL).IssueRed(context.Background(), seedRed(), seedForm, seedBlue)
			pe := providerErr(t, err, app.KindTransient)
			if pe.NotSent {
				t.Error("a success we could not read marked not sent")
			}
		})
	}
}

func TestIssueRedRefusesBeforeSending(t *testing.T) {
	noSerial := seedRed()
	noSerial.RequestSerial = ""
	longSerial := seedRed()
	longSerial.RequestSerial = strings.Repeat("9", app.MaxSerialLength+1)
	otherSeller := seedRed()
	otherSeller.Seller.TaxID = "91510113MA6739XPX2"
	for name, tc := range map[string]struct {
		red  app.Invoice
		form app.RedForm
		blue string
		want string
	}{
		"no serial":    {noSerial, seedForm, seedBlue, "流水号"},
		"long serial":  {longSerial, seedForm, seedBlue, "流水号"},
		"no form":      {seedRed(), app.RedForm{}, seedBlue, "红字信息表编号"},
		"bad blue":     {seedRed(), seedForm, "1", "蓝字发票号码"},
		"other seller": {otherSeller, seedForm, seedBlue, "销方税号"},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			_, err := newTestClient(t, fs.URL).IssueRed(context.Background(), tc.red, tc.form, tc.blue)
			pe := providerErr(t, err, app.KindBusiness)
			if !pe.NotSent || !strings.Contains(pe.Message, tc.want) {
				t.Errorf("error %+v, want one naming %s", pe, tc.want)
			}
			if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}
