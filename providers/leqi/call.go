package leqi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
	"fapiao/providers/internal/netfail"
)

// invokePath is where every service is called: {base}/access/v2/invoke/{nlbm}/{fwbm}.
const invokePath = "/access/v2/invoke/"

// invoke sends request (marshalled to JSON, then sealed) to the service
// fwbm and hands its Data, decrypted, to read once returncode says "00". An
// error from read makes the answer malformed. Every error is a
// *app.ProviderError whose Op is fwbm, and every call is logged once.
func (c *Client) invoke(ctx context.Context, fwbm string, request any, read func(data json.RawMessage) error) error {
	plain, err := json.Marshal(request)
	if err != nil {
		pe := transientError(fwbm, "请求无法编码为JSON", err)
		pe.NotSent = true
		return pe
	}
	started := time.Now()
	resp, err := c.api.R().
		SetContext(ctx).
		SetHeader("fwbm", fwbm).
		SetHeader("nlbm", c.cfg.Capability).
		SetHeader("jrdwptbh", c.cfg.Jrdwptbh).
		SetHeader("Content-Type", "text/plain; charset=utf-8").
		SetHeader("Accept", "application/json").
		SetBody(c.seal.seal(plain)).
		Post(c.cfg.BaseURL + invokePath + c.cfg.Capability + "/" + fwbm)
	if err != nil {
		pe := transportError(fwbm, err)
		c.logOutcome(fwbm, 0, "", started, pe)
		return pe
	}
	a, pe := c.judge(fwbm, resp.StatusCode(), resp.Body())
	if pe == nil {
		if err := read(a.data); err != nil {
			pe = c.malformedError(fwbm, err.Error())
		}
	}
	c.logOutcome(fwbm, resp.StatusCode(), a.requestID, started, pe)
	if pe != nil { // a nil *app.ProviderError is not a nil error
		return pe
	}
	return nil
}

// judge classifies one HTTP answer. On success the answer's Data has
// returncode "00".
func (c *Client) judge(op string, status int, body []byte) (answer, *app.ProviderError) {
	if status == http.StatusTooManyRequests || status >= 500 {
		return answer{}, transientError(op, fmt.Sprintf("服务器暂时无法处理请求(HTTP %d),请稍后重试", status), nil)
	}
	a, err := c.decodeAnswer(body)
	switch {
	case err != nil && (status == http.StatusUnauthorized || status == http.StatusForbidden):
		// A gateway in front of the platform refusing the platform number
		// answers without an envelope.
		return answer{}, providerError(app.KindCredentials, op, "",
			fmt.Sprintf("接入被拒绝(HTTP %d),请检查 jrdwptbh 和 key_env 配置的密钥", status), nil)
	case err != nil:
		return answer{}, c.malformedError(op, fmt.Sprintf("HTTP %d,%v", status, err))
	case a.failure != nil:
		return a, c.classifyError(op, a.failure.Code.String(), a.failure.Message.String(), a.requestID)
	case status < 200 || status > 299:
		return a, c.malformedError(op, fmt.Sprintf("HTTP %d 却带有 Data", status))
	}
	r, err := decodeResult(a.data)
	if err != nil {
		return a, c.malformedError(op, err.Error())
	}
	if !r.succeeded() {
		msg := clip(c.redact(r.ReturnMsg.String()))
		if msg == "" {
			msg = "未说明原因"
		}
		return a, providerError(app.KindBusiness, op, clip(c.redact(r.ReturnCode.String())), msg, nil)
	}
	return a, nil
}

// transportError classifies a request that got no usable answer. It is
// transient — the platform may have acted on the request — unless no
// connection was ever made. The message names what went wrong, not the URL.
func transportError(op string, err error) *app.ProviderError {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	if netfail.NeverConnected(err) {
		pe := transientError(op, "无法连接服务器:"+cause.Error(), cause)
		pe.NotSent = true
		return pe
	}
	if netfail.BadCertificate(err) {
		// The handshake failed, so no request was written. Verification is
		// never turned off: the certificate has to be fixed (or trusted).
		pe := transientError(op, "服务器证书校验失败,未发送请求:"+cause.Error(), cause)
		pe.NotSent = true
		return pe
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return transientError(op, "请求已取消,服务器可能已收到请求", cause)
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return transientError(op, "请求超时,服务器可能已收到请求", cause)
	case errors.Is(err, resty.ErrResponseBodyTooLarge):
		return transientError(op, "响应过大,已放弃读取", cause)
	}
	return transientError(op, "网络错误:"+cause.Error(), cause)
}

// logOutcome records one call: the service, the HTTP status, the platform's
// RequestId and the time taken — never the key, a body or a header.
func (c *Client) logOutcome(op string, status int, requestID string, started time.Time, pe *app.ProviderError) {
	attrs := []any{"fwbm", op, "status", status, "request_id", clip(c.redact(requestID)),
		"elapsed", time.Since(started).Round(time.Millisecond)}
	if pe == nil {
		c.log.Debug("乐企 call ok", attrs...)
		return
	}
	c.log.Warn("乐企 call failed", append(attrs, "kind", pe.Kind.String(), "err", pe.Error())...)
}
