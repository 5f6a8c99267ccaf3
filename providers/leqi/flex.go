package leqi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// The platform's examples write the same field as a string in one place and
// a number in the next ("lysl": "领用数量" beside an integer in the table), so
// every scalar read from an answer goes through one of these tolerant
// types. What we send is built from exact types instead.

// flexString reads a JSON string, number, boolean or null as text (null and
// absent both read as "").
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
		// A number, true or false: keep the literal as written.
		*s = flexString(b)
	}
	return nil
}

// String returns the text without surrounding blanks.
func (s flexString) String() string { return strings.TrimSpace(string(s)) }

// maxExponent bounds the decimal exponents accepted from the platform: real
// figures need a handful of places, while "1e999999999" would make later
// formatting allocate without limit.
const maxExponent = 64

// flexDecimal reads a decimal written as a string or a number. Null, an
// empty string or text that is not a number leave it invalid, with the text
// kept in Raw so the caller can say what it could not read.
type flexDecimal struct {
	Value decimal.Decimal
	Valid bool
	Raw   string
}

// UnmarshalJSON implements json.Unmarshaler. It never fails on a scalar: a
// field that cannot be read is reported by whoever needs it.
func (d *flexDecimal) UnmarshalJSON(b []byte) error {
	var s flexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	*d = parseFlexDecimal(s.String())
	return nil
}

func parseFlexDecimal(text string) flexDecimal {
	d := flexDecimal{Raw: text}
	if text == "" {
		return d
	}
	v, err := decimal.NewFromString(text)
	if err != nil || v.Exponent() > maxExponent || v.Exponent() < -maxExponent {
		return d
	}
	d.Value, d.Valid = v, true
	return d
}

// flexInt reads an integer written as a string or a number ("10", 10,
// 10.0). Like flexDecimal it is left invalid rather than failing the decode.
type flexInt struct {
	Value int64
	Valid bool
	Raw   string
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *flexInt) UnmarshalJSON(b []byte) error {
	var d flexDecimal
	if err := d.UnmarshalJSON(b); err != nil {
		return err
	}
	*n = flexInt{Raw: d.Raw}
	if d.Valid && d.Value.IsInteger() && d.Value.Abs().LessThan(decimal.New(1, 18)) {
		n.Value, n.Valid = d.Value.IntPart(), true
	}
	return nil
}
