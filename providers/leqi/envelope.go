package leqi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// envelope is every answer's outer shape: {"Response": {"RequestId", "Data"
// | "Error"}}. Keys match without regard to case (encoding/json's rule), and
// extra fields are ignored.
type envelope struct {
	Response *struct {
		RequestID flexString      `json:"RequestId"`
		Data      json.RawMessage `json:"Data"`
		Error     *wireError      `json:"Error"`
	} `json:"Response"`
}

// wireError is Response.Error: {"Code", "Message"}, Code a string or a
// number. A bare string is read as the message.
type wireError struct {
	Code    flexString `json:"Code"`
	Message flexString `json:"Message"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (e *wireError) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*e = wireError{}
		return json.Unmarshal(b, &e.Message)
	}
	type plain wireError // without this method
	return json.Unmarshal(b, (*plain)(e))
}

func (e *wireError) empty() bool {
	return e == nil || e.Code.String() == "" && e.Message.String() == ""
}

// answer is one decoded envelope: a refusal, or Data as a JSON object.
type answer struct {
	requestID string
	failure   *wireError      // Response.Error, when it says anything
	data      json.RawMessage // the decrypted Data object otherwise
}

// decodeAnswer reads an envelope and decrypts its Data. The body and the
// decrypted Data are scrubbed of the key first, so nothing read from an
// answer — a message, a quoted field, a value cut short — can carry it.
func (c *Client) decodeAnswer(body []byte) (answer, error) {
	body = trimJSON(c.scrub(body))
	if len(body) == 0 {
		return answer{}, errors.New("响应为空")
	}
	if body[0] != '{' {
		return answer{}, errors.New("不是JSON对象")
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return answer{}, fmt.Errorf("不是有效的JSON(%v)", err)
	}
	r := env.Response
	if r == nil {
		return answer{}, errors.New("缺少 Response")
	}
	a := answer{requestID: r.RequestID.String()}
	if !r.Error.empty() {
		a.failure = r.Error
		return a, nil
	}
	data, err := c.openData(r.Data)
	if err != nil {
		return answer{}, err
	}
	a.data = data
	return a, nil
}

// openData turns Response.Data into a JSON object: a sealed string is
// decrypted; an object (seed 000's example prints Data decrypted) or a
// string holding the JSON itself is taken as it is.
func (c *Client) openData(raw json.RawMessage) (json.RawMessage, error) {
	raw = trimJSON(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
		return nil, errors.New("缺少 Data")
	case raw[0] == '{':
		return raw, nil
	case raw[0] != '"':
		return nil, errors.New("字段 Data 既不是密文也不是对象")
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		return nil, errors.New("字段 Data 不是有效的字符串")
	}
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "{") {
		return jsonObject([]byte(t))
	}
	plain, err := c.seal.open(text)
	if err != nil {
		return nil, errors.New("字段 Data 无法解密:" + err.Error())
	}
	return jsonObject(c.scrub(plain))
}

// jsonObject checks that b is one JSON object.
func jsonObject(b []byte) (json.RawMessage, error) {
	b = trimJSON(b)
	if len(b) == 0 || b[0] != '{' || !json.Valid(b) {
		return nil, errors.New("字段 Data 的内容不是JSON对象")
	}
	return b, nil
}

// trimJSON drops blanks and a byte-order mark around a JSON text.
func trimJSON(b []byte) []byte {
	b = bytes.TrimSpace(b)
	return bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))
}

// result is what every Data carries besides its service's fields.
type result struct {
	ReturnCode flexString `json:"returncode"`
	ReturnMsg  flexString `json:"returnmsg"`
}

// succeeded reports whether returncode is "00". A code written as the number
// 0 (which loses its leading zero) counts too.
func (r result) succeeded() bool {
	code := r.ReturnCode.String()
	return code != "" && strings.Trim(code, "0") == ""
}

// decodeResult reads returncode and returnmsg from Data.
func decodeResult(data json.RawMessage) (result, error) {
	var r result
	if err := json.Unmarshal(data, &r); err != nil {
		return result{}, fmt.Errorf("字段 Data 无法解析(%v)", err)
	}
	if r.ReturnCode.String() == "" {
		return result{}, errors.New("字段 Data 缺少 returncode")
	}
	return r, nil
}
