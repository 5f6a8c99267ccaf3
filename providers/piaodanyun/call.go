package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
	"fapiao/providers/internal/netfail"
)

// request is one qdjk call: a form sent with POST, or query parameters
// sent with GET (getFaceImg). Both share the token, the retry and the
// classification in call.
type request struct {
	method string // http.MethodPost or http.MethodGet
	path   string
	params url.Values // the POST form, or the GET query
}

// post sends form to path (a qdjk call) with the access token and returns
// the answer's data.
func (c *Client) post(ctx context.Context, op, path string, form url.Values) (json.RawMessage, error) {
	return c.call(ctx, op, request{method: http.MethodPost, path: path, params: form})
}

// get sends query to path with GET and the access token, like post.
func (c *Client) get(ctx context.Context, op, path string, query url.Values) (json.RawMessage, error) {
	return c.call(ctx, op, request{method: http.MethodGet, path: path, params: query})
}

// call sends req with the access token and returns the answer's data. A
// refused token is renewed and the call sent once more; the server did not
// act on a call it refused for its token, so the resend cannot duplicate
// anything. Every error is a *app.ProviderError.
func (c *Client) call(ctx context.Context, op string, req request) (json.RawMessage, error) {
	for attempt := 0; attempt < 2; attempt++ {
		token, err := c.tokens.get(ctx)
		if err != nil {
			return nil, notSent(err)
		}
		v := c.callOnce(ctx, op, req, token)
		if !v.tokenExpired {
			return v.data, v.err
		}
		c.tokens.invalidate(token)
	}
	return nil, providerError(app.KindCredentials, op, "",
		"访问令牌被拒绝:重新获取令牌后仍无效,请检查票单云账号、密码和租户ID", nil)
}

// callOnce sends req once with the raw token (no "Bearer") and judges the answer.
func (c *Client) callOnce(ctx context.Context, op string, req request, token string) verdict {
	r := c.api.R().
		SetContext(ctx).
		SetHeader("Authorization", token).
		SetHeader("Accept", "application/json")
	if req.method == http.MethodGet {
		r.SetQueryParamsFromValues(req.params)
	} else {
		r.SetFormDataFromValues(req.params)
	}
	resp, err := r.Execute(req.method, c.cfg.BaseURL+req.path)
	if err != nil {
		return verdict{err: transportError(op, err)}
	}
	return c.judge(op, resp.StatusCode(), resp.Body())
}

// transportError classifies a request that got no usable answer. It is
// always transient: the server may have acted on the request. The message
// leaves out the URL and the request, naming only what went wrong.
func transportError(op string, err error) *app.ProviderError {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	var ne net.Error
	if netfail.NeverConnected(err) {
		pe := transientError(op, "无法连接服务器:"+cause.Error(), cause)
		pe.NotSent = true
		return pe
	}
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

// notSent marks an error that stopped a call before its request was
// written — no access token could be had — so the caller knows nothing
// was issued.
func notSent(err error) error {
	var pe *app.ProviderError
	if errors.As(err, &pe) {
		marked := *pe
		marked.NotSent = true
		return &marked
	}
	return err
}
