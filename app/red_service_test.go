package app

import (
	"context"
	"testing"
)

type redWorld struct {
	bureau *fakeRedBureau
	store  *memStore
	reds   *memRedStore
	issue  *IssueService
	svc    *RedService
	credit *CreditService
}

func newRedWorld(t *testing.T) *redWorld {
	w := &redWorld{bureau: newFakeRedBureau(), store: newMemStore(), reds: newMemRedStore()}
	w.issue = newTestService(w.store, w.bureau)
	w.credit = NewCreditService(fakeCredit{}, &memStates{}, nil)
	w.issue.Credit = w.credit
	w.svc = NewRedService(w.bureau, w.issue, w.reds, nil)
	return w
}

type fakeCredit struct{}

func (fakeCredit) CreditLine(context.Context) (CreditLine, error) {
	return CreditLine{Total: dec("3000000"), Remaining: dec("2995145.63")}, nil
}

const blue1 = "26512000000000000001"

func TestFullRedIssuesMinusOne(t *testing.T) {
	w := newRedWorld(t)
	w.bureau.addBlue(blue1, reversibleOf(t, seedDraft()))
	ctx := context.Background()
	if _, err := w.credit.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonMistake})
	if err != nil {
		t.Fatal(err)
	}
	if c.Step != RedStepIssued || len(c.RedNumber) != 20 {
		t.Fatalf("case %s %q: %s", c.Step, c.RedNumber, c.Message)
	}
	red, err := w.issue.Invoice(ctx, c.RedNumber)
	if err != nil {
		t.Fatal(err)
	}
	assertDec(t, "red amount", red.TotalAmount, "-0.99")
	assertDec(t, "red tax", red.TotalTax, "-0.01")
	assertDec(t, "red total", red.Total, "-1.00")
	if red.BlueNumber != blue1 || red.RequestSerial != c.Serial {
		t.Errorf("red invoice %+v", red)
	}
	// The credit line gets the amount excluding tax back.
	assertDec(t, "credit remaining", w.credit.Status(ctx).Remaining, "2995146.62")
	// Nothing is left: a second red is refused before any form.
	_, err = w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonMistake})
	assertRule(t, err, "blue_number", "nothing_left")
	if w.bureau.formsMade != 1 {
		t.Errorf("%d forms", w.bureau.formsMade)
	}
	if moves, _ := w.reds.RedTransitions(ctx, c.ID); len(moves) < 3 {
		t.Errorf("every step is stored with its time: %+v", moves)
	}
}

func TestPartialRedThenBeyondTheRest(t *testing.T) {
	w := newRedWorld(t)
	w.bureau.addBlue(blue1, reversibleOf(t, threeLines()))
	ctx := context.Background()
	c, err := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonReturn, Partial: true, Picks: []RedPick{{Index: 1, Quantity: "3"}}})
	if err != nil || c.Step != RedStepIssued {
		t.Fatalf("partial: %v %s", err, c.Step)
	}
	assertDec(t, "partial red total", c.Total, "-339.00")
	chk, err := w.svc.Check(ctx, blue1)
	if err != nil {
		t.Fatal(err)
	}
	assertDec(t, "line 1 left", chk.Remaining[0].AmountExcl, "-700")
	assertDec(t, "line 2 left", chk.Remaining[1].AmountExcl, "-500")
	if chk.Status.Label != "部分红冲" {
		t.Errorf("status %q", chk.Status.Label)
	}
	_, err = w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonReturn, Partial: true, Picks: []RedPick{{Index: 1, Quantity: "7.5"}}})
	assertRule(t, err, "picks[0].quantity", "exceeds_remaining")
}

func TestReasonRefusedBeforeAnyRequest(t *testing.T) {
	w := newRedWorld(t)
	services := threeLines()
	services.Lines = services.Lines[1:2]
	w.bureau.addBlue(blue1, reversibleOf(t, services))
	ctx := context.Background()
	_, err := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonReturn})
	assertRule(t, err, "reason", "reason_not_allowed")
	if w.bureau.formCalls != 0 {
		t.Errorf("%d form requests", w.bureau.formCalls)
	}
	chk, _ := w.svc.Check(ctx, blue1)
	if chk.ReasonRefusals[RedReasonReturn] == "" || chk.ReasonRefusals[RedReasonStop] != "" {
		t.Errorf("refusals %v", chk.ReasonRefusals)
	}
}

