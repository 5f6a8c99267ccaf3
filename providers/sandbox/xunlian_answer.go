package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
)

// returnCode values of serverIssue's status. Seed 003 shows only "200";
// the others are the HTTP codes a Java platform's status carries, so a
// client can tell a configuration problem (401, 403) from a refused
// invoice (400, 409).
const (
	xlCodeOK           = "200"
	xlCodeBadRequest   = "400" // the request breaks a rule of the seed
	xlCodeUnauthorized = "401" // companyDataResource or terminalCode not authorized
	xlCodeForbidden    = "403" // the account may not issue for this seller
	xlCodeConflict     = "409" // the application number was used for other content
	xlCodeUnsupported  = "415" // not application/json
	xlCodeInternal     = "500"
)

// xlAnswer is serverIssue's reply, key for key as seed 003 shows it.
type xlAnswer struct {
	Body       any      `json:"body"`
	OK         bool     `json:"ok"`
	RequestNum *string  `json:"requestNum"`
	Status     xlStatus `json:"status"`
}

// xlStatus is the answer's status. message says why on failure and is null
// on success, as in the seed's example.
type xlStatus struct {
	Description *string `json:"description"`
	Message     *string `json:"message"`
	Path        string  `json:"path"`
	ReturnCode  string  `json:"returnCode"`
	ServiceCode *string `json:"serviceCode"`
	Time        int64   `json:"time"` // Unix milliseconds
}

// xlIssued is the body of a success.
type xlIssued struct {
	RequisitionApplyNo string      `json:"requisitionApplyNo"`
	OtherID            string      `json:"otherId"` // a string, whatever was sent
	InvoiceUUID        string      `json:"invoiceUuid"`
	DocID              string      `json:"docId"`
	InvoiceCode        string      `json:"invoiceCode"` // "": 数电 invoices have no code
	InvoiceNumber      string      `json:"invoiceNumber"`
	InvoiceDate        string      `json:"invoiceDate"` // 2006-01-02
	InvoiceParityCode  string      `json:"invoiceParityCode"`
	Amount             json.Number `json:"amount"` // 合计金额 (excluding tax), a number
}

// xlRefusal is a failure of serverIssue: its returnCode and message.
type xlRefusal struct {
	code, msg string
}

func (e *xlRefusal) Error() string { return e.msg }

// xlRefuse makes a refusal with returnCode 400, the most common one.
func xlRefuse(msg string) error { return &xlRefusal{code: xlCodeBadRequest, msg: msg} }

// writeXunlianOK answers ok true with body.
func (s *Server) writeXunlianOK(w http.ResponseWriter, body xlIssued) {
	writeJSON(w, http.StatusOK, xlAnswer{Body: body, OK: true, Status: s.xlStatus(xlCodeOK, nil)})
}

// writeXunlianFailure answers ok false, body null. Refusals travel with
// HTTP 200, as the platform's gateway answers them; only an internal
// failure is an HTTP 500, which a client retries.
func (s *Server) writeXunlianFailure(w http.ResponseWriter, err error) {
	var rf *xlRefusal
	var legacy *refusal
	status, code, msg := http.StatusOK, xlCodeBadRequest, ""
	switch {
	case errors.As(err, &rf):
		code, msg = rf.code, rf.msg
	case errors.As(err, &legacy):
		msg = legacy.msg
	default:
		s.log.Error("serverIssue", "err", err)
		status, code, msg = http.StatusInternalServerError, xlCodeInternal, "开票失败:平台内部错误,请稍后重试"
	}
	writeJSON(w, status, xlAnswer{OK: false, Status: s.xlStatus(code, &msg)})
}

func (s *Server) xlStatus(code string, msg *string) xlStatus {
	return xlStatus{ReturnCode: code, Message: msg, Path: pathServerIssue, Time: s.now().UnixMilli()}
}
