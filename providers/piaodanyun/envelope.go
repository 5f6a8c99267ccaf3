package piaodanyun

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"fapiao/app"
)

// Codes the provider answers with in the envelope.
const (
	codeOK           = "200"
	codeUnauthorized = "401"
	codeSMSLogin     = "419"   // the e-tax session needs an SMS login
	codeFaceAuth     = "420"   // the bureau wants a face scan first
	codeRefused      = "999"   // a business refusal; on loginDppt, a refused login
	codeBadPassword  = "40000" // obtainToken: 用户名或密码错误
	codeMissingParam = "20000" // obtainToken: 参数不能为空
)

// maxResponseBytes bounds an API answer; a base64 layout file of the largest
// size we accept fits in it.
const maxResponseBytes = 40 << 20

// envelope is every answer's outer shape: {"code", "msg", "message", "data",
// "total"}. code may be a number or a string; msg or message carries the text.
type envelope struct {
	Code    flexString      `json:"code"`
	Msg     flexString      `json:"msg"`
	Message flexString      `json:"message"`
	Data    json.RawMessage `json:"data"`
	Total   flexInt         `json:"total"`
}

var errEmptyBody = errors.New("响应为空")

// decodeEnvelope reads an answer's envelope. It fails on an empty body, on
// anything that is not a JSON object, and on an object without a code.
func decodeEnvelope(body []byte) (envelope, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return envelope{}, errEmptyBody
	}
	var env envelope
	if body[0] != '{' {
		return envelope{}, errors.New("不是JSON对象")
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return envelope{}, fmt.Errorf("不是有效的JSON(%v)", err)
	}
	if env.code() == "" {
		return envelope{}, errors.New("缺少 code")
	}
	return env, nil
}

// code is the envelope's code with numeric spellings made equal ("200",
// 200 and 200.0 are all "200").
func (e envelope) code() string {
	text := e.Code.String()
	if d := parseFlexDecimal(text); d.Valid && d.Value.IsInteger() {
		return d.Value.String()
	}
	return text
}

// text is the provider's message, from msg or else message.
func (e envelope) text() string {
	if m := e.Msg.String(); m != "" {
		return m
	}
	return e.Message.String()
}

// hasData reports whether data is present and not null.
func hasData(data json.RawMessage) bool {
	d := bytes.TrimSpace(data)
	return len(d) > 0 && !bytes.Equal(d, []byte("null"))
}

// verdict is what one HTTP answer means.
type verdict struct {
	data         json.RawMessage // on success
	tokenExpired bool            // the token was refused: obtain a new one and retry once
	err          error           // a classified *app.ProviderError
}

// judge classifies one HTTP answer to a call named op.
func (c *Client) judge(op string, status int, body []byte) verdict {
	if status == http.StatusUnauthorized {
		return verdict{tokenExpired: true}
	}
	if status == http.StatusTooManyRequests || status >= 500 {
		return verdict{err: transientError(op, fmt.Sprintf("服务器暂时无法处理请求(HTTP %d),请稍后重试", status), nil)}
	}
	env, err := decodeEnvelope(body)
	if err != nil {
		return verdict{err: c.malformedError(op, status, body, err.Error())}
	}
	code, text := env.code(), c.redact(env.text())
	switch {
	case code == codeOK && (status < 200 || status > 299):
		return verdict{err: c.malformedError(op, status, body, "HTTP状态与 code 200 矛盾")}
	case code == codeOK:
		return verdict{data: env.Data}
	case code == codeUnauthorized || mentionsInvalidToken(text):
		return verdict{tokenExpired: true}
	}
	return verdict{err: classifyCode(op, code, text)}
}

// classifyCode turns a refusal into an error of the kind that says what the
// clerk must do next.
func classifyCode(op, code, text string) *app.ProviderError {
	if text == "" {
		text = "未说明原因"
	}
	switch {
	case code == codeSMSLogin:
		return providerError(app.KindLogin, op, code,
			"需要短信验证登录电子税务局,请先完成登录(短信验证码)后重试:"+text, nil)
	case code == codeFaceAuth:
		return providerError(app.KindFaceAuth, op, code,
			"需要人脸认证,请用税务App扫码完成人脸识别后重试:"+text, nil)
	case code == codeBadPassword:
		return providerError(app.KindCredentials, op, code, "票单云账号或密码错误:"+text, nil)
	case code == codeMissingParam && op == opObtainToken:
		return providerError(app.KindCredentials, op, code,
			"票单云账号配置不完整(手机号、密码、租户ID):"+text, nil)
	case code == codeRefused && op == opLogin:
		// A wrong e-tax password or an unregistered user: the clerk must fix
		// the login, not the invoice.
		return providerError(app.KindCredentials, op, code, "登录电子税务局被拒绝:"+text, nil)
	}
	return providerError(app.KindBusiness, op, code, text, nil)
}

// mentionsInvalidToken recognizes the provider's prose for a token that has
// expired or was revoked, which it sometimes sends under a generic code.
func mentionsInvalidToken(text string) bool {
	lower := strings.ToLower(text)
	if !strings.Contains(lower, "token") && !strings.Contains(text, "令牌") {
		return false
	}
	for _, word := range []string{"过期", "失效", "无效"} {
		if strings.Contains(text, word) {
			return true
		}
	}
	return false
}
