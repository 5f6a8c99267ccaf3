package app

import (
	"fmt"
	"strings"
)

// The alphabet and weights of the unified social credit code (GB 32100-2015).
const creditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCodeCheckChar computes the 18th character of a unified social credit
// code from its first 17. ok is false when a character is outside the alphabet.
func CreditCodeCheckChar(first17 string) (check byte, ok bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		idx := strings.IndexByte(creditCodeAlphabet, first17[i])
		if idx < 0 {
			return 0, false
		}
		sum += idx * creditCodeWeights[i]
	}
	return creditCodeAlphabet[(31-sum%31)%31], true
}

// TaxIDError says why a taxpayer ID is not valid.
type TaxIDError struct {
	Rule    string // "length", "charset" or "check_digit"
	Message string
}

func (e *TaxIDError) Error() string { return e.Message }

// ValidateTaxID checks a taxpayer ID (纳税人识别号). An 18-character unified
// social credit code must pass its check digit; the older 15-, 17- and
// 20-character IDs are upper-case alphanumeric and carry no check digit.
func ValidateTaxID(id string) *TaxIDError {
	switch len(id) {
	case 18:
		for i := 0; i < len(id); i++ {
			if strings.IndexByte(creditCodeAlphabet, id[i]) < 0 {
				return &TaxIDError{Rule: "charset", Message: fmt.Sprintf(
					"第%d位字符 %q 不是统一社会信用代码允许的字符(数字和除 I、O、Z、S、V 外的大写字母)", i+1, id[i])}
			}
		}
		want, _ := CreditCodeCheckChar(id[:17])
		if id[17] != want {
			return &TaxIDError{Rule: "check_digit", Message: fmt.Sprintf(
				"校验位错误:第18位应为 %c,实为 %c,请核对税号", want, id[17])}
		}
		return nil
	case 15, 17, 20:
		for i := 0; i < len(id); i++ {
			c := id[i]
			if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
				return &TaxIDError{Rule: "charset", Message: fmt.Sprintf(
					"第%d位字符 %q 无效:税号只能由数字和大写字母组成", i+1, c)}
			}
		}
		return nil
	}
	return &TaxIDError{Rule: "length", Message: fmt.Sprintf(
		"长度为%d位:税号应为18位统一社会信用代码,或15、17、20位的旧税号", len([]rune(id)))}
}

// ProvinceOfTaxID returns the two-digit province code embedded in a unified
// social credit code (its 3rd and 4th characters are the start of the
// administrative-division code), or "" when the ID carries none.
func ProvinceOfTaxID(id string) string {
	if len(id) != 18 {
		return ""
	}
	p := id[2:4]
	if p[0] < '1' || p[0] > '9' || p[1] < '0' || p[1] > '9' {
		return ""
	}
	return p
}
