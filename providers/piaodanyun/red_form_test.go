package piaodanyun

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

func newPartialRedClient(t *testing.T, base string, partial bool) *Client {
	t.Helper()
	cfg := testConfig(base)
	cfg.PartialRed = partial
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// partialLines reverses one unit of the seed's line 1 and 10.00 of line 3.
func partialLines() []app.RedLine {
	return []app.RedLine{
		{Index: 1, Line: app.Line{
			Quantity: decimal.NewNullDecimal(dec("-1")), Price: decimal.NewNullDecimal(dec("0.990099009901")),
			Amount: dec("-0.99"), AmountExcl: dec("-0.99"), Tax: dec("-0.01"), TaxRate: dec("0.01"),
		}},
		{Index: 3, Line: app.Line{Amount: dec("-10"), AmountExcl: dec("-10"), Tax: dec("-1.3"), TaxRate: dec("0.13")}},
	}
}

func TestRedFormSendsAFullRedAndReadsTheSeedAnswer(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathRedForm, reply(http.StatusOK, seedFile(t, "hzxxbsq_seed.json")))
	got, err := newTestClient(t, fs.URL).RedForm(context.Background(),
		app.RedFormRequest{BlueNumber: seedBlue, Reason: app.RedReasonMistake})
	if err != nil {
		t.Fatalf("RedForm: %v", err)
	}
	calls := fs.recorded()
	if len(calls) != 1 || calls[0].Path != pathRedForm || calls[0].Method != http.MethodPost {
		t.Fatalf("calls %+v", calls)
	}
	// No hzxxbcheck (a retry gets the same form back), no sdfpbz, no mxzb.
	assertFields(t, "hzxxbsq", calls[0].Form, map[string]string{
		"username": testUsername, "xhdwsbh": testTaxID, "yfphm": seedBlue, "chyydm": "01", "sqyy": "2",
	})
	want := app.RedForm{
		Number: "11011424061000028528", ID: "4e75f060b492476383338a63aa96537a",
		State: app.RedFormNoConfirmation, AppliedAt: time.Date(2024, 6, 19, 19, 55, 40, 0, app.ChinaTime),
	}
	if got.Number != want.Number || got.ID != want.ID || got.State != want.State || !got.AppliedAt.Equal(want.AppliedAt) {
		t.Errorf("form %+v, want %+v", got, want)
	}
}

func TestRedFormRefusesPartialBeforeSendingWhenNotEnabled(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathRedForm, reply(http.StatusOK, seedFile(t, "hzxxbsq_seed.json")))
	c := newPartialRedClient(t, fs.URL, false)
	if c.PartialRed() {
		t.Fatal("PartialRed true without partial_red")
	}
	_, err := c.RedForm(context.Background(),
		app.RedFormRequest{BlueNumber: seedBlue, Reason: app.RedReasonReturn, Lines: partialLines()})
	pe := providerErr(t, err, app.KindBusiness)
	if pe.Message != partialRedDisabled || !pe.NotSent {
		t.Errorf("error %+v", pe)
	}
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestRedFormSendsThePartialExtensionWhenEnabled(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathRedForm, reply(http.StatusOK, seedFile(t, "hzxxbsq_seed.json")))
	c := newPartialRedClient(t, fs.URL, true)
	if !c.PartialRed() {
		t.Fatal("PartialRed false with partial_red")
	}
	if _, err := c.RedForm(context.Background(),
		app.RedFormRequest{BlueNumber: seedBlue, Reason: app.RedReasonReturn, Lines: partialLines()}); err != nil {
		t.Fatal(err)
	}
	assertFields(t, "hzxxbsq", fs.recorded()[0].Form, map[string]string{
		"username": testUsername, "xhdwsbh": testTaxID, "yfphm": seedBlue, "chyydm": "02", "sqyy": "2",
		"mxzb[0][xh]": "1", "mxzb[0][spsl]": "-1", "mxzb[0][je]": "-0.99", "mxzb[0][se]": "-0.01",
		"mxzb[1][xh]": "3", "mxzb[1][je]": "-10.00", "mxzb[1][se]": "-1.30",
	})
}

