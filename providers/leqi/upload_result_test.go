package leqi

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func TestUploadResultSendsTheExactRequest(t *testing.T) {
	for name, tc := range map[string]struct{ ticket, number, want string }{
		"by ticket": {"SL1", "", `{"nsrsbh":"9111011457319202X9","sllsh":"SL1","fphm":""}`},
		"by number": {"", testNumber, `{"nsrsbh":"9111011457319202X9","sllsh":"","fphm":"` + testNumber + `"}`},
		"by both":   {"SL1", testNumber, `{"nsrsbh":"9111011457319202X9","sllsh":"SL1","fphm":"` + testNumber + `"}`},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, sealedData(`{"returncode":"00","clzt":"01"}`)))
			c, _ := newTestClient(t, f.URL)
			res, err := c.UploadResult(t.Context(), tc.ticket, tc.number)
			if err != nil {
				t.Fatal(err)
			}
			if res.State != app.UploadProcessing || res.Number != tc.number {
				t.Errorf("result %+v", res)
			}
			call := f.only()
			assertEnvelope(t, call, "CXQDFPSCJG")
			assertJSON(t, call, tc.want)
		})
	}
}

func TestUploadResultNeedsTicketOrNumber(t *testing.T) {
	f := newFakeLeqi(t, always(500, ""))
	c, _ := newTestClient(t, f.URL)
	_, err := c.UploadResult(t.Context(), " ", "")
	if pe := providerErr(t, err, app.KindBusiness); !pe.NotSent || len(f.recorded()) != 0 {
		t.Errorf("error %+v, %d calls", pe, len(f.recorded()))
	}
}

func TestUploadResultStates(t *testing.T) {
	at := time.Date(2025, 7, 1, 1, 0, 5, 0, app.ChinaTime)
	for name, tc := range map[string]struct {
		data string
		want app.UploadResult
	}{
		"processing": {`{"returncode":"00","clzt":"01","fphm":"","kprq":"","cwxx":""}`,
			app.UploadResult{State: app.UploadProcessing, Number: testNumber}},
		"accepted": {`{"returncode":"00","clzt":"02","fphm":"` + testNumber + `","kprq":"2025-07-01 01:00:05"}`,
			app.UploadResult{State: app.UploadAccepted, Number: testNumber, IssuedAt: at}},
		"accepted, compact date, numeric state": {`{"returncode":"00","clzt":2,"fphm":` + testNumber + `,"kprq":"20250701010005"}`,
			app.UploadResult{State: app.UploadAccepted, Number: testNumber, IssuedAt: at}},
		"accepted without a date": {`{"returncode":"00","clzt":"02"}`,
			app.UploadResult{State: app.UploadAccepted, Number: testNumber}},
		"rejected": {`{"returncode":"00","clzt":"03","fphm":"` + testNumber + `","cwxx":"购方税号校验不通过"}`,
			app.UploadResult{State: app.UploadRejected, Number: testNumber, Message: "购方税号校验不通过"}},
		"rejected, no reason": {`{"returncode":"00","clzt":"03"}`,
			app.UploadResult{State: app.UploadRejected, Number: testNumber, Message: "税局未说明原因"}},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, sealedData(tc.data)))
			c, _ := newTestClient(t, f.URL)
			got, err := c.UploadResult(t.Context(), "SL1", testNumber)
			if err != nil {
				t.Fatal(err)
			}
			if got.State != tc.want.State || got.Number != tc.want.Number || !got.IssuedAt.Equal(tc.want.IssuedAt) || got.Message != tc.want.Message {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestUploadResultByTicketLearnsTheNumber(t *testing.T) {
	f := newFakeLeqi(t, always(200, plainData(`{"returncode":"00","clzt":"02","fphm":"`+testNumber+`","kprq":"2025-07-01 01:00:05"}`)))
	c, _ := newTestClient(t, f.URL)
	got, err := c.UploadResult(t.Context(), "SL1", "")
	if err != nil || got.Number != testNumber || got.State != app.UploadAccepted {
		t.Fatalf("%+v, %v", got, err)
	}
}

func TestUploadResultMalformed(t *testing.T) {
	for name, tc := range map[string]struct{ number, data string }{
		"unknown state":       {testNumber, `{"returncode":"00","clzt":"04"}`},
		"no state":            {testNumber, `{"returncode":"00"}`},
		"another invoice":     {testNumber, `{"returncode":"00","clzt":"02","fphm":"25440000000000000002"}`},
		"bad number":          {"", `{"returncode":"00","clzt":"02","fphm":"12345"}`},
		"accepted, no number": {"", `{"returncode":"00","clzt":"02"}`},
		"bad date":            {testNumber, `{"returncode":"00","clzt":"02","kprq":"2025/07/01"}`},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeLeqi(t, always(200, sealedData(tc.data)))
			c, _ := newTestClient(t, f.URL)
			got, err := c.UploadResult(t.Context(), "SL1", tc.number)
			pe := providerErr(t, err, app.KindTransient)
			if !strings.HasPrefix(pe.Message, "响应格式错误") || got != (app.UploadResult{}) {
				t.Errorf("%+v, %+v", got, pe)
			}
		})
	}
}

func TestUploadResultUnknownIsNotFound(t *testing.T) {
	f := newFakeLeqi(t, always(200, sealedData(`{"returncode":"04","returnmsg":"未查询到上传记录"}`)))
	c, _ := newTestClient(t, f.URL)
	_, err := c.UploadResult(t.Context(), "", testNumber)
	if !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("an upload the platform never had: %v, want app.ErrNotFound", err)
	}
	if pe := providerErr(t, err, app.KindBusiness); pe.Code != "04" {
		t.Errorf("code %q", pe.Code)
	}
}
