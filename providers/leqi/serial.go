package leqi

import "fapiao/app"

const (
	// serialRandomHex is how many random hex characters follow the
	// platform number in a business serial: 128 bits, never repeated.
	serialRandomHex = 32
	// maxBusinessSerialLength is the longest ywlsh we make; the bureau's
	// limit is not published, and 64 is the common width of such fields.
	maxBusinessSerialLength = 64
)

// NewBusinessSerial makes a business serial (业务流水号 ywlsh): the platform
// number once, then 32 random hex characters. (Seed 000's sample script
// puts the platform number in twice.) New keeps jrdwptbh short enough for
// the serial to stay within 64 characters.
func NewBusinessSerial(jrdwptbh string) string { return app.NewBusinessSerial(jrdwptbh) }
