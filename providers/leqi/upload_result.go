package leqi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fapiao/app"
)

// fwbmUploadResult is the service that says what became of an upload.
const fwbmUploadResult = "CXQDFPSCJG"

// uploadResultRequest is CXQDFPSCJG's request; one of sllsh and fphm may be
// empty, and both are always sent.
type uploadResultRequest struct {
	Nsrsbh string `json:"nsrsbh"`
	Sllsh  string `json:"sllsh"` // 受理流水号
	Fphm   string `json:"fphm"`  // 发票号码
}

// uploadResultData is CXQDFPSCJG's Data besides returncode.
type uploadResultData struct {
	Clzt flexString `json:"clzt"` // 处理状态 01 处理中, 02 成功, 03 失败
	Fphm flexString `json:"fphm"`
	Kprq flexString `json:"kprq"`
	Cwxx flexString `json:"cwxx"` // 错误信息, on 03
}

// Processing states (clzt).
const (
	clztProcessing = "01"
	clztAccepted   = "02"
	clztRejected   = "03"
)

// UploadResult asks what became of an upload, by its ticket, or by the
// invoice number when the ticket was lost (or by both).
func (c *Client) UploadResult(ctx context.Context, ticket, number string) (app.UploadResult, error) {
	ticket, number = strings.TrimSpace(ticket), strings.TrimSpace(number)
	if ticket == "" && number == "" {
		return app.UploadResult{}, refusedBeforeSending(fwbmUploadResult, "受理流水号和发票号码不能都为空")
	}
	req := uploadResultRequest{Nsrsbh: c.cfg.SellerTaxID, Sllsh: ticket, Fphm: number}
	var res app.UploadResult
	err := c.invoke(ctx, fwbmUploadResult, req, func(data json.RawMessage) (err error) {
		res, err = decodeUploadResultData(data, number)
		return err
	})
	var pe *app.ProviderError
	if errors.As(err, &pe) && pe.Kind == app.KindBusiness && pe.Code == codeNoUploadRecord {
		// The platform has no upload of this number: it was never issued.
		notFound := *pe
		notFound.Err = app.ErrNotFound
		return app.UploadResult{}, &notFound
	}
	if err != nil {
		return app.UploadResult{}, err
	}
	return res, nil
}

// codeNoUploadRecord is CXQDFPSCJG's returncode for an upload it has no
// record of (未查询到上传记录).
const codeNoUploadRecord = "04"

// decodeUploadResultData reads the state of an upload asked about by asked
// (the number, or ""). An accepted invoice must have a 20-digit number — the
// one asked about, when one was — and a readable date if it gives one.
func decodeUploadResultData(data json.RawMessage, asked string) (app.UploadResult, error) {
	var d uploadResultData
	if err := json.Unmarshal(data, &d); err != nil {
		return app.UploadResult{}, fmt.Errorf("字段 Data 无法解析(%v)", err)
	}
	number := d.Fphm.String()
	if number == "" {
		number = asked
	}
	if number != "" {
		if _, err := app.ParseInvoiceNumber(number); err != nil {
			return app.UploadResult{}, fmt.Errorf("fphm %q 无效:%v", clip(number), err)
		}
	}
	if asked != "" && number != asked {
		return app.UploadResult{}, fmt.Errorf("问的是发票 %s,答的是发票 %s", asked, number)
	}
	issuedAt, err := parseIssueTime(d.Kprq.String())
	if err != nil {
		return app.UploadResult{}, err
	}
	res := app.UploadResult{Number: number, IssuedAt: issuedAt}
	switch clzt(d.Clzt.String()) {
	case clztProcessing:
		res.State = app.UploadProcessing
	case clztAccepted:
		if number == "" {
			return app.UploadResult{}, errors.New("clzt 为 02(成功)却没有 fphm")
		}
		res.State = app.UploadAccepted
	case clztRejected:
		res.State, res.Message = app.UploadRejected, clipTo(d.Cwxx.String(), maxReasonBytes)
		if res.Message == "" {
			res.Message = "税局未说明原因"
		}
	default:
		return app.UploadResult{}, fmt.Errorf("clzt %q 不是 01、02 或 03", clip(d.Clzt.String()))
	}
	return res, nil
}

// clzt writes a state as two digits: the number 2 stands for "02".
func clzt(s string) string {
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		return "0" + s
	}
	return s
}

// parseIssueTime reads kprq in China time, "2006-01-02 15:04:05" or
// "20060102150405". An empty kprq is the zero time: the caller keeps the
// date it sent.
func parseIssueTime(text string) (time.Time, error) {
	if text == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{wireTime, "20060102150405"} {
		if t, err := time.ParseInLocation(layout, text, app.ChinaTime); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("kprq %q 无法识别", clip(text))
}
