package app

import (
	"strings"

	"github.com/shopspring/decimal"
)

var (
	capitalDigits    = []rune("零壹贰叁肆伍陆柒捌玖")
	capitalInSection = []string{"", "拾", "佰", "仟"}
	capitalSections  = []string{"", "万", "亿", "万亿"}
)

// CapitalAmount writes an amount in Chinese capital numerals as invoices
// print 价税合计(大写), following the rules of the 支付结算办法:
// 整 after 元 when there are no 角 or 分; one 零 for a run of zeros inside the
// number; 零 after 元 when 角 is zero but 分 is not; 负 before a negative amount.
// 1.00 → 壹元整; 1,409.50 → 壹仟肆佰零玖元伍角; 325.04 → 叁佰贰拾伍元零肆分.
func CapitalAmount(amount decimal.Decimal) string {
	amount = RoundMoney(amount)
	var b strings.Builder
	if amount.IsNegative() {
		b.WriteString("负")
		amount = amount.Neg()
	}
	cents := amount.Shift(2).BigInt()
	yuan := cents.Text(10)
	fraction := "00"
	if len(yuan) > 2 {
		yuan, fraction = yuan[:len(yuan)-2], yuan[len(yuan)-2:]
	} else {
		fraction = strings.Repeat("0", 2-len(yuan)) + yuan
		yuan = "0"
	}
	jiao, fen := fraction[0]-'0', fraction[1]-'0'

	hasYuan := yuan != "0"
	if hasYuan {
		b.WriteString(capitalInteger(yuan))
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && fen == 0:
		if !hasYuan {
			b.WriteString("零元")
		}
		b.WriteString("整")
	case jiao == 0:
		if hasYuan {
			b.WriteString("零")
		}
		b.WriteRune(capitalDigits[fen])
		b.WriteString("分")
	default:
		if hasYuan && yuan[len(yuan)-1] == '0' {
			// 1,680.32 → 壹仟陆佰捌拾元零叁角贰分: the zero 元 digit is spoken.
			b.WriteString("零")
		}
		b.WriteRune(capitalDigits[jiao])
		b.WriteString("角")
		if fen != 0 {
			b.WriteRune(capitalDigits[fen])
			b.WriteString("分")
		}
	}
	return b.String()
}

// capitalInteger writes a positive integer given as decimal digits, in
// sections of four digits (个、万、亿、万亿).
func capitalInteger(digits string) string {
	var sections []string // lowest first
	for len(digits) > 4 {
		sections = append(sections, digits[len(digits)-4:])
		digits = digits[:len(digits)-4]
	}
	sections = append(sections, digits)

	var b strings.Builder
	pendingZero := false
	wroteAny := false
	for i := len(sections) - 1; i >= 0; i-- {
		sec := sections[i]
		if strings.Trim(sec, "0") == "" {
			pendingZero = wroteAny
			continue
		}
		// A gap before this section (a zero section, or leading zeros in it
		// after a higher section) is read as one 零.
		if wroteAny && (pendingZero || len(strings.TrimLeft(sec, "0")) < 4) {
			b.WriteRune(capitalDigits[0])
		}
		b.WriteString(capitalSection(strings.TrimLeft(sec, "0")))
		b.WriteString(capitalSections[i])
		wroteAny = true
		pendingZero = false
	}
	return b.String()
}

// capitalSection writes 1 to 9999 without leading zeros: 1010 → 壹仟零壹拾.
func capitalSection(digits string) string {
	var b strings.Builder
	zero := false
	for i := 0; i < len(digits); i++ {
		d := digits[i] - '0'
		place := len(digits) - 1 - i
		if d == 0 {
			zero = true
			continue
		}
		if zero {
			b.WriteRune(capitalDigits[0])
			zero = false
		}
		b.WriteRune(capitalDigits[d])
		b.WriteString(capitalInSection[place])
	}
	return b.String()
}
