// Package flexjson decodes the scalars of providers' answers tolerantly.
//
// Every provider here writes the same field as a string in one answer and
// a number in the next (票单云's "je": "0.99" beside "spsl": 1, 乐企's
// "lysl", S000621's pageSize "100" and 100), so every scalar read from an
// answer goes through one of these types. What is sent is always built from
// exact types instead. Money keeps its literal digits: a JSON number such
// as 28155.34 never passes through a float.
package flexjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// String reads a JSON string or a bare number as text. null is empty; an
// object or array is an error, since no scalar field may hold one.
type String string

// UnmarshalJSON implements json.Unmarshaler.
func (s *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*s = ""
	case b[0] == '"':
		var text string
		if err := json.Unmarshal(b, &text); err != nil {
			return err
		}
		*s = String(text)
	case b[0] == '{' || b[0] == '[':
		return fmt.Errorf("应为文本或数字,实为 %.20s", b)
	default:
		*s = String(b)
	}
	return nil
}

// String returns the text without surrounding blanks (providers pad empty
// fields with a space, e.g. 票单云's "ghdwyhzh": " ").
func (s String) String() string { return strings.TrimSpace(string(s)) }

// MaxExponent bounds the decimal exponents accepted: real figures need a
// handful of places, while "1e999999999" would make later formatting
// allocate without limit.
const MaxExponent = 64

// Decimal reads a decimal written as a string or a number. Null, absent and
// "" leave it invalid with Raw empty; text that is not a number leaves it
// invalid with the text in Raw, for the caller to report.
type Decimal struct {
	Value decimal.Decimal
	Valid bool
	Raw   string
}

// UnmarshalJSON implements json.Unmarshaler. It never fails on a scalar: a
// field that cannot be read is reported by whoever needs it.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	var s String
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	*d = ParseDecimal(s.String())
	return nil
}

// ParseDecimal reads text as Decimal does.
func ParseDecimal(text string) Decimal {
	d := Decimal{Raw: text}
	if text == "" {
		return d
	}
	v, err := decimal.NewFromString(text)
	if err != nil || v.Exponent() > MaxExponent || v.Exponent() < -MaxExponent {
		return d
	}
	d.Value, d.Valid = v, true
	return d
}

// Int reads an integer written as a string or a number ("10", 10, 10.0).
// Like Decimal it is left invalid rather than failing the decode, with the
// text in Raw.
type Int struct {
	Value int64
	Valid bool
	Raw   string
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int) UnmarshalJSON(b []byte) error {
	var d Decimal
	if err := d.UnmarshalJSON(b); err != nil {
		return err
	}
	*n = Int{Raw: d.Raw}
	if d.Valid && d.Value.IsInteger() && d.Value.Abs().LessThan(decimal.New(1, 18)) {
		n.Value, n.Valid = d.Value.IntPart(), true
	}
	return nil
}
