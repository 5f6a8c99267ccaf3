package app

import (
	"context"
	"errors"
	"testing"
)

// hostedBureau is a provider like 迅联云: it deduplicates by serial, has no
// lookup, and issues red invoices straight against the blue number.
type hostedBureau struct {
	*fakeBureau
	reds []Invoice // red invoices sent, with the blue each named
	blue []string
}

func (h *hostedBureau) Lookup(context.Context, string) (IssueResult, error) {
	h.mu.Lock()
	h.lookups++
	h.mu.Unlock()
	return IssueResult{}, ErrNoLookup
}

func (h *hostedBureau) CanLookup() bool { return false }

// Issue answers a serial it knows with the invoice it issued under it, the
// way a platform deduplicating by 申请单号 does.
func (h *hostedBureau) Issue(ctx context.Context, inv Invoice) (IssueResult, error) {
	h.mu.Lock()
	r, known := h.issued[inv.RequestSerial]
	scripted := len(h.sends) < len(h.script) && h.script[len(h.sends)] != ""
	h.mu.Unlock()
	if known && !scripted {
		h.mu.Lock()
		h.sends = append(h.sends, inv.RequestSerial)
		h.mu.Unlock()
		return r, nil
	}
	return h.fakeBureau.Issue(ctx, inv)
}

func (h *hostedBureau) IssueRedDirect(ctx context.Context, red Invoice, blue Invoice) (IssueResult, error) {
	h.reds = append(h.reds, red)
	h.blue = append(h.blue, blue.Number)
	return h.Issue(ctx, red)
}

func TestNoLookupResendsTheSameSerial(t *testing.T) {
	store := newMemStore()
	bureau := &hostedBureau{fakeBureau: newFakeBureau("drop")}
	svc := newTestService(store, bureau)
	inv, err := svc.Issue(context.Background(), seedDraft())
	if err != nil || inv.Status != StatusIssued {
		t.Fatalf("issue after a lost answer: %v, status %s", err, inv.Status)
	}
	if bureau.issuedCount() != 1 || len(bureau.sends) != 2 || bureau.sends[0] != bureau.sends[1] {
		t.Errorf("issued %d, sends %v: want one invoice, sent twice under one serial", bureau.issuedCount(), bureau.sends)
	}
	if store.count() != 1 {
		t.Errorf("local invoices = %d, want 1", store.count())
	}
}

func TestNoLookupHeldAfterRetries(t *testing.T) {
	store := newMemStore()
	bureau := &hostedBureau{fakeBureau: newFakeBureau("transient", "transient", "transient")}
	svc := newTestService(store, bureau)
	inv, err := svc.Issue(context.Background(), seedDraft())
	if err == nil || inv.Status != StatusHeld {
		t.Fatalf("status %s, err %v: want held with an error", inv.Status, err)
	}
	if svc.CanLookup() {
		t.Error("CanLookup = true for a provider without lookup")
	}
	// The clerk resubmits: same serial, issued once.
	again, err := svc.Resubmit(context.Background(), inv.RequestSerial)
	if err != nil || again.Status != StatusIssued || bureau.issuedCount() != 1 {
		t.Fatalf("resubmit: %v, status %s, issued %d", err, again.Status, bureau.issuedCount())
	}
}

