package taxsync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// The service writes the same field as a string in one answer and a number
// in the next (pageSize "100" in the adapter example, 100 in the plain one;
// id 35100 beside state "0"), so every scalar read from an answer goes
// through one of these tolerant types. Money keeps the literal digits: a
// JSON number such as 28155.34 never passes through a float.

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

// maxExponent bounds the decimal exponents accepted: real amounts need two
// places, while "1e999999999" would make later formatting allocate without
// limit.
const maxExponent = 64

// flexDecimal reads a decimal written as a string or a number. Null, absent
// and "" leave it invalid and Raw empty; text that is not a number leaves it
// invalid with the text in Raw, for the caller to report.
type flexDecimal struct {
	Value decimal.Decimal
	Valid bool
	Raw   string
}

// UnmarshalJSON implements json.Unmarshaler. It never fails on a scalar.
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

// flexInt reads a whole number written as a string or a number ("100", 100,
// 100.0). Like flexDecimal it is left invalid rather than failing.
type flexInt struct {
	Value int
	Valid bool
	Raw   string
}

// maxFlexInt bounds page numbers and counts: no company has more invoices.
const maxFlexInt = 1 << 40

// UnmarshalJSON implements json.Unmarshaler.
func (n *flexInt) UnmarshalJSON(b []byte) error {
	var d flexDecimal
	if err := d.UnmarshalJSON(b); err != nil {
		return err
	}
	*n = flexInt{Raw: d.Raw}
	if d.Valid && d.Value.IsInteger() && d.Value.Abs().LessThan(decimal.NewFromInt(maxFlexInt)) {
		n.Value, n.Valid = int(d.Value.IntPart()), true
	}
	return nil
}
