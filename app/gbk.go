package app

import (
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// GBKLen counts the bytes s takes in GBK, the encoding providers measure
// field lengths in: a Chinese character is 2 bytes, ASCII 1. It fails on the
// first character GBK cannot encode, naming it, since such a character would
// be garbled or refused by the bureau.
func GBKLen(s string) (int, error) {
	if isASCII(s) {
		return len(s), nil
	}
	encoded, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err == nil {
		return len(encoded), nil
	}
	return 0, firstUnencodable(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// firstUnencodable finds the character that made encoding s fail.
func firstUnencodable(s string) error {
	enc := simplifiedchinese.GBK.NewEncoder()
	pos := 0
	for _, r := range s {
		pos++
		if r < utf8.RuneSelf {
			continue
		}
		if _, err := enc.String(string(r)); err != nil || r == utf8.RuneError {
			return &UnencodableError{Char: r, Position: pos}
		}
	}
	return &UnencodableError{Char: utf8.RuneError, Position: pos}
}

// UnencodableError names a character that GBK cannot encode.
type UnencodableError struct {
	Char     rune
	Position int // 1-based, in characters
}

func (e *UnencodableError) Error() string {
	return fmt.Sprintf("第%d个字符 %q (U+%04X) 无法用GBK编码,税局系统不能接收,请删除或替换", e.Position, string(e.Char), e.Char)
}
