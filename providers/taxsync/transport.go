package taxsync

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"

	"github.com/go-resty/resty/v2"

	"fapiao/app"
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
	if neverConnected(err) {
		pe := transientError("无法连接服务器:"+cause.Error(), cause)
		pe.NotSent = true
		return pe
	}
	if badCertificate(err) {
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

// neverConnected reports a failure to reach the server at all (refused,
// unreachable, unknown host): the request was never written.
func neverConnected(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// badCertificate reports a TLS handshake refused for the server's
// certificate.
func badCertificate(err error) bool {
	var verr *tls.CertificateVerificationError
	var uerr x509.UnknownAuthorityError
	var herr x509.HostnameError
	var cerr x509.CertificateInvalidError
	return errors.As(err, &verr) || errors.As(err, &uerr) || errors.As(err, &herr) || errors.As(err, &cerr)
}
