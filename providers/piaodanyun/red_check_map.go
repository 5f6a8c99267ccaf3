package piaodanyun

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// blueCheckData is retInviceMsg's data. The seed's own example mixes types
// (hjje -0.99 a number, spdj "0.990099009901" a string, hsbz ""), so every
// scalar is read tolerantly. encoding/json matches names without regard to
// case, so "zzsytdm" reads ZzsytDm too.
type blueCheckData struct {
	Fphm     flexString      `json:"fphm"`
	Message  flexString      `json:"message"`
	Xhdwsbh  flexString      `json:"xhdwsbh"`
	Xhdwmc   flexString      `json:"xhdwmc"`
	Ghdwsbh  flexString      `json:"ghdwsbh"`
	Ghdwmc   flexString      `json:"ghdwmc"`
	Kprq     flexString      `json:"kprq"`
	Hjje     flexDecimal     `json:"hjje"`
	Hjse     flexDecimal     `json:"hjse"`
	Fplxdm   flexString      `json:"fplxdm"`
	XfsytDm  flexString      `json:"XfsytDm"`  // 消费税用途状态, 00 未勾选 (not mapped)
	ZzsytDm  flexString      `json:"ZzsytDm"`  // 增值税用途状态, 03 未勾选
	FprzztDm flexString      `json:"FprzztDm"` // 发票入账状态, 00 未入账
	Mxzb     []blueCheckLine `json:"mxzb"`
}

// blueCheckLine is one line of mxzb: what can still be reversed of a blue
// line, as negative figures excluding tax (je, se; spdj is positive).
type blueCheckLine struct {
	Xh    flexInt     `json:"xh"`
	Fphxz flexInt     `json:"fphxz"` // not in the seed; read when present
	Spmc  flexString  `json:"spmc"`
	Spbm  flexString  `json:"spbm"`
	Ggxh  flexString  `json:"ggxh"`
	Dw    flexString  `json:"dw"`
	Spsl  flexDecimal `json:"spsl"`
	Spdj  flexDecimal `json:"spdj"`
	Je    flexDecimal `json:"je"`
	Sl    flexDecimal `json:"sl"`
	Se    flexDecimal `json:"se"`
	Hsbz  flexString  `json:"hsbz"`
}

// Codes of retInviceMsg saying the buyer has done nothing with the invoice.
const (
	vatUseUnchecked = "03" // ZzsytDm: 未勾选
	notBooked       = "00" // FprzztDm: 未入账
)

// toBlueCheck maps the data to the domain. It fails, naming the field,
// when an amount, a rate or the date cannot be read, when two lines claim
// one position, or when an amount has the sign of a blue invoice: the
// bureau reports what can be reversed as negative figures, and a positive
// one would mean something we do not understand.
func (d blueCheckData) toBlueCheck() (app.BlueCheck, error) {
	check := app.BlueCheck{
		Number:      d.Fphm.String(),
		Type:        app.InvoiceType(d.Fplxdm.String()),
		Seller:      app.Party{Name: d.Xhdwmc.String(), TaxID: d.Xhdwsbh.String()},
		Buyer:       app.Party{Name: d.Ghdwmc.String(), TaxID: d.Ghdwsbh.String(), NaturalPerson: d.Ghdwsbh.String() == ""},
		BuyerUsed:   codeSetAndNot(d.ZzsytDm, vatUseUnchecked),
		BuyerBooked: codeSetAndNot(d.FprzztDm, notBooked),
		Message:     d.Message.String(),
	}
	var err error
	if check.IssuedAt, err = optionalIssueTime(d.Kprq); err != nil {
		return app.BlueCheck{}, fmt.Errorf("kprq:%v", err)
	}
	if check.Lines, err = redLines(d.Mxzb); err != nil {
		return app.BlueCheck{}, err
	}
	var amount, tax decimal.Decimal
	for _, l := range check.Lines {
		amount, tax = amount.Add(l.AmountExcl), tax.Add(l.Tax)
	}
	if check.TotalAmount, err = redTotal("hjje", d.Hjje, amount); err != nil {
		return app.BlueCheck{}, err
	}
	if check.TotalTax, err = redTotal("hjse", d.Hjse, tax); err != nil {
		return app.BlueCheck{}, err
	}
	return check, nil
}