func TestRedFormRefusesBadRequestsBeforeSending(t *testing.T) {
	positive := partialLines()
	positive[1].AmountExcl = dec("10")
	noIndex := partialLines()
	noIndex[0].Index = 0
	for name, tc := range map[string]struct {
		req  app.RedFormRequest
		want string
	}{
		"bad number":      {app.RedFormRequest{BlueNumber: "123", Reason: app.RedReasonMistake}, "蓝字发票号码"},
		"no reason":       {app.RedFormRequest{BlueNumber: seedBlue}, "红冲原因"},
		"unknown reason":  {app.RedFormRequest{BlueNumber: seedBlue, Reason: "05"}, "红冲原因"},
		"positive amount": {app.RedFormRequest{BlueNumber: seedBlue, Reason: app.RedReasonReturn, Lines: positive}, "应为负数"},
		"no line index":   {app.RedFormRequest{BlueNumber: seedBlue, Reason: app.RedReasonReturn, Lines: noIndex}, "序号"},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			_, err := newPartialRedClient(t, fs.URL, true).RedForm(context.Background(), tc.req)
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

func TestRedFormReadsStates(t *testing.T) {
	for sent, want := range map[string]app.RedFormState{
		`"1"`: app.RedFormNoConfirmation, `2`: app.RedFormAwaitingBuyer, `"04"`: app.RedFormConfirmed,
		`" 07 "`: app.RedFormExpired, `10`: app.RedFormAbnormalVoucher,
	} {
		data := `{"xxbbh":"11011424061000028528","xxbztDm":` + sent + `}`
		got, err := decodeRedFormData(json.RawMessage(data))
		if err != nil || got.State != want {
			t.Errorf("xxbztDm %s: %q %v, want %q", sent, got.State, err, want)
		}
		if err == nil && !got.AppliedAt.IsZero() {
			t.Errorf("no sqsj read as %v", got.AppliedAt)
		}
	}
}

func TestRedFormRefusesMalformedAnswers(t *testing.T) {
	for name, data := range map[string]string{
		"data null":       `null`,
		"no xxbbh":        `{"xxbztDm":"01","uuid":"u"}`,
		"blank xxbbh":     `{"xxbbh":"  ","xxbztDm":"01"}`,
		"no xxbztDm":      `{"xxbbh":"11011424061000028528"}`,
		"null xxbztDm":    `{"xxbbh":"11011424061000028528","xxbztDm":null}`,
		"state 00":        `{"xxbbh":"11011424061000028528","xxbztDm":"00"}`,
		"state 11":        `{"xxbbh":"11011424061000028528","xxbztDm":"11"}`,
		"state 0a":        `{"xxbbh":"11011424061000028528","xxbztDm":"0a"}`,
		"state +1":        `{"xxbbh":"11011424061000028528","xxbztDm":"+1"}`,
		"state in words":  `{"xxbbh":"11011424061000028528","xxbztDm":"无需确认"}`,
		"sqsj unreadable": `{"xxbbh":"11011424061000028528","xxbztDm":"01","sqsj":"刚才"}`,
		"xxbbh an object": `{"xxbbh":{},"xxbztDm":"01"}`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathRedForm, reply(http.StatusOK, okReply(data)))
			_, err := newTestClient(t, fs.URL).RedForm(context.Background(),
				app.RedFormRequest{BlueNumber: seedBlue, Reason: app.RedReasonMistake})
			providerErr(t, err, app.KindTransient)
		})
	}
}

func TestRedFormFreshSendsTheCheckFlag(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathRedForm, reply(http.StatusOK, seedFile(t, "hzxxbsq_seed.json")))
	if _, err := newTestClient(t, fs.URL).RedForm(context.Background(),
		app.RedFormRequest{BlueNumber: seedBlue, Reason: app.RedReasonMistake, Fresh: true}); err != nil {
		t.Fatal(err)
	}
	assertFields(t, "hzxxbsq fresh", fs.recorded()[0].Form, map[string]string{
		"username": testUsername, "xhdwsbh": testTaxID, "yfphm": seedBlue, "chyydm": "01", "sqyy": "2", "hzxxbcheck": "1",
	})
}
