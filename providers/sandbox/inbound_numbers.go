package sandbox

import (
	"fmt"
	"strconv"
)

// inboundIdentity is an inbound invoice's code and number as the bureau
// writes them for its type, and, for a 全电 paper invoice (85), its 全电
// number (ylzd5). The index, scrambled, is written into every number, so
// no two invoices of a company share a key (type, code, number); random
// digits around it make the numbers look like the bureau's.
type inboundIdentity struct {
	code, number, einvoice string
}

// customsOffices are the 关区 codes customs voucher numbers start with.
var customsOffices = [...]string{"5304", "2200", "5100", "0100", "4200", "2300"}

// newInboundIdentity numbers invoice i of typ, billed on billing by seller.
func newInboundIdentity(typ string, i int, billing civilDay, seller inboundSeller, digits uint64) inboundIdentity {
	year := billing.utc().Year()
	yy := fmt.Sprintf("%02d", year%100)
	prov := seller.province()
	if prov == "" {
		prov = "11"
	}
	index7 := fmt.Sprintf("%07d", scramble(i, 10_000_000))
	switch typ {
	case typePaperSpecial:
		return inboundIdentity{code: prov + "00" + yy + "1130", number: paperNumber(i, digits)}
	case typeFullPaper:
		return inboundIdentity{code: prov + "00" + yy + "1130", number: paperNumber(i, digits),
			einvoice: yy + prov + "2" + digitString(digits>>8, 8) + index7}
	case typePaperOrdinary:
		return inboundIdentity{code: "0" + prov + "00" + yy + digitString(digits>>20, 3) + "11", number: paperNumber(i, digits)}
	case typeESpecial:
		return inboundIdentity{code: "0" + prov + "00" + yy + digitString(digits>>20, 3) + "13", number: paperNumber(i, digits)}
	case typeCustoms:
		office := customsOffices[digits%uint64(len(customsOffices))]
		return inboundIdentity{number: office + strconv.Itoa(year) + "1" + digitString(digits>>8, 2) + index7 +
			"-L0" + strconv.FormatUint(1+(digits>>30)%3, 10)}
	case typeTaxPaid:
		return inboundIdentity{number: prov + yy + "7" + digitString(digits>>8, 6) + index7}
	}
	// The 数电 numbers (81, 82, 09, 90, 51, 61): 20 digits, year, province,
	// channel, sequence.
	return inboundIdentity{number: yy + prov + strconv.FormatUint(1+digits%2, 10) + digitString(digits>>8, 8) + index7}
}

// paperNumber is the 8-digit number of a paper or 税控 invoice.
func paperNumber(i int, digits uint64) string {
	return digitString(digits>>40, 2) + fmt.Sprintf("%06d", scramble(i, 1_000_000))
}

// scramble maps the indexes below modulus (a power of ten) one to one onto
// themselves, so numbers stay unique without counting up in plain sight:
// multiplying by a number prime to 10 is a bijection modulo a power of ten.
func scramble(i, modulus int) int {
	const multiplier, offset = 7919, 4_231_877
	return (i*multiplier + offset) % modulus
}

// digitString is the last n decimal digits of u, zero-padded.
func digitString(u uint64, n int) string {
	return fmt.Sprintf("%0*d", n, u%uint64(pow10(n)))
}