func TestPendingFormConfirmedOrVoided(t *testing.T) {
	w := newRedWorld(t)
	w.bureau.addBlue(blue1, reversibleOf(t, seedDraft()))
	w.bureau.used[blue1] = true
	ctx := context.Background()
	c, err := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonMistake})
	if err != nil || c.Step != RedStepAwaiting || c.Form.State != RedFormAwaitingBuyer {
		t.Fatalf("used invoice: %v %s %s", err, c.Step, c.Form.State)
	}
	if changed, err := w.svc.RefreshPending(ctx); err != nil || len(changed) != 0 {
		t.Fatalf("nothing changed yet: %v %v", changed, err)
	}
	w.bureau.setFormState(blue1, RedReasonMistake, RedFormConfirmed)
	changed, err := w.svc.RefreshPending(ctx)
	if err != nil || len(changed) != 1 || changed[0].Step != RedStepReady {
		t.Fatalf("confirmed: %v %+v", err, changed)
	}
	c, err = w.svc.Advance(ctx, c.ID)
	if err != nil || c.Step != RedStepIssued {
		t.Fatalf("issue on a confirmed form: %v %s", err, c.Step)
	}

	// Another invoice: pending until the 72 h pass.
	const blue2 = "26512000000000000002"
	w.bureau.addBlue(blue2, reversibleOf(t, seedDraft()))
	w.bureau.used[blue2] = true
	c2, _ := w.svc.Start(ctx, RedRequest{BlueNumber: blue2, Reason: RedReasonMistake})
	w.bureau.setFormState(blue2, RedReasonMistake, RedFormExpired)
	changed, _ = w.svc.RefreshPending(ctx)
	if len(changed) != 1 || changed[0].ID != c2.ID || changed[0].Step != RedStepVoid {
		t.Fatalf("expired: %+v", changed)
	}
	// A void case reserved nothing: the whole invoice is reversible again.
	chk, _ := w.svc.Check(ctx, blue2)
	assertDec(t, "left after a void form", chk.RemainingTotal(), "-1.00")
}

// TestCrashAfterFormBeforeRedResumesWithoutSecondForm: the form was
// granted, the process died before it stored that; on restart the case is
// still "applying" and asks again — and gets the same form.
func TestCrashAfterFormBeforeRedResumesWithoutSecondForm(t *testing.T) {
	w := newRedWorld(t)
	w.bureau.addBlue(blue1, reversibleOf(t, seedDraft()))
	ctx := context.Background()
	chk, _ := w.svc.Check(ctx, blue1)
	lines, _ := PlanRed(RedRequest{Reason: RedReasonMistake}, chk.Remaining)
	c := RedCase{BlueNumber: blue1, Reason: RedReasonMistake, Lines: lines, Seller: testSeller, Type: TypeOrdinary, Step: RedStepApplying}
	if err := w.reds.SaveRedCase(ctx, &c, "开始"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.bureau.RedForm(ctx, RedFormRequest{BlueNumber: blue1, Reason: RedReasonMistake}); err != nil {
		t.Fatal(err) // the bureau granted it; the answer never got stored
	}
	restarted := NewRedService(w.bureau, newTestService(w.store, w.bureau), w.reds, nil)
	c, err := restarted.Advance(ctx, c.ID)
	if err != nil || c.Step != RedStepIssued {
		t.Fatalf("resume: %v %s", err, c.Step)
	}
	if w.bureau.formsMade != 1 || w.bureau.redIssued != 1 {
		t.Errorf("forms %d, reds %d; want one of each", w.bureau.formsMade, w.bureau.redIssued)
	}
}

func TestHeldRedResumesThroughResubmit(t *testing.T) {
	w := newRedWorld(t)
	w.bureau.addBlue(blue1, reversibleOf(t, seedDraft()))
	w.bureau.failIssue = &ProviderError{Kind: KindFaceAuth, Code: "420", Message: "需要人脸认证"}
	ctx := context.Background()
	c, err := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonMistake})
	if ErrorKindOf(err) != KindFaceAuth || c.Step != RedStepIssuing || c.Serial == "" {
		t.Fatalf("420 on the red invoice: %v %s", err, c.Step)
	}
	inv, err := w.issue.Resubmit(ctx, c.Serial)
	if err != nil || inv.Status != StatusIssued || inv.RequestSerial != c.Serial {
		t.Fatalf("resubmit: %v %s", err, inv.Status)
	}
	c, _ = w.reds.RedCase(ctx, c.ID)
	if c.Step != RedStepIssued || w.bureau.redIssued != 1 || len(w.bureau.sends) != 1 {
		t.Errorf("case %s, reds %d, sends %d", c.Step, w.bureau.redIssued, len(w.bureau.sends))
	}
}

func TestNewCaseAfterAVoidFormAppliesAfresh(t *testing.T) {
	w := newRedWorld(t)
	w.bureau.addBlue(blue1, reversibleOf(t, seedDraft()))
	w.bureau.used[blue1] = true
	ctx := context.Background()
	first, _ := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonMistake})
	// A second case for the same invoice and reason while one is open.
	_, err := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonMistake})
	assertRule(t, err, "reason", "case_open")
	w.bureau.setFormState(blue1, RedReasonMistake, RedFormExpired)
	if _, err := w.svc.RefreshPending(ctx); err != nil {
		t.Fatal(err)
	}
	second, err := w.svc.Start(ctx, RedRequest{BlueNumber: blue1, Reason: RedReasonMistake})
	if err != nil || second.Step != RedStepAwaiting || second.Form.Number == first.Form.Number {
		t.Fatalf("after a void form: %v %s %s (first %s)", err, second.Step, second.Form.Number, first.Form.Number)
	}
	if w.bureau.formsMade != 2 {
		t.Errorf("%d forms, want 2", w.bureau.formsMade)
	}
}
