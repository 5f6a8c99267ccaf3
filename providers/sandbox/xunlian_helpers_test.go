package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// xlReply is serverIssue's answer as a test reads it.
type xlReply struct {
	HTTP   int
	Raw    string
	OK     bool            `json:"ok"`
	Body   json.RawMessage `json:"body"`
	Status struct {
		ReturnCode string  `json:"returnCode"`
		Message    *string `json:"message"`
		Path       string  `json:"path"`
	} `json:"status"`
}

// xlBody is a success's body, amount kept as written.
type xlBody struct {
	RequisitionApplyNo string      `json:"requisitionApplyNo"`
	OtherID            any         `json:"otherId"`
	InvoiceUUID        string      `json:"invoiceUuid"`
	DocID              string      `json:"docId"`
	InvoiceCode        string      `json:"invoiceCode"`
	InvoiceNumber      string      `json:"invoiceNumber"`
	InvoiceDate        string      `json:"invoiceDate"`
	InvoiceParityCode  string      `json:"invoiceParityCode"`
	Amount             json.Number `json:"amount"`
}

func (r xlReply) message() string {
	if r.Status.Message == nil {
		return ""
	}
	return *r.Status.Message
}

// serverIssue posts req (marshalled unless it is already a string) as JSON.
func (e *env) serverIssue(req any) xlReply {
	e.t.Helper()
	body, ok := req.(string)
	if !ok {
		b, err := json.Marshal(req)
		if err != nil {
			e.t.Fatal(err)
		}
		body = string(b)
	}
	httpReq, _ := http.NewRequest(http.MethodPost, e.base+pathServerIssue, strings.NewReader(body))
	httpReq.Header.Set("Content-Type", "application/json")
	return e.xlDecode(e.mustDo(httpReq))
}

func (e *env) xlDecode(resp *http.Response, raw []byte) xlReply {
	e.t.Helper()
	r := xlReply{HTTP: resp.StatusCode, Raw: string(raw)}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		e.t.Fatalf("serverIssue answer %q: %v", raw, err)
	}
	return r
}

// mustIssueXL sends req, which must be accepted, and returns the body.
func (e *env) mustIssueXL(req any) xlBody {
	e.t.Helper()
	r := e.serverIssue(req)
	if !r.OK || r.Status.ReturnCode != "200" {
		e.t.Fatalf("serverIssue refused: %s", r.Raw)
	}
	var b xlBody
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		e.t.Fatalf("body %s: %v", r.Body, err)
	}
	return b
}

// refusedXL asserts an ok-false answer with returnCode code, a null body
// and a message containing every want; and that nothing was issued.
func (e *env) refusedXL(r xlReply, code string, want ...string) {
	e.t.Helper()
	if r.OK || r.Status.ReturnCode != code || r.HTTP != http.StatusOK {
		e.t.Fatalf("answer %s (HTTP %d), want ok false with returnCode %s", r.Raw, r.HTTP, code)
	}
	if string(r.Body) != "null" {
		e.t.Errorf("body = %s, want null", r.Body)
	}
	for _, w := range want {
		if !strings.Contains(r.message(), w) {
			e.t.Errorf("message %q does not mention %q", r.message(), w)
		}
	}
}

// invoiceCount is how many invoices the sandbox holds.
func (e *env) invoiceCount() int {
	e.t.Helper()
	var n int
	if err := e.srv.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM invoices`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// xlRequest is seed 003's request example made valid: the demo account
// and terminal, real tax IDs (the seed's fail their check digit), serial
// as the application number. otherId stays a number, as in the seed.
func xlRequest(serial string) map[string]any {
	return map[string]any{
		"requisitionApplyNo":  serial,
		"buyerAddress":        "北京市昌平区北***院101楼620室010-58688395",
		"buyerBankAndId":      "中国**银行股份有限公司北京广安门支行0200001919200131264",
		"buyerName":           "**集团有限公司电子商务中心",
		"buyerTaxId":          buyerID,
		"companyDataResource": DemoCompanyDataResource,
		"invoiceTypeCode":     "01",
		"lines": []any{map[string]any{
			"lineAttribute": "0", "itemName": "笔记本电脑",
			"lineAmountExcludeTax": "4570.80", "lineAmountIncludeTax": "5165.00",
			"priceExcludeTax": "4570.80000000", "priceIncludeTax": "5165.00000000", "quantity": "1.00000000",
			"taxAmount": "594.20", "taxClassificationCode": "1090509010000000000", "taxRate": "0.13", "unit": "台",
			"orderNo": nil, "orderLineId": nil, "statementCode": nil, "statementLineId": nil,
			"noticeCodeNo": nil, "noticeLineId": nil,
		}},
		"otherId":               json.Number("28045669365055408"),
		"sellerAddress":         "上海市徐汇区**路星联科研楼2幢3-4楼 24081101",
		"sellerBankAndId":       "**银行(中国)有限公司上海分行088-296504-011",
		"sellerName":            "上海**集团有限司",
		"sellerTaxId":           sellerID,
		"specialInvoiceMark":    "00",
		"totalAmountExcludeTax": "4570.80",
		"totalAmountIncludeTax": "5165.00",
		"totalTaxAmount":        "594.20",
		"statementCode":         nil, "noticeCodeNo": nil, "receiveMsgPhone": nil, "receiveMsgEmail": nil,
		"receiveRecipient": nil, "terminalCode": DemoTerminalCode, "payee": nil, "drawer": nil,
		"reviewer": "张三", "blueInvoiceNo": nil, "blueInvoiceCode": nil,
	}
}

// line0 is the request's first line, to edit.
func line0(req map[string]any) map[string]any {
	return req["lines"].([]any)[0].(map[string]any)
}

// xlRedOf is the whole red invoice of xlRequest's blue invoice number.
func xlRedOf(serial, blueNumber string) map[string]any {
	req := xlRequest(serial)
	req["blueInvoiceNo"], req["blueInvoiceCode"] = blueNumber, ""
	req["totalAmountExcludeTax"], req["totalTaxAmount"], req["totalAmountIncludeTax"] = "-4570.80", "-594.20", "-5165.00"
	l := line0(req)
	l["lineAmountExcludeTax"], l["lineAmountIncludeTax"], l["taxAmount"], l["quantity"] = "-4570.80", "-5165.00", "-594.20", "-1"
	return req
}

// postXLRaw posts req as JSON and returns whatever came back.
func (e *env) postXLRaw(req any) (*http.Response, []byte, error) {
	b, err := json.Marshal(req)
	if err != nil {
		e.t.Fatal(err)
	}
	httpReq, _ := http.NewRequest(http.MethodPost, e.base+pathServerIssue, bytes.NewReader(b))
	httpReq.Header.Set("Content-Type", "application/json")
	return e.do(httpReq)
}
