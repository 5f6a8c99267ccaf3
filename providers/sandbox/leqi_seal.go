package sandbox

import (
	"crypto/cipher"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"

	smcipher "github.com/emmansun/gmsm/cipher"
	"github.com/emmansun/gmsm/padding"
	"github.com/emmansun/gmsm/sm4"
)

// leqiSealer is the 乐企 platform's encryption of bodies and Data:
// Base64(SM4-ECB(text)) with PKCS7 padding. ECB is the platform's choice;
// the simulator only has to speak it.
type leqiSealer struct {
	block cipher.Block
	pad   padding.Padding
}

// leqiKeyBytes decodes a key of 32 hex characters. The error never quotes
// the key.
func leqiKeyBytes(text string) ([]byte, error) {
	key, err := hex.DecodeString(text)
	if err != nil || len(key) != sm4.BlockSize {
		return nil, errors.New("sandbox: LeqiKey must be 32 hex characters (a 16-byte SM4 key)")
	}
	return key, nil
}

// newLeqiSealer takes the key as 32 hex characters.
func newLeqiSealer(keyHex string) (*leqiSealer, error) {
	key, err := leqiKeyBytes(keyHex)
	if err != nil {
		return nil, err
	}
	block, err := sm4.NewCipher(key)
	if err != nil {
		return nil, errors.New("sandbox: LeqiKey is not a usable SM4 key")
	}
	return &leqiSealer{block: block, pad: padding.NewPKCS7Padding(sm4.BlockSize)}, nil
}

// seal returns the base64 text of SM4-ECB(PKCS7(plain)).
func (s *leqiSealer) seal(plain []byte) string {
	padded := s.pad.Pad(append([]byte(nil), plain...))
	out := make([]byte, len(padded))
	smcipher.NewECBEncrypter(s.block).CryptBlocks(out, padded)
	return base64.StdEncoding.EncodeToString(out)
}

// errUnsealable: the text is not base64 of whole SM4 blocks, or its padding
// is wrong — a wrong key, almost always.
var errUnsealable = errors.New("cannot decrypt")

// open reverses seal. Line breaks and blanks are ignored (Java's MIME
// encoder wraps base64 at 76 columns). It checks the length before
// decrypting: the ECB mode panics on a partial block, and no request may
// crash the sandbox.
func (s *leqiSealer) open(text string) ([]byte, error) {
	compact := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, text)
	raw, err := base64.StdEncoding.DecodeString(compact)
	if err != nil || len(raw) == 0 || len(raw)%sm4.BlockSize != 0 {
		return nil, errUnsealable
	}
	out := make([]byte, len(raw))
	smcipher.NewECBDecrypter(s.block).CryptBlocks(out, raw)
	plain, err := s.pad.Unpad(out)
	if err != nil {
		return nil, errUnsealable
	}
	return plain, nil
}

// isCode accepts letters, digits, "-" and "_": what a header value and a
// path segment carry without escaping.
func isCode(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
