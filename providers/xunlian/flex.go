package xunlian

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// The seed's own answer writes otherId as a string in the table and as a
// number in the request, and amount as a bare number: every scalar read from
// an answer goes through these tolerant types. What is sent is built from
// exact strings instead.

// flexString reads a JSON string, number, boolean or null as text (null and
// absent both read as ""). A number keeps its literal as written, so a
// 17-digit otherId is not rounded through a float.
type flexString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*s = ""
	case b[0] == '"':
		var text string
		if err := json.Unmarshal(b, &text); err != nil {
			return err
		}
		*s = flexString(text)
	case b[0] == '{' || b[0] == '[':
		return fmt.Errorf("应为文本或数字,实为 %.20s", b)
	default:
		*s = flexString(b)
	}
	return nil
}

// String returns the text without surrounding blanks.
func (s flexString) String() string { return strings.TrimSpace(string(s)) }

// flexBool reads true/false written as a boolean, a string ("true",
// "false") or a digit (1, 0). Anything else leaves it unset.
type flexBool struct {
	Value bool
	Set   bool
}

// UnmarshalJSON implements json.Unmarshaler. It never fails on a scalar:
// an ok that cannot be read is reported by whoever needs it.
func (v *flexBool) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	switch strings.ToLower(s.String()) {
	case "true", "1":
		*v = flexBool{Value: true, Set: true}
	case "false", "0":
		*v = flexBool{Value: false, Set: true}
	default:
		*v = flexBool{}
	}
	return nil
}
