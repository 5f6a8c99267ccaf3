package xunlian

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// answer is serverIssue's reply: {"ok", "status": {returnCode, message,
// description, …}, "body": {…}}. body is null on failure.
type answer struct {
	OK     flexBool        `json:"ok"`
	Status json.RawMessage `json:"status"`
	Body   json.RawMessage `json:"body"`
}

// answerStatus is status. Read on its own so that a status that is not an
// object (a gateway's {"status": 404}) still leaves ok readable.
type answerStatus struct {
	ReturnCode  flexString `json:"returnCode"`
	Message     flexString `json:"message"`
	Description flexString `json:"description"`
}

// answerBody is body on success.
type answerBody struct {
	RequisitionApplyNo flexString `json:"requisitionApplyNo"`
	OtherID            flexString `json:"otherId"` // a number or a string
	InvoiceUUID        flexString `json:"invoiceUuid"`
	DocID              flexString `json:"docId"`
	InvoiceCode        flexString `json:"invoiceCode"`
	InvoiceNumber      flexString `json:"invoiceNumber"`
	InvoiceDate        flexString `json:"invoiceDate"`
	InvoiceParityCode  flexString `json:"invoiceParityCode"`
	Amount             flexString `json:"amount"`
}

// decodeAnswer reads the outer shape. It fails on an empty body, on
// anything that is not a JSON object, and on an object without a readable ok.
func decodeAnswer(raw []byte) (answer, error) {
	raw = bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(raw), []byte("\xEF\xBB\xBF")))
	if len(raw) == 0 {
		return answer{}, errors.New("响应为空")
	}
	if raw[0] != '{' {
		return answer{}, errors.New("不是JSON对象")
	}
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil {
		return answer{}, fmt.Errorf("不是有效的JSON(%v)", err)
	}
	if !a.OK.Set {
		return answer{}, errors.New("缺少 ok 或其值不是 true/false")
	}
	return a, nil
}

// status reads status, or nothing when it is absent or not an object.
func (a answer) status() answerStatus {
	var s answerStatus
	if d := bytes.TrimSpace(a.Status); len(d) > 0 && d[0] == '{' {
		_ = json.Unmarshal(d, &s) // a status we cannot read just says nothing
	}
	return s
}

// message joins status.message and status.description, which 迅联云 uses
// for the reason and its details.
func (s answerStatus) message() string {
	msg, desc := s.Message.String(), s.Description.String()
	switch {
	case msg == "" || msg == desc:
		return desc
	case desc == "":
		return msg
	}
	return msg + ":" + desc
}

// decodeBody reads a successful answer's body.
func decodeBody(raw json.RawMessage) (answerBody, error) {
	d := bytes.TrimSpace(raw)
	if len(d) == 0 || bytes.Equal(d, []byte("null")) {
		return answerBody{}, errors.New("body 为空")
	}
	var b answerBody
	if err := json.Unmarshal(d, &b); err != nil {
		return answerBody{}, fmt.Errorf("body 无法解析(%v)", err)
	}
	return b, nil
}

// Bounds on what an answer may carry.
const (
	maxCodeLen      = 12 // invoiceCode: 10 or 12 digits on a 税控 invoice
	maxCheckCodeLen = 64 // invoiceParityCode: 20 digits in practice
)

// result reads the issued invoice: a number of 8 (税控, with a code) or
// 20 (数电) digits and a readable date are required; a code and a check
// code are taken when present.
func (b answerBody) result() (app.IssueResult, error) {
	number, code, check := b.InvoiceNumber.String(), b.InvoiceCode.String(), b.InvoiceParityCode.String()
	switch {
	case !allDigits(number) || len(number) != paperNumberLen && len(number) != fullNumberLen:
		return app.IssueResult{}, fmt.Errorf("发票号码(invoiceNumber)%q 无效:应为8位或20位数字", clipTo(number, 40))
	case code != "" && (!allDigits(code) || len(code) > maxCodeLen):
		return app.IssueResult{}, fmt.Errorf("发票代码(invoiceCode)%q 无效", clipTo(code, 40))
	case len(check) > maxCheckCodeLen:
		return app.IssueResult{}, fmt.Errorf("校验码(invoiceParityCode)过长:%d个字符", len(check))
	}
	at, err := parseInvoiceDate(b.InvoiceDate.String())
	if err != nil {
		return app.IssueResult{}, err
	}
	return app.IssueResult{Number: number, Code: code, IssuedAt: at, CheckCode: check}, nil
}

// dateLayouts are the ways an issue date may be written: the seed's
// "2022-09-21", and with a time or without separators as other 迅联云
// answers and gateways write it.
var dateLayouts = []string{time.DateOnly, time.DateTime, "20060102", "20060102150405", time.RFC3339}

// parseInvoiceDate reads invoiceDate in China time.
func parseInvoiceDate(text string) (time.Time, error) {
	if text == "" {
		return time.Time{}, errors.New("缺少开票日期(invoiceDate)")
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, text, app.ChinaTime); err == nil {
			return t.In(app.ChinaTime), nil
		}
	}
	return time.Time{}, fmt.Errorf("开票日期(invoiceDate)%q 无法识别", clipTo(text, 40))
}
