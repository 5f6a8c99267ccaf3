package xunlian

import (
	"strings"

	"fapiao/providers/internal/flexjson"
)

// The seed's own answer writes otherId as a string in the table and as a
// number in the request, and amount as a bare number: every scalar read from
// an answer goes through these tolerant types. What is sent is built from
// exact strings instead.

// flexString reads text or a bare number; see package flexjson.
type flexString = flexjson.String

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
