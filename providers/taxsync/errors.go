package taxsync

import (
	"strings"
	"unicode/utf8"

	"fapiao/app"
)

// providerName is how messages name this service.
const providerName = "进项同步"

// serviceID is the service's number, in the path, the envelope and every
// error's Op.
const serviceID = "S000621"

// malformedPrefix starts every message about an answer we could not read.
const malformedPrefix = "响应格式错误"

func providerError(kind app.ErrorKind, code, message string, cause error) *app.ProviderError {
	return &app.ProviderError{Kind: kind, Provider: providerName, Op: serviceID, Code: code, Message: message, Err: cause}
}

func transientError(message string, cause error) *app.ProviderError {
	return providerError(app.KindTransient, "", message, cause)
}

// refusedBeforeSending is a business error for a query this client would
// not send: the clerk (or the caller) must change it.
func refusedBeforeSending(problem string) *app.ProviderError {
	pe := providerError(app.KindBusiness, "", problem+",未发送", nil)
	pe.NotSent = true
	return pe
}

// malformedError says an answer could not be understood. It is transient:
// a garbled or truncated page is worth asking for again.
func (c *Client) malformedError(why string) *app.ProviderError {
	return transientError(malformedPrefix+":"+clip(c.redact(why)), nil)
}

// credentialWords mark a refusal about the appid, the signature or the
// secret: the configuration must be fixed, and asking again cannot help.
var credentialWords = []string{"签名", "appid", "授权", "密钥", "signature", "secret"}

// classifyRefusal turns an answer's code and msg into an error of the right
// kind.
func (c *Client) classifyRefusal(code, msg, uuid string) *app.ProviderError {
	code, msg = clip(c.redact(code)), clip(c.redact(msg))
	// Only the server's message decides the kind, not the uuid added below.
	kind := app.KindBusiness
	if mentionsCredentials(msg) {
		kind = app.KindCredentials
	}
	if msg == "" {
		msg = "未说明原因"
	}
	if uuid != "" {
		msg += "(uuid " + clip(c.redact(uuid)) + ")"
	}
	if kind == app.KindCredentials {
		msg = "接入凭据被拒绝,请检查 [inbound] 的 appid 和 secret_env 配置的密钥:" + msg
	}
	return providerError(kind, code, msg, nil)
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

// redact blanks the secret out of text that came from the server, so that
// a server echoing its configuration or our request cannot make the secret
// appear in an error or a log. It runs before clip, which could otherwise
// cut the secret in two and hide it from the search.
func (c *Client) redact(s string) string {
	if len(c.secret) == 0 || !strings.Contains(s, string(c.secret)) {
		return s
	}
	return strings.ReplaceAll(s, string(c.secret), "***")
}

// maxClip bounds a single value from the server quoted in a message.
const maxClip = 300

// clip shortens a value from the server for quoting, cut on a character
// boundary and made valid UTF-8. Redact first.
func clip(s string) string {
	s = strings.ToValidUTF8(strings.TrimSpace(s), "\uFFFD")
	if len(s) <= maxClip {
		return s
	}
	cut := maxClip
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
