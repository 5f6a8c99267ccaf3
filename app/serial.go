package app

import (
	"crypto/rand"
	"time"
)

// MaxSerialLength is the bureau's limit on 发票请求流水号.
const MaxSerialLength = 40

const serialAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// NewRequestSerial makes a request serial "taxID_suffix" of at most 40
// characters: the seller's tax ID, the time to the second, and random
// characters to fill the rest, so two clerks issuing in the same second never
// collide.
func NewRequestSerial(sellerTaxID string, now time.Time) string {
	prefix := sellerTaxID + "_" + now.In(ChinaTime).Format("060102150405")
	n := MaxSerialLength - len(prefix)
	if n > 8 {
		n = 8
	}
	if n <= 0 {
		return prefix[:MaxSerialLength]
	}
	random := make([]byte, n)
	if _, err := rand.Read(random); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on supported systems
	}
	for i, b := range random {
		random[i] = serialAlphabet[int(b)%len(serialAlphabet)]
	}
	return prefix + string(random)
}
