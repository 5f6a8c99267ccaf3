package taxsync

import "fapiao/providers/internal/flexjson"

// The answers' scalars are read tolerantly (pageSize "100" in the adapter
// example, 100 in the plain one); see package flexjson.
type (
	flexString  = flexjson.String
	flexDecimal = flexjson.Decimal
)

// maxExponent bounds decimal exponents, as flexjson does.
const maxExponent = flexjson.MaxExponent

// flexInt is a page number or count: a flexjson.Int bounded so that it
// fits an int anywhere — no company has more invoices.
type flexInt struct {
	Value int
	Valid bool
	Raw   string
}

// maxFlexInt bounds page numbers and counts.
const maxFlexInt = 1 << 40

// UnmarshalJSON implements json.Unmarshaler.
func (n *flexInt) UnmarshalJSON(b []byte) error {
	var i flexjson.Int
	if err := i.UnmarshalJSON(b); err != nil {
		return err
	}
	*n = flexInt{Raw: i.Raw}
	if i.Valid && i.Value > -maxFlexInt && i.Value < maxFlexInt {
		n.Value, n.Valid = int(i.Value), true
	}
	return nil
}
