package piaodanyun

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fapiao/app"
)

// providerName is how messages name this provider.
const providerName = "票单云"

// maxQuoted bounds how much of a malformed answer an error message quotes.
const maxQuoted = 200

func providerError(kind app.ErrorKind, op, code, message string, cause error) *app.ProviderError {
	return &app.ProviderError{Kind: kind, Provider: providerName, Op: op, Code: code, Message: message, Err: cause}
}

func transientError(op, message string, cause error) *app.ProviderError {
	return providerError(app.KindTransient, op, "", message, cause)
}

// malformedError says an answer could not be understood. The request may
// have been processed, so it is transient: the outcome is resolved by a
// lookup, never by assuming nothing happened.
func (c *Client) malformedError(op string, status int, body []byte, why string) *app.ProviderError {
	msg := fmt.Sprintf("响应格式错误(HTTP %d):%s", status, why)
	// A token answer is never quoted: it may hold the token in a shape we
	// could not read, and so could not blank out.
	if len(body) > 0 && op != opObtainToken {
		msg += ",响应内容:" + c.quote(body)
	}
	return transientError(op, msg, nil)
}

// quote returns at most maxQuoted bytes of a provider's answer, cut on a
// character boundary, with every secret blanked out first.
func (c *Client) quote(body []byte) string {
	s := c.redact(strings.ToValidUTF8(string(body), "\uFFFD"))
	if len(s) <= maxQuoted {
		return s
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// redact blanks the password and any token we hold out of text that came
// from the provider: a server that echoes the request must not make a
// secret appear in an error message or a log.
func (c *Client) redact(s string) string {
	for _, secret := range c.secrets() {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return s
}

func (c *Client) secrets() []string {
	fixed := append([]string{c.cfg.Password, c.cfg.EtaxPassword}, c.callSecrets...)
	return append(fixed, c.tokens.known()...)
}

// withSecrets returns a copy of the client that also blanks out secrets
// sent in one call only (a soft certificate's passphrase). The copy shares
// the HTTP clients and the token source.
func (c *Client) withSecrets(secrets ...string) *Client {
	scoped := *c
	scoped.callSecrets = append(append([]string(nil), c.callSecrets...), secrets...)
	return &scoped
}

// maxClip bounds a single value quoted in a message.
const maxClip = 40

// clip shortens a value from the provider for quoting in a message.
func clip(s string) string {
	if len(s) <= maxClip {
		return s
	}
	cut := maxClip
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
