// Package netfail tells, from a failed HTTP call, whether the request can
// have reached the server — the question every provider client must answer
// before it says an invoice was not sent.
package netfail

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
)

// NeverConnected reports a failure to reach the server at all (refused,
// unreachable, unknown host): the request was never written.
func NeverConnected(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// BadCertificate reports a TLS handshake refused for the server's
// certificate: nothing was sent. Verification is never turned off; the
// certificate has to be fixed (or trusted by the system).
func BadCertificate(err error) bool {
	var verr *tls.CertificateVerificationError
	var uerr x509.UnknownAuthorityError
	var herr x509.HostnameError
	var cerr x509.CertificateInvalidError
	return errors.As(err, &verr) || errors.As(err, &uerr) || errors.As(err, &herr) || errors.As(err, &cerr)
}
