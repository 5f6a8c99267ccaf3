package cli

import (
	"encoding/json"
	"errors"
	"fmt"

	"fapiao/app"
)

// exitFor maps an error to the exit status of DESIGN §3.
func exitFor(err error) int {
	var ve *app.ValidationError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ve):
		return ExitBadInput
	}
	return ExitRefused
}

// report prints err for a person (stderr) or, with --json, as a JSON object
// on stdout ({"errors":[…]} for validation errors, as DESIGN §3 specifies),
// and returns the exit status.
func report(env Env, err error, asJSON bool) int {
	var ve *app.ValidationError
	isValidation := errors.As(err, &ve)
	if asJSON {
		var payload any
		if isValidation {
			payload = ve
		} else {
			payload = map[string]any{"error": errorJSON(err)}
		}
		writeJSON(env, payload)
	}
	if isValidation {
		for _, fe := range ve.Errors {
			fmt.Fprintf(env.Stderr, "%s [%s]: %s\n", fe.Field, fe.Rule, fe.Message)
		}
	} else {
		fmt.Fprintln(env.Stderr, "错误:", err)
	}
	return exitFor(err)
}

func errorJSON(err error) map[string]any {
	out := map[string]any{"message": err.Error()}
	var pe *app.ProviderError
	if errors.As(err, &pe) {
		out["kind"] = pe.Kind.String()
		out["provider"] = pe.Provider
		out["code"] = pe.Code
	}
	var unknown *app.OutcomeUnknownError
	if errors.As(err, &unknown) {
		out["kind"] = "outcome_unknown"
		out["request_serial"] = unknown.Serial
	}
	return out
}

func writeJSON(env Env, v any) {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(env.Stderr, "输出JSON失败:", err)
	}
}
