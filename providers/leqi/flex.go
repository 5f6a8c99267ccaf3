package leqi

import "fapiao/providers/internal/flexjson"

// The answers' scalars are read tolerantly (a field is a string in one
// answer, a number in the next); see package flexjson.
type (
	flexString  = flexjson.String
	flexDecimal = flexjson.Decimal
	flexInt     = flexjson.Int
)
