package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Codes of the 票单云 envelope. The HTTP status is 200 for all of them: the
// gateway reports failures in the body.
const (
	codeOK           = 200
	codeUnauthorized = 401   // token missing, unknown or expired
	codeNeedLogin    = 419   // the seller's e-tax login lapsed: log in again (SMS)
	codeNeedFace     = 420   // the seller's face authentication lapsed: scan again
	codeBusiness     = 999   // the bureau refused the content
	codeEmptyParam   = 20000 // obtainToken: a required parameter is missing
	codeBadLogin     = 40000 // obtainToken: wrong account or password
)

// Messages the gateway uses verbatim.
const (
	msgOK             = "成功"
	msgUnauthorized   = "token已过期或无效,请重新获取"
	msgEmptyParam     = "参数不能为空"
	msgBadLogin       = "用户名或密码错误"
	msgNotFound       = "未查询到发票信息"
	msgDuplicate      = "发票请求流水号重复"
	msgNoSuchEndpoint = "接口不存在"
	msgNeedLogin      = "需要短信验证登录电子税务局"
	msgNeedFace       = "需要进行人脸识别认证,请扫码认证后重试"
)

// success is the envelope of an accepted request.
type success struct {
	Code  int    `json:"code"`
	Msg   string `json:"msg"`
	Data  any    `json:"data"`
	Total int    `json:"total"`
}

// failure is the envelope of a refused request; data is always null.
type failure struct {
	Code int    `json:"code"`
	Msg  string `json:"msg"`
	Data any    `json:"data"`
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(body) // the client went away: nothing left to tell it
}

// writeOK answers code 200 with data.
func writeOK(w http.ResponseWriter, data any) {
	writeJSON(w, http.StatusOK, success{Code: codeOK, Msg: msgOK, Data: data})
}

// writeFail answers HTTP 200 with a failure code and message, as the gateway does.
func writeFail(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, http.StatusOK, failure{Code: code, Msg: msg})
}

// writeRefusal answers the bureau's business refusal (999).
func writeRefusal(w http.ResponseWriter, msg string) { writeFail(w, codeBusiness, msg) }

// writeHTTPError answers a non-200 HTTP status with a JSON body naming it.
func writeHTTPError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, struct {
		Code int    `json:"code"`
		Msg  string `json:"msg"`
	}{status, msg})
}

// messageAnswer is the envelope of the calls whose success seed 001 shows
// with message beside msg (the red-invoice calls, getCreditLine).
type messageAnswer struct {
	Code    int    `json:"code"`
	Msg     string `json:"msg"`
	Message string `json:"message"`
	Data    any    `json:"data"`
	Total   int    `json:"total"`
}

// writeOKMessage answers code 200 with msg (also as message) and data.
func writeOKMessage(w http.ResponseWriter, msg string, data any) {
	writeJSON(w, http.StatusOK, messageAnswer{Code: codeOK, Msg: msg, Message: msg, Data: data})
}

// refusal is a business refusal found inside a transaction: the
// transaction rolls back and the bureau answers 999 with its message.
type refusal struct{ msg string }

func (r *refusal) Error() string { return r.msg }

// refuse makes a refusal with a formatted message.
func refuse(format string, args ...any) error {
	return &refusal{msg: fmt.Sprintf(format, args...)}
}

// answeredFailure answers err if it is one (a refusal, a duplicate serial
// or an internal failure, logged under op) and reports whether it did.
func (s *Server) answeredFailure(w http.ResponseWriter, op string, err error) bool {
	var rf *refusal
	switch {
	case err == nil:
		return false
	case errors.As(err, &rf):
		s.log.Info(op+" refused", "reason", rf.msg)
		writeRefusal(w, rf.msg)
	case errors.Is(err, errDuplicateSerial):
		writeRefusal(w, msgDuplicate)
	default:
		s.log.Error(op, "err", err)
		writeHTTPError(w, http.StatusInternalServerError, op+"失败:税局系统内部错误")
	}
	return true
}
