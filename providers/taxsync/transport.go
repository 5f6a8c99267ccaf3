package taxsync

import (
	"context"
	"errors"
	"net"
	"net/url"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
	"fapiao/providers/internal/netfail"
)

// transportError classifies a request that got no usable answer. It is
// transient; NotSent says no connection was ever made. The message names
// what went wrong, not the URL.
func transportError(err error) *app.ProviderError {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	if netfail.NeverConnected(err) {
		pe := transientError("无法连接服务器:"+cause.Error(), cause)
		pe.NotSent = true
		return pe
	}
	if netfail.BadCertificate(err) {
		// The handshake failed, so nothing was written. Verification is
		// never turned off: the certificate has to be fixed (or trusted).
		pe := transientError("服务器证书校验失败,未发送请求:"+cause.Error(), cause)
		pe.NotSent = true
		return pe
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return transientError("请求已取消", cause)
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return transientError("请求超时", cause)
	case errors.Is(err, resty.ErrResponseBodyTooLarge):
		return transientError("响应过大,已放弃读取", cause)
	}
	return transientError("网络错误:"+cause.Error(), cause)
}
