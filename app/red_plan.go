package app

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// RedPick is one blue line the clerk reverses in part: by quantity (goods
// returned) or by amount excluding tax (an allowance), as typed, positive.
type RedPick struct {
	Index    int     `json:"index"` // the blue line's position (xh), from 1
	Quantity NumText `json:"quantity,omitempty"`
	Amount   NumText `json:"amount,omitempty"`
}

// RedRequest is what the clerk chose in the wizard.
type RedRequest struct {
	BlueNumber string    `json:"blue_number"`
	Reason     RedReason `json:"reason"`
	Partial    bool      `json:"partial"`
	Picks      []RedPick `json:"picks,omitempty"`
}

// PlanRed computes the red lines of a request from what can still be
// reversed (reversible: the check's lines, less what other red cases in
// flight will take). A full red takes every line as it stands; a partial
// one recomputes each picked line's tax with the tax engine, except where a
// line is taken whole, which keeps its exact remaining figures so that the
// reds of an invoice sum to it to the cent.
func PlanRed(req RedRequest, reversible []RedLine) ([]RedLine, error) {
	v := &validator{}
	lines := make([]Line, len(reversible))
	for i, r := range reversible {
		lines[i] = r.Line
	}
	if msg := ReasonRefusal(req.Reason, lines); msg != "" {
		v.add("reason", "reason_not_allowed", "红冲原因", msg)
		return nil, &ValidationError{Errors: v.errs}
	}
	left := LeftToReverse(reversible)
	if len(left) == 0 {
		v.add("blue_number", "nothing_left", "蓝字发票", "已全额红冲,没有可红冲的金额")
		return nil, &ValidationError{Errors: v.errs}
	}
	if !req.Partial {
		return left, nil
	}
	if req.Reason == RedReasonMistake {
		v.add("partial", "full_only", "红冲方式", "开票有误(01)只能全额红冲")
		return nil, &ValidationError{Errors: v.errs}
	}
	out := v.picks(req, reversible)
	if len(v.errs) > 0 {
		return nil, &ValidationError{Errors: v.errs}
	}
	return out, nil
}

// LeftToReverse keeps the lines that still have something to reverse.
func LeftToReverse(lines []RedLine) []RedLine {
	var out []RedLine
	for _, l := range lines {
		if !l.AmountExcl.IsZero() || !l.Tax.IsZero() {
			out = append(out, l)
		}
	}
	return out
}

func (v *validator) picks(req RedRequest, reversible []RedLine) []RedLine {
	if len(req.Picks) == 0 {
		v.add("picks", "required", "部分红冲", "请至少选择一行并填写红冲数量或金额")
		return nil
	}
	byIndex := map[int]RedLine{}
	for _, r := range reversible {
		byIndex[r.Index] = r
	}
	seen := map[int]bool{}
	var out []RedLine
	for i, p := range req.Picks {
		field := "picks[" + strconv.Itoa(i) + "]."
		row := fmt.Sprintf("第%d行", p.Index)
		line, ok := byIndex[p.Index]
		switch {
		case !ok:
			v.add(field+"index", "unknown_line", row, "蓝字发票没有这一行")
			continue
		case seen[p.Index]:
			v.add(field+"index", "duplicate_line", row, "同一行只能选择一次")
			continue
		case line.Nature != NatureNormal:
			v.add(field+"index", "discount_line", row, "带折扣的行只能随整张发票全额红冲")
			continue
		}
		seen[p.Index] = true
		if red, ok := v.pick(field, row, req.Reason, p, line); ok {
			out = append(out, red)
		}
	}
	return out
}

// pick computes one partially reversed line.
func (v *validator) pick(field, row string, reason RedReason, p RedPick, line RedLine) (RedLine, bool) {
	hasQ, hasA := string(p.Quantity) != "", string(p.Amount) != ""
	switch {
	case hasQ == hasA:
		v.add(field+"quantity", "quantity_or_amount", row, "请填写红冲数量或红冲金额(二选一)")
		return RedLine{}, false
	case hasQ && reason == RedReasonAllowance:
		v.add(field+"quantity", "allowance_by_amount", row, "销售折让(04)只能按金额红冲,不退数量")
		return RedLine{}, false
	case hasQ:
		return v.pickQuantity(field, row, p, line)
	}
	return v.pickAmount(field, row, p, line)
}

func (v *validator) pickQuantity(field, row string, p RedPick, line RedLine) (RedLine, bool) {
	q, ok := v.number(field+"quantity", row+"红冲数量", p.Quantity, numberRule{required: true, places: MaxQuantityPlaces})
	if !ok {
		return RedLine{}, false
	}
	if !line.Quantity.Valid || !line.Price.Valid || line.Quantity.Decimal.IsZero() {
		v.add(field+"quantity", "no_quantity", row, "这一行没有数量,请按金额红冲")
		return RedLine{}, false
	}
	left := line.Quantity.Decimal.Abs()
	switch {
	case !q.IsPositive():
		v.add(field+"quantity", "positive", row+"红冲数量", "必须大于0")
		return RedLine{}, false
	case q.GreaterThan(left):
		v.add(field+"quantity", "exceeds_remaining", row+"红冲数量", fmt.Sprintf("%s 超过可红冲数量 %s", q, FormatQuantity(left)))
		return RedLine{}, false
	case q.Equal(left):
		return line, true // the whole line: its exact remaining figures
	}
	price := line.Price.Decimal.Abs()
	red := line
	red.Quantity = decimal.NewNullDecimal(q.Neg())
	red.Amount = RoundMoney(q.Mul(price)).Neg()
	red.AmountExcl, red.Tax = SplitTax(red.Amount, red.TaxRate, false)
	return red, true
}

func (v *validator) pickAmount(field, row string, p RedPick, line RedLine) (RedLine, bool) {
	a, ok := v.number(field+"amount", row+"红冲金额", p.Amount, numberRule{required: true, places: MaxAmountPlaces})
	if !ok {
		return RedLine{}, false
	}
	left := line.AmountExcl.Abs()
	switch {
	case !a.IsPositive():
		v.add(field+"amount", "positive", row+"红冲金额", "必须大于0")
		return RedLine{}, false
	case a.GreaterThan(left):
		v.add(field+"amount", "exceeds_remaining", row+"红冲金额", fmt.Sprintf("%s 超过可红冲金额 %s(不含税)", FormatMoney(a), FormatMoney(left)))
		return RedLine{}, false
	case a.Equal(left):
		return line, true
	}
	red := line
	red.Quantity, red.Price = decimal.NullDecimal{}, decimal.NullDecimal{}
	red.Amount = a.Neg()
	red.TaxIncluded = false
	red.AmountExcl, red.Tax = SplitTax(red.Amount, red.TaxRate, false)
	return red, true
}

// Remaining subtracts red lines in flight (applied for, not yet issued or
// void) from what the bureau says can be reversed, so that two cases never
// reverse the same amount twice.
func Remaining(reversible []RedLine, inFlight [][]RedLine) []RedLine {
	out := make([]RedLine, len(reversible))
	copy(out, reversible)
	for _, reds := range inFlight {
		for _, r := range reds {
			for i := range out {
				if out[i].Index != r.Index {
					continue
				}
				out[i].Amount = out[i].Amount.Sub(r.Amount)
				out[i].AmountExcl = out[i].AmountExcl.Sub(r.AmountExcl)
				out[i].Tax = out[i].Tax.Sub(r.Tax)
				if out[i].Quantity.Valid && r.Quantity.Valid {
					out[i].Quantity.Decimal = out[i].Quantity.Decimal.Sub(r.Quantity.Decimal)
				}
			}
		}
	}
	return out
}
