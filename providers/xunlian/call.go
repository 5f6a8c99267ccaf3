package xunlian

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

// issuePath is serverIssue's path below Config.BaseURL.
const issuePath = "/sco-invoice-legged-biz/tax/output/openapi/serverIssue"

// issued is what a successful serverIssue answer says.
type issued struct {
	result app.IssueResult
	body   answerBody
}

// send posts r and reads the answer. Every error is a *app.ProviderError,
// and every call is logged once.
func (c *Client) send(ctx context.Context, r serverIssueRequest) (app.IssueResult, error) {
	payload, err := json.Marshal(r)
	if err != nil {
		pe := transientError("请求无法编码为JSON", err)
		pe.NotSent = true
		return app.IssueResult{}, pe
	}
	started := time.Now()
	resp, err := c.api.R().
		SetContext(ctx).
		SetHeader("Content-Type", "application/json").
		SetHeader("Accept", "application/json").
		SetBody(payload).
		Post(c.cfg.BaseURL + issuePath)
	if err != nil {
		pe := transportError(err)
		c.logOutcome(r, 0, started, issued{}, pe)
		return app.IssueResult{}, pe
	}
	out, pe := c.judge(r, resp.StatusCode(), resp.Body())
	c.logOutcome(r, resp.StatusCode(), started, out, pe)
	if pe != nil { // a nil *app.ProviderError is not a nil error
		return app.IssueResult{}, pe
	}
	return out.result, nil
}

// judge classifies one HTTP answer to r.
func (c *Client) judge(r serverIssueRequest, status int, body []byte) (issued, *app.ProviderError) {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return issued{}, providerError(app.KindCredentials, fmt.Sprint(status), fmt.Sprintf(
			"迅联云拒绝访问(HTTP %d),请检查授权及 xunlian.company_data_resource 配置", status), nil)
	case status == http.StatusTooManyRequests || status >= 500:
		return issued{}, transientError(fmt.Sprintf("服务器暂时无法处理请求(HTTP %d),请稍后重试", status), nil)
	}
	a, err := decodeAnswer(body)
	if err != nil {
		return issued{}, malformedError(status, body, err.Error())
	}
	if !a.OK.Value {
		s := a.status()
		return issued{}, classifyRefusal(clip(s.ReturnCode.String()), clip(s.message()))
	}
	if status < 200 || status > 299 {
		return issued{}, malformedError(status, body, "HTTP状态与 ok true 矛盾")
	}
	b, err := decodeBody(a.Body)
	if err == nil {
		err = sameSerial(b, r.RequisitionApplyNo)
	}
	var result app.IssueResult
	if err == nil {
		result, err = b.result()
	}
	if err != nil {
		// ok true without a usable invoice: 迅联云 may have issued it, so the
		// outcome is unknown, never a refusal.
		return issued{}, malformedError(status, body, "开具成功应答的格式错误:"+err.Error())
	}
	return issued{result: result, body: b}, nil
}

// sameSerial refuses an answer about another application: recording its
// number against this invoice would attach someone else's invoice to it.
func sameSerial(b answerBody, serial string) error {
	if echoed := b.RequisitionApplyNo.String(); echoed != "" && echoed != serial {
		return fmt.Errorf("应答的申请单号(requisitionApplyNo)%q 与所发 %q 不符", clipTo(echoed, 100), serial)
	}
	return nil
}

// malformedError says an answer could not be understood. It is transient:
// 迅联云 may have acted on the request, and sending it again under the same
// serial is how the outcome is learned.
func malformedError(status int, body []byte, why string) *app.ProviderError {
	msg := fmt.Sprintf("响应格式错误(HTTP %d):%s", status, why)
	if len(body) > 0 {
		msg += ",响应内容:" + clip(string(body))
	}
	return transientError(msg, nil)
}

// transportError classifies a request that got no usable answer. It is
// transient — the request may have been processed — and NotSent when no
// connection was ever made. The message names what went wrong, not the URL.
func transportError(err error) *app.ProviderError {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	if netfail.NeverConnected(err) || netfail.BadCertificate(err) {
		// The request was never written. A certificate is never skipped:
		// it has to be fixed (or trusted by the system).
		pe := transientError("无法连接服务器,未发送:"+cause.Error(), cause)
		pe.NotSent = true
		return pe
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return transientError("请求已取消,服务器可能已收到请求", cause)
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return transientError("请求超时,服务器可能已收到请求", cause)
	case errors.Is(err, resty.ErrResponseBodyTooLarge):
		return transientError("响应过大,已放弃读取", cause)
	}
	return transientError("网络错误:"+cause.Error(), cause)
}

// logOutcome records one call: the serial, the HTTP status, the time taken
// and, on success, what 迅联云 issued — never the request, which carries the
// buyer's details, nor a body.
func (c *Client) logOutcome(r serverIssueRequest, status int, started time.Time, out issued, pe *app.ProviderError) {
	attrs := []any{"serial", r.RequisitionApplyNo, "status", status,
		"duration", time.Since(started).Round(time.Millisecond), "red", r.BlueInvoiceNo != nil}
	if pe != nil {
		c.log.Warn("迅联云 serverIssue failed", append(attrs, "kind", pe.Kind.String(), "err", pe.Error())...)
		return
	}
	c.log.Info("迅联云 serverIssue ok", append(attrs, "number", out.result.Number,
		"invoice_uuid", clipTo(out.body.InvoiceUUID.String(), 64), "doc_id", clipTo(out.body.DocID.String(), 64))...)
	c.warnIfAmountDiffers(r, out)
}

// warnIfAmountDiffers logs an issued invoice whose amount matches neither
// total sent. It is issued all the same, so it is recorded, never dropped:
// the clerk and the reconciliation settle the difference.
func (c *Client) warnIfAmountDiffers(r serverIssueRequest, out issued) {
	raw := out.body.Amount.String()
	if raw == "" || sameFigure(raw, r.TotalAmountExcludeTax) || sameFigure(raw, r.TotalAmountIncludeTax) {
		return
	}
	c.log.Warn("迅联云 issued an amount other than the one sent", "serial", r.RequisitionApplyNo,
		"number", out.result.Number, "amount", clipTo(raw, 40),
		"sent_excl", r.TotalAmountExcludeTax, "sent_incl", r.TotalAmountIncludeTax)
}