// redTotal reads hjje or hjse: absent or null, it is the lines' sum; text
// that is not a number is an error, never a guess.
func redTotal(field string, d flexDecimal, sum decimal.Decimal) (decimal.Decimal, error) {
	if d.Raw != "" && !d.Valid {
		return decimal.Zero, fmt.Errorf("%s:金额 %q 无法识别", field, clip(d.Raw))
	}
	total := orDefault(d, sum)
	return total, notPositive(field, total)
}

// codeSetAndNot reports a status code that is present and not the one
// meaning "nothing done".
func codeSetAndNot(code flexString, nothing string) bool {
	text := statusCode(code.String())
	return text != "" && text != nothing
}

// statusCode restores the leading zero of a two-digit code sent as a
// number or cut short: 0 is "00", "1" is "01".
func statusCode(text string) string {
	if len(text) == 1 && text[0] >= '0' && text[0] <= '9' {
		return "0" + text
	}
	return text
}

// optionalIssueTime reads a date that may be absent (zero time) but, when
// given, must be readable.
func optionalIssueTime(text flexString) (time.Time, error) {
	if text.String() == "" {
		return time.Time{}, nil
	}
	return parseIssueTime(text.String())
}

// redLines maps mxzb. A line without xh takes its 1-based position.
func redLines(wire []blueCheckLine) ([]app.RedLine, error) {
	lines := make([]app.RedLine, 0, len(wire))
	seen := map[int]bool{}
	for i, wl := range wire {
		index := i + 1
		if wl.Xh.Valid {
			index = int(wl.Xh.Value)
		}
		if index < 1 || seen[index] {
			// Lines are picked and subtracted by position: two lines under
			// one xh would let one be reversed twice.
			return nil, fmt.Errorf("mxzb[%d].xh:序号 %d 无效或重复", i, index)
		}
		seen[index] = true
		l, err := wl.toLine(i)
		if err != nil {
			return nil, err
		}
		lines = append(lines, app.RedLine{Index: index, Line: l})
	}
	return lines, nil
}

// toLine maps mxzb[i]. The figures exclude tax (TaxIncluded false) and
// Amount is AmountExcl. Quantity and price come as a pair or not at all;
// their signs carry nothing a line's nature does not already say, so the
// quantity of a reversible line is made negative and the price positive,
// while an amount with the wrong sign is refused.
func (wl blueCheckLine) toLine(i int) (app.Line, error) {
	field := func(name string) string { return fmt.Sprintf("mxzb[%d].%s", i, name) }
	nature, err := lineNature(wl.Fphxz)
	if err != nil {
		return app.Line{}, fmt.Errorf("%s:%v", field("fphxz"), err)
	}
	rate, err := taxRate(wl.Sl)
	if err != nil {
		return app.Line{}, fmt.Errorf("%s:%v", field("sl"), err)
	}
	for _, amount := range []struct {
		name string
		d    flexDecimal
	}{{"je", wl.Je}, {"se", wl.Se}} {
		if err := redAmount(field(amount.name), amount.d, nature); err != nil {
			return app.Line{}, err
		}
	}
	l := app.Line{
		Nature: nature, Name: wl.Spmc.String(), TaxCode: wl.Spbm.String(),
		Spec: wl.Ggxh.String(), Unit: wl.Dw.String(),
		Amount: wl.Je.Value, AmountExcl: wl.Je.Value, Tax: wl.Se.Value,
		TaxRate: rate, TaxIncluded: false,
	}
	if wl.Spsl.Valid && wl.Spdj.Valid {
		quantity := wl.Spsl.Value.Abs()
		if nature != app.NatureDiscount {
			quantity = quantity.Neg()
		}
		l.Quantity, l.Price = decimal.NewNullDecimal(quantity), decimal.NewNullDecimal(wl.Spdj.Value.Abs())
	}
	return l, nil
}

// redAmount checks a line's je or se: readable, and not positive — except
// on a discount line (fphxz 1), which is negative on the blue invoice and
// so positive on the red one.
func redAmount(field string, d flexDecimal, nature app.LineNature) error {
	switch {
	case !d.Valid:
		return fmt.Errorf("%s:金额 %q 无法识别", field, clip(d.Raw))
	case nature == app.NatureDiscount && d.Value.IsNegative():
		return fmt.Errorf("%s:折扣行的可红冲金额 %s 应为正数", field, d.Value)
	case nature != app.NatureDiscount:
		return notPositive(field, d.Value)
	}
	return nil
}

func notPositive(field string, d decimal.Decimal) error {
	if d.IsPositive() {
		return fmt.Errorf("%s:可红冲金额 %s 应为负数", field, d.String())
	}
	return nil
}
