package app

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// reversibleOf turns a prepared blue invoice into what the bureau says can
// be reversed: every line negated, on the basis excluding tax.
func reversibleOf(t *testing.T, d Draft) []RedLine {
	t.Helper()
	inv, err := Prepare(d, testSeller)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]RedLine, len(inv.Lines))
	for i, l := range inv.Lines {
		r := l
		r.TaxIncluded = false
		r.Amount, r.AmountExcl, r.Tax = l.AmountExcl.Neg(), l.AmountExcl.Neg(), l.Tax.Neg()
		if l.Quantity.Valid {
			r.Quantity = decimal.NewNullDecimal(l.Quantity.Decimal.Neg())
			r.Price = l.PriceExclTax()
		}
		out[i] = RedLine{Index: i + 1, Line: r}
	}
	return out
}

func threeLines() Draft {
	d := seedDraft()
	d.Lines = []DraftLine{
		{Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Quantity: "10", Price: "100", Amount: "1000", TaxRate: "0.13"},
		{Name: "*信息技术服务*实施服务", TaxCode: "3040201000000000000", Amount: "500", TaxRate: "0.06"},
		{Name: "*计算机配套产品*键盘", TaxCode: "1090511030000000000", Quantity: "2", Price: "99", Amount: "198", TaxRate: "0.13"},
	}
	return d
}

func TestFullRedOfTheSeedInvoice(t *testing.T) {
	red, err := PlanRed(RedRequest{Reason: RedReasonMistake}, reversibleOf(t, seedDraft()))
	if err != nil {
		t.Fatal(err)
	}
	total := SumLines(linesOf(red))
	assertDec(t, "red amount", total.Amount, "-0.99")
	assertDec(t, "red tax", total.Tax, "-0.01")
	assertDec(t, "red total", total.Total, "-1.00")
}

func linesOf(reds []RedLine) []Line {
	out := make([]Line, len(reds))
	for i, r := range reds {
		out[i] = r.Line
	}
	return out
}

func TestPartialRedLeavesTheRest(t *testing.T) {
	rev := reversibleOf(t, threeLines())
	red, err := PlanRed(RedRequest{Reason: RedReasonReturn, Partial: true, Picks: []RedPick{{Index: 1, Quantity: "3"}}}, rev)
	if err != nil {
		t.Fatal(err)
	}
	if len(red) != 1 {
		t.Fatalf("red lines %+v", red)
	}
	assertDec(t, "quantity", red[0].Quantity.Decimal, "-3")
	assertDec(t, "amount", red[0].AmountExcl, "-300")
	assertDec(t, "tax", red[0].Tax, "-39")
	left := Remaining(rev, [][]RedLine{red})
	assertDec(t, "line 1 left", left[0].AmountExcl, "-700")
	assertDec(t, "line 1 quantity left", left[0].Quantity.Decimal, "-7")
	assertDec(t, "line 2 left", left[1].AmountExcl, "-500")
	// Reversing more than is left is refused.
	_, err = PlanRed(RedRequest{Reason: RedReasonReturn, Partial: true, Picks: []RedPick{{Index: 1, Quantity: "8"}}}, left)
	assertRule(t, err, "picks[0].quantity", "exceeds_remaining")
	_, err = PlanRed(RedRequest{Reason: RedReasonAllowance, Partial: true, Picks: []RedPick{{Index: 1, Amount: "700.01"}}}, left)
	assertRule(t, err, "picks[0].amount", "exceeds_remaining")
	// What is left, taken whole, is exactly what is left.
	rest, err := PlanRed(RedRequest{Reason: RedReasonReturn, Partial: true, Picks: []RedPick{{Index: 1, Quantity: "7"}}}, left)
	if err != nil || !rest[0].Tax.Equal(left[0].Tax) {
		t.Errorf("the rest: %v %+v", err, rest)
	}
}

func assertRule(t *testing.T, err error, field, rule string) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want %s/%s, got %v", field, rule, err)
	}
	for _, fe := range ve.Errors {
		if fe.Field == field && fe.Rule == rule {
			return
		}
	}
	t.Errorf("want %s/%s, got %+v", field, rule, ve.Errors)
}

func TestReasonRules(t *testing.T) {
	services := reversibleOf(t, func() Draft {
		d := threeLines()
		d.Lines = d.Lines[1:2]
		return d
	}())
	goods := reversibleOf(t, seedDraft())
	_, err := PlanRed(RedRequest{Reason: RedReasonReturn}, services)
	assertRule(t, err, "reason", "reason_not_allowed")
	_, err = PlanRed(RedRequest{Reason: RedReasonStop}, goods)
	assertRule(t, err, "reason", "reason_not_allowed")
	if _, err := PlanRed(RedRequest{Reason: RedReasonStop}, services); err != nil {
		t.Errorf("03 on services: %v", err)
	}
	_, err = PlanRed(RedRequest{Reason: RedReasonMistake, Partial: true, Picks: []RedPick{{Index: 1, Amount: "0.5"}}}, goods)
	assertRule(t, err, "partial", "full_only")
	_, err = PlanRed(RedRequest{Reason: RedReasonAllowance, Partial: true, Picks: []RedPick{{Index: 1, Quantity: "1"}}}, goods)
	assertRule(t, err, "picks[0].quantity", "allowance_by_amount")
}

func TestNothingLeftToReverse(t *testing.T) {
	rev := reversibleOf(t, seedDraft())
	left := Remaining(rev, [][]RedLine{rev})
	_, err := PlanRed(RedRequest{Reason: RedReasonMistake}, left)
	assertRule(t, err, "blue_number", "nothing_left")
}

func TestFormStates(t *testing.T) {
	for s, want := range map[RedFormState][3]bool{
		RedFormNoConfirmation: {true, false, false}, RedFormAwaitingBuyer: {false, true, false},
		RedFormConfirmed: {true, false, false}, RedFormExpired: {false, false, true}, RedFormAbnormalVoucher: {false, false, true},
		"0a": {false, false, false}, "0:": {false, false, false}, "": {false, false, false},
	} {
		if got := [3]bool{s.Issuable(), s.Pending(), s.Void()}; got != want {
			t.Errorf("%s: issuable/pending/void = %v, want %v", s, got, want)
		}
	}
}
