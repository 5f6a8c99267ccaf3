package sandbox

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"fapiao/app"
)

func TestDemoSupplierTaxIDIsValid(t *testing.T) {
	if err := app.ValidateTaxID(DemoSupplierTaxID); err != nil {
		t.Fatal(err)
	}
	if p := app.ProvinceOfTaxID(DemoSupplierTaxID); p != "50" {
		t.Errorf("province %s, want 50 (重庆)", p)
	}
}

// TestInboxSeededAndAnswerable: a seller seen for the first time finds one
// form from the demo supplier waiting for its answer; answering it takes it
// off the list.
func TestInboxSeededAndAnswerable(t *testing.T) {
	e := start(t)
	e.issue(seedInvoice("inbox")) // the seller is seen
	ctx := context.Background()
	inbox := e.srv.Inbox(sellerID)
	forms, err := inbox.IncomingRedForms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 1 {
		t.Fatalf("%d incoming forms, want the one seeded", len(forms))
	}
	f := forms[0]
	if f.Seller.TaxID != DemoSupplierTaxID || f.Seller.Name != "重庆示例供应链有限公司" || f.Reason != app.RedReasonReturn ||
		f.State != app.RedFormAwaitingBuyer || f.TotalAmount.String() != "-1500" || f.TotalTax.String() != "-195" ||
		len(f.Number) != 20 || f.Number[:3] != "500" || len(f.BlueNumber) != 20 || f.BlueNumber[2:4] != "50" ||
		!f.AppliedAt.Equal(testNow) {
		t.Errorf("seeded form %+v", f)
	}
	// Seeing the seller again seeds nothing more.
	e.issue(seedInvoice("inbox2"))
	if again, _ := inbox.IncomingRedForms(ctx); len(again) != 1 {
		t.Errorf("%d forms after the seller was seen again", len(again))
	}

	if err := inbox.AnswerRedForm(ctx, f.Number, true); err != nil {
		t.Fatal(err)
	}
	if left, err := inbox.IncomingRedForms(ctx); err != nil || len(left) != 0 {
		t.Errorf("after confirming: %v %v", left, err)
	}
	err = inbox.AnswerRedForm(ctx, f.Number, false)
	var pe *app.ProviderError
	if !errors.As(err, &pe) || pe.Kind != app.KindBusiness || !errors.Is(err, ErrFormNotPending) {
		t.Errorf("answering twice: %v", err)
	}
	// Another buyer cannot answer it.
	if err := e.srv.Inbox(buyerID).AnswerRedForm(ctx, f.Number, true); !errors.Is(err, ErrUnknownForm) {
		t.Errorf("another buyer answering: %v", err)
	}
}

// TestInboxMoreFormsAndExpiry: the control endpoint adds forms; the buyer
// refuses one (05); one left unanswered is void after 72 h and drops off;
// the simulated buyer never answers for us.
func TestInboxMoreFormsAndExpiry(t *testing.T) {
	e := start(t)
	ctx := context.Background()
	inbox := e.srv.Inbox(buyerID) // never seen: the first call seeds
	if forms, err := inbox.IncomingRedForms(ctx); err != nil || len(forms) != 1 {
		t.Fatalf("first look: %v %v", forms, err)
	}
	status, body := e.control(pathIncomingForm, url.Values{"nsrsbh": {buyerID}})
	if status != 200 || body["xxbztDm"] != "02" {
		t.Fatalf("incoming: %d %v", status, body)
	}
	number, _ := body["xxbbh"].(string)
	forms, _ := inbox.IncomingRedForms(ctx)
	if len(forms) != 2 || forms[0].Number != number {
		t.Fatalf("after adding: %+v, want %s first", forms, number)
	}
	if err := inbox.AnswerRedForm(ctx, number, false); err != nil {
		t.Fatal(err)
	}
	e.srv.AdvanceClock(DefaultBuyerConfirmDelay + time.Minute)
	if forms, _ := inbox.IncomingRedForms(ctx); len(forms) != 1 || forms[0].State != app.RedFormAwaitingBuyer {
		t.Errorf("the simulated buyer answered for us: %+v", forms)
	}
	e.srv.AdvanceClock(72 * time.Hour)
	if forms, _ := inbox.IncomingRedForms(ctx); len(forms) != 0 {
		t.Errorf("after 72 h: %+v", forms)
	}
	if status, _ := e.control(pathIncomingForm, nil); status != 400 {
		t.Errorf("incoming without nsrsbh: %d, want 400", status)
	}
	if _, err := e.srv.AddIncomingRedForm("not-a-tax-id"); err == nil {
		t.Error("AddIncomingRedForm took a malformed tax ID")
	}
	if _, err := e.srv.Inbox("bad").IncomingRedForms(ctx); err == nil {
		t.Error("an inbox with a malformed tax ID listed forms")
	}
}
