package app

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError is one broken rule, attached to the input field at fault.
// Field is a path such as "buyer.tax_id" or "lines[2].tax_rate"; Rule a
// stable machine name such as "required", "check_digit" or "max_bytes".
type FieldError struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError lists every rule an input breaks. Nothing is sent while
// an invoice has one.
type ValidationError struct {
	Errors []FieldError `json:"errors"`
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		msgs[i] = fe.Error()
	}
	return "校验未通过:" + strings.Join(msgs, ";")
}

// For returns the errors on one field, or on a field and everything below it
// when field ends in "." (e.g. "lines[0].").
func (e *ValidationError) For(field string) []FieldError {
	var out []FieldError
	for _, fe := range e.Errors {
		if fe.Field == field || strings.HasSuffix(field, ".") && strings.HasPrefix(fe.Field, field) {
			out = append(out, fe)
		}
	}
	return out
}

// ErrorKind classifies a provider's refusal by what should happen next.
type ErrorKind int

// Error kinds.
const (
	// KindTransient: timeouts, dropped connections, 5xx, malformed answers.
	// Retry with backoff and the same serial; the request may have been processed.
	KindTransient ErrorKind = iota + 1
	// KindBusiness: the provider refused the content. The clerk edits and
	// issues again under a new serial.
	KindBusiness
	// KindCredentials: wrong password, expired account, login needed. Stop
	// and ask the clerk; nothing was issued.
	KindCredentials
	// KindFaceAuth: the bureau wants a face-authentication scan first (420).
	KindFaceAuth
	// KindLogin: the e-tax session has lapsed; the clerk must log in again
	// (419, an SMS check). Nothing was issued.
	KindLogin
)

func (k ErrorKind) String() string {
	switch k {
	case KindTransient:
		return "transient"
	case KindBusiness:
		return "business"
	case KindCredentials:
		return "credentials"
	case KindFaceAuth:
		return "face_auth"
	case KindLogin:
		return "login"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// ProviderError is a provider's refusal or failure, classified. Its message
// never carries secrets: providers put only codes and the provider's own
// message in it.
type ProviderError struct {
	Kind     ErrorKind
	Provider string // e.g. "票单云"
	Op       string // the operation, e.g. "blueTicket"
	Code     string // the provider's code, if it gave one
	Message  string // the provider's message, or what went wrong
	Err      error  // the underlying error, if any
	// NotSent is true when the request provably never reached the provider
	// (no connection could be made, no access token could be had), so
	// nothing can have been issued by it.
	NotSent bool
}

func (e *ProviderError) Error() string {
	var b strings.Builder
	b.WriteString(e.Provider)
	if e.Op != "" {
		b.WriteString(" " + e.Op)
	}
	b.WriteString(": ")
	if e.Code != "" {
		b.WriteString("[" + e.Code + "] ")
	}
	b.WriteString(e.Message)
	return b.String()
}

func (e *ProviderError) Unwrap() error { return e.Err }

// ErrorKindOf returns the kind of a provider error in err's chain, or 0.
func ErrorKindOf(err error) ErrorKind {
	var pe *ProviderError
	if errors.As(err, &pe) {
		return pe.Kind
	}
	return 0
}

// notSent reports whether err says the request never reached the provider.
func notSent(err error) bool {
	var pe *ProviderError
	return errors.As(err, &pe) && pe.NotSent
}

// ErrNotFound is returned by lookups that find nothing.
var ErrNotFound = errors.New("not found")

// ErrNoLookup is returned by Lookup of a provider that has no query by
// serial (迅联云 serverIssue). Such a provider deduplicates by the serial
// instead, so sending the same request again is how its outcome is learned.
var ErrNoLookup = errors.New("该开票服务不能按流水号查询")

// OutcomeUnknownError says an invoice was sent but its outcome could not be
// learned yet. It is stored under its serial and resolved later by querying
// the provider, never by sending a new serial.
type OutcomeUnknownError struct {
	Serial string
	Cause  error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("开具结果未知(流水号 %s):%v。发票已保存,将用同一流水号向税局查询结果,请勿重复开具", e.Serial, e.Cause)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Cause }
