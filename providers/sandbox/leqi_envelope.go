package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// Codes of the 乐企 envelope's Response.Error: problems with the call
// itself, found before any service looked at its content.
const (
	leqiCodePlatform = "1001" // the jrdwptbh header names no access unit
	leqiCodeDecrypt  = "1002" // the body does not decrypt with the unit's key
	leqiCodeService  = "1003" // no such service (fwbm)
	leqiCodeJSON     = "1004" // the decrypted body is not the service's JSON
	leqiCodeHeaders  = "1005" // the fwbm or nlbm header disagrees with the path
)

// Messages of the envelope errors. They must not mention 密钥 or 解密
// unless the key is at fault: clients take those words for a credentials
// problem.
const (
	msgLeqiPlatform = "接入单位平台编号不存在"
	msgLeqiDecrypt  = "请求报文解密失败,请检查密钥"
	msgLeqiService  = "服务不存在"
)

// Codes of Data.returncode: "00" success, anything else a business refusal
// explained by returnmsg.
const (
	leqiOK          = "00"
	leqiBadParam    = "01" // a field missing or invalid
	leqiBadSerial   = "02" // ywlsh malformed
	leqiSerialTaken = "03" // ywlsh granted to another taxpayer
	leqiNotFound    = "04" // CXQDFPSCJG: no such upload (clients take it for "not found")
	leqiTooSoon     = "05" // CXSXED: asked within 30 s
)

// Messages of Data.returnmsg the clients may match on.
const (
	msgLeqiOK        = "成功"
	msgLeqiBadSerial = "业务流水号格式错误"
	msgLeqiNotFound  = "未查询到上传记录"
	msgLeqiTooSoon   = "查询过于频繁"
)

// leqiRequestIDSize is the length of RequestId: 16 letters and digits.
const leqiRequestIDSize = 16

// leqiResponse is every answer: {"Response": {"RequestId", "Data" | "Error"}}.
type leqiResponse struct {
	Response leqiResponseBody `json:"Response"`
}

type leqiResponseBody struct {
	RequestID string     `json:"RequestId"`
	Data      string     `json:"Data,omitempty"` // sealed JSON
	Error     *leqiError `json:"Error,omitempty"`
}

type leqiError struct {
	Code    string `json:"Code"`
	Message string `json:"Message"`
}

// leqiEnvelopeError is a problem with the call, answered in Response.Error.
type leqiEnvelopeError struct {
	status  int // HTTP status: 200 unless the path names no service
	code    string
	message string
}

func (e *leqiEnvelopeError) Error() string { return e.code + " " + e.message }

// leqiRefusal is a business refusal: the call was understood, the answer is
// Data with returncode != "00". Found inside a transaction, it rolls it back.
type leqiRefusal struct {
	code    string
	message string
}

func (r *leqiRefusal) Error() string { return r.code + " " + r.message }

// refuseLeqi makes a refusal with a formatted message.
func refuseLeqi(code, format string, args ...any) error {
	return &leqiRefusal{code: code, message: fmt.Sprintf(format, args...)}
}

// leqiResult is what every Data carries.
type leqiResult struct {
	ReturnCode string `json:"returncode"`
	ReturnMsg  string `json:"returnmsg"`
}

// leqiSuccess is the leqiResult of an accepted call.
var leqiSuccess = leqiResult{ReturnCode: leqiOK, ReturnMsg: msgLeqiOK}

// decodeLeqiRequest reads a decrypted body into v. The body must be one JSON
// object of the service's shape; anything else is envelope error 1004, with
// the decoder's words (which name the field).
func decodeLeqiRequest(body []byte, v any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return &leqiEnvelopeError{http.StatusOK, leqiCodeJSON, "请求报文格式错误:应为JSON对象"}
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &leqiEnvelopeError{http.StatusOK, leqiCodeJSON, "请求报文格式错误:" + err.Error()}
	}
	return nil
}

// writeLeqiError answers an envelope error.
func writeLeqiError(w http.ResponseWriter, e *leqiEnvelopeError) {
	writeJSON(w, e.status, leqiResponse{Response: leqiResponseBody{
		RequestID: randomAlnum(leqiRequestIDSize), Error: &leqiError{Code: e.code, Message: e.message}}})
}

// writeLeqiData answers data, marshalled and sealed with the unit's key.
func (s *Server) writeLeqiData(w http.ResponseWriter, data any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // like writeJSON: 名称 & 地址 stay as written
	if err := enc.Encode(data); err != nil {
		s.log.Error("leqi: encode data", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "税局系统内部错误")
		return
	}
	writeJSON(w, http.StatusOK, leqiResponse{Response: leqiResponseBody{
		RequestID: randomAlnum(leqiRequestIDSize), Data: s.leqiSeal.seal(bytes.TrimSpace(buf.Bytes()))}})
}
