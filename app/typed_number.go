package app

import (
	"strings"

	"github.com/shopspring/decimal"
)

// ParseTypedNumber reads a number as a clerk types it: thousands
// separators, spaces and what an IME produces (full-width digits, 。 as the
// decimal point) are accepted; exponents are not — a clerk never means 1e3.
// ok is false for anything else, and for an empty string.
func ParseTypedNumber(s string) (d decimal.Decimal, ok bool) {
	s = normalizeNumber(s)
	if s == "" || strings.ContainsAny(s, "eE") {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// numberReplacer maps what an IME types (full-width digits, 。 as the
// decimal point, full-width minus) to ASCII and drops thousands separators.
var numberReplacer = strings.NewReplacer(
	",", "", "\uff0c", "", " ", "", "\u3000", "",
	"\uff10", "0", "\uff11", "1", "\uff12", "2", "\uff13", "3", "\uff14", "4",
	"\uff15", "5", "\uff16", "6", "\uff17", "7", "\uff18", "8", "\uff19", "9",
	"\uff0e", ".", "\u3002", ".", "\uff0d", "-", "\uff0b", "",
)

func normalizeNumber(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || c == '-') {
			return numberReplacer.Replace(s)
		}
	}
	return s // the common case: plain ASCII, nothing to replace
}
