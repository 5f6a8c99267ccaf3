package xunlian

import (
	"strings"
	"unicode/utf8"

	"fapiao/app"
)

// providerName is how messages name this provider.
const providerName = "迅联云"

// opIssue names the one call in errors and logs.
const opIssue = "serverIssue"

func providerError(kind app.ErrorKind, code, message string, cause error) *app.ProviderError {
	return &app.ProviderError{Kind: kind, Provider: providerName, Op: opIssue, Code: code, Message: message, Err: cause}
}

func transientError(message string, cause error) *app.ProviderError {
	return providerError(app.KindTransient, "", message, cause)
}

// refusedBeforeSending wraps the mapping's field errors as the business
// refusal app.Issuer promises: nothing reached 迅联云, so nothing can have
// been issued, and errors.As still finds the *app.ValidationError for the
// form to mark its fields.
func refusedBeforeSending(ve *app.ValidationError) *app.ProviderError {
	pe := providerError(app.KindBusiness, "", ve.Error()+",未发送", ve)
	pe.NotSent = true
	return pe
}

// credentialWords mark a refusal about this system's access to 迅联云 (its
// authorization, the data source or terminal it is configured with): the
// configuration must be fixed, and the invoice waits unchanged.
var credentialWords = []string{"授权", "认证", "companydataresource", "数据来源", "terminalcode", "终端编号", "unauthorized", "forbidden"}

// A refusal that says the application number was sent before may come from
// an invoice that was issued and whose answer was lost: the outcome is then
// unknown, not refused. duplicateSubjects name the number, duplicateWords
// say it was seen before.
var (
	duplicateSubjects = []string{"申请单", "requisitionapplyno", "otherid", "唯一标识", "流水号"}
	duplicateWords    = []string{"重复", "已存在", "已使用", "已开具", "已提交", "已处理"}
)

// classifyRefusal turns an answer with ok false into an error of the kind
// that says what happens next.
func classifyRefusal(code, message string) *app.ProviderError {
	if message == "" {
		message = "未说明原因"
	}
	lower := strings.ToLower(message + " " + code)
	switch {
	case containsAny(lower, credentialWords):
		return providerError(app.KindCredentials, code,
			"迅联云拒绝了接入配置,请检查授权及 xunlian.company_data_resource、xunlian.terminal_code:"+message, nil)
	case containsAny(lower, duplicateSubjects) && containsAny(lower, duplicateWords):
		// Never KindBusiness: a rejected invoice is issued again under a new
		// serial, which would issue this one twice if the first went through.
		return providerError(app.KindTransient, code,
			"迅联云称该申请单号已提交过,发票可能已开具,结果未知(请勿换流水号重开,请在迅联云核对):"+message, nil)
	}
	return providerError(app.KindBusiness, code, message, nil)
}

func containsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// maxClip bounds a single value from the provider quoted in a message.
const maxClip = 200

// clip shortens text from the provider for quoting: valid UTF-8, trimmed,
// cut on a character boundary.
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
