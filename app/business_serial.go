package app

import (
	"crypto/rand"
	"encoding/hex"
)

// NewBusinessSerial makes a business serial (业务流水号 ywlsh) for a Leqi
// request: the platform number once, then 32 random hex characters. (Seed
// 000's sample script puts the platform number in twice.)
func NewBusinessSerial(jrdwptbh string) string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return jrdwptbh + hex.EncodeToString(b)
}
