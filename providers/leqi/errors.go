package leqi

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fapiao/app"
)

// providerName is how messages name this provider.
const providerName = "乐企"

// malformedPrefix starts every message about an answer we could not read.
const malformedPrefix = "响应格式错误"

func providerError(kind app.ErrorKind, op, code, message string, cause error) *app.ProviderError {
	return &app.ProviderError{Kind: kind, Provider: providerName, Op: op, Code: code, Message: message, Err: cause}
}

func transientError(op, message string, cause error) *app.ProviderError {
	return providerError(app.KindTransient, op, "", message, cause)
}

// refusedBeforeSending is a business error for a request this client would
// not send: nothing reached the platform, so nothing can have happened.
func refusedBeforeSending(op, problem string) *app.ProviderError {
	pe := providerError(app.KindBusiness, op, "", problem+",未发送", nil)
	pe.NotSent = true
	return pe
}

// malformedError says an answer could not be understood. It is transient:
// the platform may have acted on the request, so the outcome is settled by
// asking again (same ywlsh, or CXQDFPSCJG), never by assuming nothing
// happened.
func (c *Client) malformedError(op string, why string) *app.ProviderError {
	return transientError(op, malformedPrefix+":"+c.redact(why), nil)
}

// credentialWords mark a refusal that is about the key, the signature, the
// decryption or the platform number: the clerk (or the administrator) must
// fix the configuration, and retrying cannot help.
var credentialWords = []string{"密钥", "解密", "签名", "接入单位", "平台编号", "decrypt"}

// classifyError turns Response.Error into an error of the right kind.
func (c *Client) classifyError(op, code, message, requestID string) *app.ProviderError {
	code, message = clip(c.redact(code)), clip(c.redact(message))
	if message == "" {
		message = "未说明原因"
	}
	if requestID != "" {
		message += fmt.Sprintf("(RequestId %s)", clip(c.redact(requestID)))
	}
	kind := app.KindBusiness
	if mentionsCredentials(code + " " + message) {
		kind = app.KindCredentials
		message = "接入凭据被拒绝,请检查 jrdwptbh 和 key_env 配置的密钥:" + message
	}
	return providerError(kind, op, code, message, nil)
}

func mentionsCredentials(text string) bool {
	lower := strings.ToLower(text)
	for _, w := range credentialWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// redact blanks the key's hex, in any mix of cases, out of text that came
// from the platform: a server that echoes the request or its configuration
// must not make the key appear in an error message or a log. It runs before
// clip, which could otherwise cut the key in two and hide it from the search.
func (c *Client) redact(s string) string {
	return redactHex(s, c.keyHex)
}

// scrub is redact for an answer's bytes. A key written as a bare JSON number
// would leave invalid JSON behind: that answer is then malformed, which is
// what it is.
func (c *Client) scrub(b []byte) []byte {
	s := string(b)
	if r := c.redact(s); r != s {
		return []byte(r)
	}
	return b
}

func redactHex(s, secret string) string {
	if secret == "" || len(s) < len(secret) {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+len(secret) <= len(s); {
		if strings.EqualFold(s[i:i+len(secret)], secret) {
			b.WriteString(s[last:i])
			b.WriteString("***")
			i += len(secret)
			last = i
			continue
		}
		i++
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// maxClip bounds a single value quoted in a message; maxReasonBytes a
// rejection's reason, which the clerk needs whole to fix the invoice.
const (
	maxClip        = 200
	maxReasonBytes = 2000
)

// clip shortens a value from the platform for quoting, cut on a character
// boundary and made valid UTF-8. Redact first.
func clip(s string) string { return clipTo(s, maxClip) }

func clipTo(s string, limit int) string {
	s = strings.ToValidUTF8(strings.TrimSpace(s), "\uFFFD")
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
