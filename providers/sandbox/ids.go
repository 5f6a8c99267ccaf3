package sandbox

import (
	"crypto/rand"
	"encoding/hex"
)

// The bureau's identifiers (rzid, ewmid, the login uuid) are random version
// 4 UUIDs written as 32 lowercase hex digits, like seed 001's examples.
// crypto/rand.Read never fails since Go 1.24, so these return no error.

// newUUIDHex returns a random UUID (version 4) as 32 lowercase hex digits.
func newUUIDHex() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hex.EncodeToString(b[:])
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomAlnum returns n random letters and digits, evenly distributed:
// bytes at or above the largest multiple of 62 are drawn again.
func randomAlnum(n int) string {
	const limit = 256 - 256%len(alnum)
	out := make([]byte, 0, n)
	var buf [64]byte
	for len(out) < n {
		_, _ = rand.Read(buf[:])
		for _, c := range buf {
			if int(c) < limit && len(out) < n {
				out = append(out, alnum[int(c)%len(alnum)])
			}
		}
	}
	return string(out)
}
