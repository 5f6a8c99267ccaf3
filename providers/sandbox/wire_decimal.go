package sandbox

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// plainDecimal is how numbers travel in the gateway's forms: an optional
// minus, digits, optionally a point and digits. No exponent, no plus sign,
// no thousands separators: a strict bureau refuses those.
var plainDecimal = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

// parseDecimal reads a number the way the bureau does: "1", "1.00" and
// "1.0000" are the same number, so trailing zeros do not count against
// maxPlaces. label names the field in the refusal.
func parseDecimal(label, s string, maxPlaces int32) (decimal.Decimal, error) {
	if !plainDecimal.MatchString(s) {
		return decimal.Zero, fmt.Errorf("%s %q 不是有效的数字", label, s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s %q 不是有效的数字", label, s)
	}
	if places := significantPlaces(s); places > maxPlaces {
		return decimal.Zero, fmt.Errorf("%s %s 最多%d位小数,当前%d位", label, s, maxPlaces, places)
	}
	return d, nil
}

// significantPlaces counts the decimals of a plain decimal string, ignoring
// trailing zeros.
func significantPlaces(s string) int32 {
	_, frac, ok := strings.Cut(s, ".")
	if !ok {
		return 0
	}
	return int32(len(strings.TrimRight(frac, "0")))
}

// optionalDecimal is parseDecimal for a field that may be left empty.
func optionalDecimal(label, s string, maxPlaces int32) (decimal.NullDecimal, error) {
	if s == "" {
		return decimal.NullDecimal{}, nil
	}
	d, err := parseDecimal(label, s, maxPlaces)
	if err != nil {
		return decimal.NullDecimal{}, err
	}
	return decimal.NewNullDecimal(d), nil
}

// showDecimal prints a computed figure in a message: at least two decimals,
// at most four.
func showDecimal(d decimal.Decimal) string {
	if r := d.Round(2); r.Equal(d) {
		return r.StringFixed(2)
	}
	return d.Round(4).String()
}
