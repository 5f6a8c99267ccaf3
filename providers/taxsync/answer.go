package taxsync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"fapiao/app"
)

// wireAnswer is the service's envelope around every answer.
type wireAnswer struct {
	UUID    flexString      `json:"uuid"`
	Code    flexString      `json:"code"`
	Msg     flexString      `json:"msg"`
	Sfjf    flexString      `json:"sfjf"`   // 是否计费: whether the call was billed
	JfNum   flexString      `json:"jf_num"` // 计费数量
	Content json.RawMessage `json:"content"`
}

// answer is what a successful envelope carried: the page's JSON, unpacked.
type answer struct {
	uuid  string
	jfNum string
	page  []byte
}

// judge classifies one HTTP answer and, when it is a success, unpacks its
// content into the page's JSON.
func (c *Client) judge(status int, body []byte) (answer, *app.ProviderError) {
	if status == http.StatusTooManyRequests || status >= 500 {
		return answer{}, transientError(fmt.Sprintf("服务器暂时无法处理请求(HTTP %d),请稍后重试", status), nil)
	}
	var w wireAnswer
	err := json.Unmarshal(body, &w)
	switch {
	case err != nil && (status == http.StatusUnauthorized || status == http.StatusForbidden):
		// A gateway in front of the service refusing the appid answers
		// without an envelope.
		return answer{}, providerError(app.KindCredentials, "",
			fmt.Sprintf("接入被拒绝(HTTP %d),请检查 [inbound] 的 appid 和 secret_env 配置的密钥", status), nil)
	case err != nil:
		return answer{}, c.malformedError(fmt.Sprintf("HTTP %d,应答不是JSON对象", status))
	case w.Code.String() == "":
		return answer{}, c.malformedError(fmt.Sprintf("HTTP %d,应答缺少 code", status))
	case !succeeded(w.Code.String()):
		return answer{}, c.classifyRefusal(w.Code.String(), w.Msg.String(), w.UUID.String())
	case status < 200 || status > 299:
		return answer{}, c.malformedError(fmt.Sprintf("HTTP %d 却返回成功代码", status))
	}
	page, err := c.unpack(w.Content)
	if err != nil {
		return answer{}, c.malformedError(err.Error())
	}
	return answer{uuid: clip(c.redact(w.UUID.String())), jfNum: clip(w.JfNum.String()), page: page}, nil
}

// succeeded reads code "0000" as success, and so also 0 written as a
// number or with fewer zeros: every other code is a refusal.
func succeeded(code string) bool {
	return strings.Trim(code, "0") == ""
}

// unpack reads the content field: normally a Base64 string, but a server
// that sends the page as a plain JSON object (or as JSON text) is
// understood too.
func (c *Client) unpack(content json.RawMessage) ([]byte, error) {
	content = bytes.TrimSpace(content)
	switch {
	case len(content) == 0 || bytes.Equal(content, []byte("null")):
		return nil, errors.New("应答缺少 content")
	case content[0] == '{':
		return content, nil
	case content[0] != '"':
		return nil, errors.New("content 应为Base64文本")
	}
	var text string
	if err := json.Unmarshal(content, &text); err != nil {
		return nil, errors.New("content 应为Base64文本")
	}
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "{") {
		return []byte(t), nil // Base64 never starts with "{"
	}
	return decodeContent(text, c.maxContent)
}
