package app

import (
	"context"

	"github.com/shopspring/decimal"
)

// RedCheck is the wizard's first step: the blue invoice as the bureau sees
// it, what this app may still reverse, and which choices the rules allow.
type RedCheck struct {
	BlueCheck
	// Remaining is what the bureau says can be reversed, less what cases in
	// flight (applied for, not yet issued or void) will take.
	Remaining []RedLine
	// ReasonRefusals says, for each reason that cannot be used, why.
	ReasonRefusals map[RedReason]string
	// PartialRefusal says why a partial red is impossible; "" when possible.
	PartialRefusal string
	// Cases are the earlier cases of this blue invoice, newest first.
	Cases  []RedCase
	Status BlueRedStatus
}

// RemainingTotal is what may still be reversed, including tax (negative).
func (c RedCheck) RemainingTotal() decimal.Decimal {
	return SumLines(redLinesOnly(c.Remaining)).Total
}

// Check asks the bureau about a blue invoice and works out what the clerk
// may do with it (step 1 of the wizard).
func (s *RedService) Check(ctx context.Context, blueNumber string) (RedCheck, error) {
	if _, err := ParseInvoiceNumber(blueNumber); err != nil && !(s.Direct() && paperNumber(blueNumber)) {
		return RedCheck{}, &ValidationError{Errors: []FieldError{{Field: "blue_number", Rule: "invoice_number", Message: "蓝字发票号码:" + err.Error()}}}
	}
	bc, err := s.provider.CheckBlue(ctx, blueNumber)
	if err != nil {
		return RedCheck{}, err
	}
	cases, err := s.reds.RedCases(ctx, blueNumber, false)
	if err != nil {
		return RedCheck{}, err
	}
	var inFlight [][]RedLine
	for _, c := range cases {
		// Issued reds are already out of the bureau's figures; void ones
		// reversed nothing.
		if c.Step.Open() {
			inFlight = append(inFlight, c.Lines)
		}
	}
	chk := RedCheck{BlueCheck: bc, Remaining: Remaining(bc.Lines, inFlight), Cases: cases,
		ReasonRefusals: map[RedReason]string{}}
	lines := redLinesOnly(bc.Lines)
	for _, r := range RedReasons {
		if msg := ReasonRefusal(r, lines); msg != "" {
			chk.ReasonRefusals[r] = msg
		}
	}
	chk.PartialRefusal = partialRefusal(s.provider.PartialRed(), chk.Remaining)
	chk.Status = redStatus(cases, LeftToReverse(bc.Lines))
	return chk, nil
}

func partialRefusal(supported bool, remaining []RedLine) string {
	if !supported {
		return "当前开票服务的接口不支持部分红冲,只能全额红冲"
	}
	for _, l := range LeftToReverse(remaining) {
		if l.Nature == NatureNormal {
			return ""
		}
	}
	return "剩余可红冲的行都带折扣,只能全额红冲"
}

// redStatus labels a blue invoice by its issued reds: nothing left to
// reverse is 全额红冲, something reversed but some left 部分红冲.
func redStatus(cases []RedCase, left []RedLine) BlueRedStatus {
	var st BlueRedStatus
	issued := false
	for _, c := range cases {
		if c.Step == RedStepIssued {
			st.Reversed = st.Reversed.Add(c.Total)
			issued = true
		}
	}
	switch {
	case issued && len(left) == 0:
		st.Label = "全额红冲"
	case issued:
		st.Label = "部分红冲"
	}
	return st
}

// RedMark is what the app's own cases say of one blue invoice, without
// asking the bureau: what its issued reds took, and how many cases are
// still under way.
type RedMark struct {
	Reversed decimal.Decimal // Σ of the issued reds' totals, negative
	Issued   int             // red invoices issued against it
	Open     int             // cases under way
}

// RedMarks groups cases by the blue invoice they reverse.
func RedMarks(cases []RedCase) map[string]RedMark {
	marks := map[string]RedMark{}
	for _, c := range cases {
		m := marks[c.BlueNumber]
		switch {
		case c.Step == RedStepIssued:
			m.Reversed = m.Reversed.Add(c.Total)
			m.Issued++
		case c.Step.Open():
			m.Open++
		}
		marks[c.BlueNumber] = m
	}
	return marks
}

// Left is what may still be reversed of blue, including tax.
func (m RedMark) Left(blue Invoice) decimal.Decimal { return blue.Total.Add(m.Reversed) }

// Full reports whether the issued reds took the whole invoice (全额红冲);
// with some issued and some left it is 部分红冲.
func (m RedMark) Full(blue Invoice) bool { return m.Issued > 0 && !m.Left(blue).IsPositive() }
