package sandbox

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"fapiao/app"
)

// pathInbound is service S000621, seed 002's ip:port/invoice/S000621.
const (
	inboundServiceID = "S000621"
	pathInbound      = "/invoice/" + inboundServiceID
)

// Codes of the S000621 answer. Only 0000 is success; the HTTP status is
// 200 for all of them.
const (
	inboundOK        = "0000"
	inboundBadSign   = "1001" // the signature does not verify
	inboundBadAppID  = "1002" // no such appid
	inboundBadServe  = "1003" // serviceid is not S000621
	inboundBadFormat = "1004" // the envelope or its content is not what seed 002 describes
	inboundBadParam  = "1005" // a query parameter is invalid
)

// Messages the clients may match on. Credential problems name 签名 or
// appid (clients take those for "check the account"); the others must not.
const (
	msgInboundOK      = "请求成功"
	msgInboundBadSign = "签名校验失败"
	msgInboundAppID   = "appid不存在或未开通S000621接口授权"
)

// maxInboundBody bounds a request: a query is a few hundred bytes.
const maxInboundBody = 1 << 20

// inboundRequest is the envelope of a call (seed 002 §2).
type inboundRequest struct {
	AppID     string `json:"appid"`
	ServiceID string `json:"serviceid"`
	Jtnsrsbh  string `json:"jtnsrsbh"` // 集团纳税人识别号
	Nsrsbh    string `json:"nsrsbh"`   // the company
	Content   string `json:"content"`  // Base64 of the query's JSON
	Signature string `json:"signature"`
	SignType  string `json:"signType"`
}

// inboundAnswer is the envelope of every answer (seed 002 §4).
type inboundAnswer struct {
	UUID    string `json:"uuid"`
	Code    string `json:"code"`
	Msg     string `json:"msg"`
	Sfjf    string `json:"sfjf"`   // 是否计费: Y when the call is billed
	JfNum   int    `json:"jf_num"` // 计费数量
	Content string `json:"content"`
}

// inboundFailure is a call the service refuses with code and msg.
type inboundFailure struct{ code, msg string }

func (f *inboundFailure) Error() string { return f.code + " " + f.msg }

// inboundSignature is Base64(HMAC-SHA256(secret, "?appid=…&content=…&
// jtnsrsbh=…&nsrsbh=…&serviceid=…")): the five parameters sorted by name,
// values as they are in the body.
func inboundSignature(secret string, req inboundRequest) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	_, _ = io.WriteString(mac, "?appid="+req.AppID+"&content="+req.Content+"&jtnsrsbh="+req.Jtnsrsbh+
		"&nsrsbh="+req.Nsrsbh+"&serviceid="+req.ServiceID)
	return mac.Sum(nil)
}

// readInboundRequest reads and checks the envelope, the signature last
// but one (it needs the appid's secret), then the companies' tax IDs.
func (s *Server) readInboundRequest(w http.ResponseWriter, r *http.Request) (inboundRequest, error) {
	var req inboundRequest
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInboundBody))
	if err != nil {
		return req, &inboundFailure{inboundBadFormat, "请求报文过大或读取失败"}
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return req, &inboundFailure{inboundBadFormat, "请求报文格式错误:应为JSON对象"}
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return req, &inboundFailure{inboundBadFormat, "请求报文格式错误:" + err.Error()}
	}
	if err := requireInboundFields(req); err != nil {
		return req, err
	}
	if err := s.checkInboundCaller(req); err != nil {
		return req, err
	}
	return req, checkInboundCompanies(req)
}

// requireInboundFields checks that every field of the envelope is there.
func requireInboundFields(req inboundRequest) error {
	for _, f := range []struct{ name, value string }{
		{"appid", req.AppID}, {"serviceid", req.ServiceID}, {"jtnsrsbh", req.Jtnsrsbh},
		{"nsrsbh", req.Nsrsbh}, {"content", req.Content}, {"signType", req.SignType},
		{"signature", req.Signature},
	} {
		if strings.TrimSpace(f.value) == "" {
			return &inboundFailure{inboundBadFormat, "请求参数 " + f.name + " 不能为空"}
		}
	}
	return nil
}

// checkInboundCaller checks the service, the appid and the signature. The
// signature is compared in constant time; the answer never tells what it
// should have been.
func (s *Server) checkInboundCaller(req inboundRequest) error {
	switch {
	case req.ServiceID != inboundServiceID:
		return &inboundFailure{inboundBadServe, "服务编号(serviceid) " + req.ServiceID + " 不存在:应为" + inboundServiceID}
	case req.AppID != s.opts.InboundAppID:
		return &inboundFailure{inboundBadAppID, msgInboundAppID}
	case req.SignType != "0":
		return &inboundFailure{inboundBadFormat, "signType " + req.SignType + " 不支持:应为0(HMAC-SHA256)"}
	}
	got, err := base64.StdEncoding.DecodeString(req.Signature)
	if err != nil || !hmac.Equal(got, inboundSignature(s.opts.InboundSecret, req)) {
		return &inboundFailure{inboundBadSign, msgInboundBadSign}
	}
	return nil
}

// checkInboundCompanies checks the two tax IDs.
func checkInboundCompanies(req inboundRequest) error {
	if err := app.ValidateTaxID(req.Nsrsbh); err != nil {
		return &inboundFailure{inboundBadParam, "纳税人识别号(nsrsbh)" + err.Message}
	}
	if err := app.ValidateTaxID(req.Jtnsrsbh); err != nil {
		return &inboundFailure{inboundBadParam, "集团纳税人识别号(jtnsrsbh)" + err.Message}
	}
	return nil
}

// writeInboundOK answers the encoded content; the call is billed.
func writeInboundOK(w http.ResponseWriter, content string) {
	writeJSON(w, http.StatusOK, inboundAnswer{UUID: newUUIDHex(), Code: inboundOK, Msg: msgInboundOK,
		Sfjf: "Y", JfNum: 1, Content: content})
}

// writeInboundFailure answers a refusal; the call is not billed.
func writeInboundFailure(w http.ResponseWriter, f *inboundFailure) {
	writeJSON(w, http.StatusOK, inboundAnswer{UUID: newUUIDHex(), Code: f.code, Msg: f.msg, Sfjf: "N"})
}
