package leqi

import (
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"strings"

	smcipher "github.com/emmansun/gmsm/cipher"
	"github.com/emmansun/gmsm/padding"
	"github.com/emmansun/gmsm/sm4"
)

// sealer encrypts and decrypts the platform's texts: Base64(SM4-ECB(data))
// with PKCS7 padding. ECB is the platform's choice, not ours: identical
// blocks encrypt identically, which is why nothing here relies on the
// cipher for integrity — answers are checked field by field.
type sealer struct {
	block cipher.Block
	pad   padding.Padding
}

// newSealer takes the 16-byte key. Its error never quotes the key.
func newSealer(key []byte) (*sealer, error) {
	block, err := sm4.NewCipher(key)
	if err != nil {
		return nil, errors.New("SM4密钥长度应为16字节")
	}
	return &sealer{block: block, pad: padding.NewPKCS7Padding(sm4.BlockSize)}, nil
}

// encrypt returns SM4-ECB(PKCS7(plain)).
func (s *sealer) encrypt(plain []byte) []byte {
	padded := s.pad.Pad(append([]byte(nil), plain...))
	out := make([]byte, len(padded))
	smcipher.NewECBEncrypter(s.block).CryptBlocks(out, padded)
	return out
}

// Errors of decrypt. They say what is wrong with the text, never quote it.
var (
	errCipherLength = errors.New("密文长度不是16字节的整数倍")
	errCipherPad    = errors.New("解密后填充无效(密钥不符或数据损坏)")
)

// decrypt reverses encrypt. It checks the length first: the ECB mode panics
// on a partial block, and a server's answer must never crash the app.
func (s *sealer) decrypt(sealed []byte) ([]byte, error) {
	if len(sealed) == 0 || len(sealed)%sm4.BlockSize != 0 {
		return nil, errCipherLength
	}
	out := make([]byte, len(sealed))
	smcipher.NewECBDecrypter(s.block).CryptBlocks(out, sealed)
	plain, err := s.pad.ConstantTimeUnpad(out)
	if err != nil {
		return nil, errCipherPad
	}
	return plain, nil
}

// seal is the text sent as a request body: standard base64 with padding.
func (s *sealer) seal(plain []byte) string {
	return base64.StdEncoding.EncodeToString(s.encrypt(plain))
}

// open reads a sealed text. Line breaks and blanks inside it (some servers
// wrap base64 at 76 columns) are ignored, and so is missing padding.
func (s *sealer) open(text string) ([]byte, error) {
	compact := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, text)
	raw, err := base64.StdEncoding.DecodeString(compact)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(compact, "="))
	}
	if err != nil {
		return nil, errors.New("不是有效的base64文本")
	}
	return s.decrypt(raw)
}