func TestReconcileWithoutLookupHoldsForResend(t *testing.T) {
	store := newMemStore()
	bureau := &hostedBureau{fakeBureau: newFakeBureau()}
	svc := newTestService(store, bureau)
	inv, _ := Prepare(seedDraft(), testSeller)
	inv.RequestSerial, inv.Status = "S1", StatusPending
	if err := store.CreatePending(context.Background(), &inv, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	rep, err := svc.Reconcile(context.Background())
	if err != nil || len(rep.Resend) != 1 || len(rep.NotSent) != 0 || len(rep.Failed) != 0 {
		t.Fatalf("report %+v, err %v: want one to resend", rep, err)
	}
	got, _ := store.InvoiceBySerial(context.Background(), "S1")
	if got.Status != StatusHeld {
		t.Errorf("status %s, want held", got.Status)
	}
}

func TestDirectRedWithoutForm(t *testing.T) {
	store, reds := newMemStore(), newMemRedStore()
	bureau := &hostedBureau{fakeBureau: newFakeBureau()}
	issuing := newTestService(store, bureau)
	direct := NewDirectRed(bureau, store, reds)
	svc := NewRedService(direct, issuing, reds, nil)
	ctx := context.Background()
	blue, err := issuing.Issue(ctx, seedDraft())
	if err != nil {
		t.Fatal(err)
	}
	if !svc.Direct() || svc.PartialRed() {
		t.Fatalf("Direct %v PartialRed %v: want a direct, whole-invoice red", svc.Direct(), svc.PartialRed())
	}
	c, err := svc.Start(ctx, RedRequest{BlueNumber: blue.Number, Reason: RedReasonMistake})
	if err != nil || c.Step != RedStepIssued {
		t.Fatalf("red: step %s, err %v", c.Step, err)
	}
	if len(bureau.blue) != 1 || bureau.blue[0] != blue.Number {
		t.Fatalf("red sent against %v, want %s", bureau.blue, blue.Number)
	}
	red := bureau.reds[0]
	if !red.Total.Equal(blue.Total.Neg()) || red.Remark != "被红冲蓝字数电发票号码:"+blue.Number {
		t.Errorf("red total %s remark %q; blue total %s", red.Total, red.Remark, blue.Total)
	}
	// Nothing left: a second red is refused before anything is sent.
	_, err = svc.Start(ctx, RedRequest{BlueNumber: blue.Number, Reason: RedReasonMistake})
	var verr *ValidationError
	if !errors.As(err, &verr) || len(bureau.reds) != 1 {
		t.Errorf("second red: %v, reds sent %d", err, len(bureau.reds))
	}
	// A partial red is refused with the field named.
	_, err = svc.Start(ctx, RedRequest{BlueNumber: "26512000000000000999", Reason: RedReasonMistake})
	if !errors.As(err, &verr) || verr.Errors[0].Field != "blue_number" {
		t.Errorf("unknown blue: %v", err)
	}
}

func TestCapabilitiesFollowServices(t *testing.T) {
	store := newMemStore()
	bureau := &hostedBureau{fakeBureau: newFakeBureau()}
	issuing := newTestService(store, bureau)
	svc := &Services{Issuing: issuing, Red: NewRedService(NewDirectRed(bureau, store, newMemRedStore()), issuing, newMemRedStore(), nil)}
	caps := CapabilitiesOf(ProviderXunlian, svc)
	for _, f := range []Feature{FeatureFaceAuth, FeatureCreditLine, FeatureRedForms, FeaturePartialRed, FeatureLookup, FeatureNumberPool, FeatureInbound} {
		if caps.Has(f) || caps.Why(f) == "" {
			t.Errorf("%s: has %v, why %q — want missing with a reason", f, caps.Has(f), caps.Why(f))
		}
	}
	if !caps.Has(FeatureRedDirect) || caps.Why(FeatureRedDirect) != "" {
		t.Errorf("direct red: has %v", caps.Has(FeatureRedDirect))
	}
	if got := caps.Why(FeatureFaceAuth); !contains(got, "迅联云") {
		t.Errorf("face auth reason %q does not name the provider", got)
	}
	if len(caps.Missing()) != len(Features)-1 {
		t.Errorf("missing %v", caps.Missing())
	}
	full := CapabilitiesOf(ProviderPiaodanyun, &Services{Issuing: newTestService(store, newFakeBureau()), Face: &FaceAuthService{}})
	if !full.Has(FeatureFaceAuth) || !full.Has(FeatureLookup) {
		t.Errorf("piaodanyun: face %v lookup %v", full.Has(FeatureFaceAuth), full.Has(FeatureLookup))
	}
}
