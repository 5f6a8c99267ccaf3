package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func newTestService(store InvoiceStore, bureau Issuer) *IssueService {
	s := NewIssueService(store, bureau, testSeller, nil)
	s.Backoff = []time.Duration{0, 0}
	return s
}

func TestIssueCommitsBeforeSending(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau()
	svc := newTestService(store, &checkingIssuer{Issuer: bureau, store: store, t: t})
	inv, err := svc.Issue(context.Background(), seedDraft())
	if err != nil {
		t.Fatal(err)
	}
	if inv.Status != StatusIssued || len(inv.Number) != 20 {
		t.Fatalf("invoice = %s %q", inv.Status, inv.Number)
	}
	if !strings.HasPrefix(inv.RequestSerial, testSeller.TaxID+"_") || len(inv.RequestSerial) > MaxSerialLength {
		t.Errorf("serial %q: want %s_… of at most 40 characters", inv.RequestSerial, testSeller.TaxID)
	}
	stored, _ := store.InvoiceBySerial(context.Background(), inv.RequestSerial)
	if stored.Status != StatusIssued || stored.Number != inv.Number {
		t.Errorf("stored = %s %s", stored.Status, stored.Number)
	}
	if open, _ := store.OpenOutbox(context.Background()); len(open) != 0 {
		t.Errorf("outbox still open: %+v", open)
	}
}

// checkingIssuer asserts that the invoice is committed before it is sent.
type checkingIssuer struct {
	Issuer
	store *memStore
	t     *testing.T
}

func (c *checkingIssuer) Issue(ctx context.Context, inv Invoice) (IssueResult, error) {
	stored, err := c.store.InvoiceBySerial(ctx, inv.RequestSerial)
	if err != nil || stored.Status != StatusPending {
		c.t.Errorf("sent before commit: %v %s", err, stored.Status)
	}
	if open, _ := c.store.OpenOutbox(ctx); len(open) != 1 || len(open[0].Request) == 0 {
		c.t.Errorf("outbox entry with the request must exist before sending: %+v", open)
	}
	return c.Issuer.Issue(ctx, inv)
}

func TestValidationErrorSendsNothing(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau()
	d := seedDraft()
	d.Buyer.TaxID = "91510113MA6739XPX3"
	_, err := newTestService(store, bureau).Issue(context.Background(), d)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want validation error, got %v", err)
	}
	if len(bureau.sends) != 0 || store.count() != 0 {
		t.Errorf("sent %d, stored %d; want nothing", len(bureau.sends), store.count())
	}
}

func TestDroppedResponseResolvedByLookup(t *testing.T) {
	// The bureau commits, then the answer is lost: the service must find the
	// invoice by its serial instead of sending it again.
	store, bureau := newMemStore(), newFakeBureau("drop")
	inv, err := newTestService(store, bureau).Issue(context.Background(), seedDraft())
	if err != nil {
		t.Fatal(err)
	}
	if inv.Status != StatusIssued || bureau.issuedCount() != 1 || len(bureau.sends) != 1 {
		t.Errorf("status %s, bureau issued %d, sends %d; want issued once, sent once", inv.Status, bureau.issuedCount(), len(bureau.sends))
	}
}

func TestTransientRetriedWithSameSerial(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("transient", "transient")
	inv, err := newTestService(store, bureau).Issue(context.Background(), seedDraft())
	if err != nil {
		t.Fatal(err)
	}
	if len(bureau.sends) != 3 || bureau.sends[0] != bureau.sends[1] || bureau.sends[1] != bureau.sends[2] {
		t.Errorf("sends = %v; want three with the same serial", bureau.sends)
	}
	if inv.Status != StatusIssued || bureau.issuedCount() != 1 {
		t.Errorf("status %s, issued %d", inv.Status, bureau.issuedCount())
	}
}

func TestTransientExhaustedIsHeldNotLost(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("transient", "transient", "transient")
	svc := newTestService(store, bureau)
	inv, err := svc.Issue(context.Background(), seedDraft())
	if err == nil || inv.Status != StatusHeld {
		t.Fatalf("status %s, err %v; want held with an error", inv.Status, err)
	}
	// The clerk resubmits: same serial, issued once.
	again, err := svc.Resubmit(context.Background(), inv.RequestSerial)
	if err != nil {
		t.Fatal(err)
	}
	if again.RequestSerial != inv.RequestSerial || again.Status != StatusIssued || bureau.issuedCount() != 1 {
		t.Errorf("resubmit: serial %s→%s, status %s, issued %d", inv.RequestSerial, again.RequestSerial, again.Status, bureau.issuedCount())
	}
}

func TestLookupFailureLeavesUnknownThenReconciles(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("drop")
	bureau.lookupErr = &ProviderError{Kind: KindTransient, Provider: "测试税局", Message: "网络不可达"}
	svc := newTestService(store, bureau)
	inv, err := svc.Issue(context.Background(), seedDraft())
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) || inv.Status != StatusUnknown {
		t.Fatalf("want outcome unknown, got %s %v", inv.Status, err)
	}
	if stored, _ := store.InvoiceBySerial(context.Background(), inv.RequestSerial); stored.Status != StatusUnknown {
		t.Fatalf("stored status %s, want unknown", stored.Status)
	}
	// Restart: a new service over the same store reconciles.
	bureau.lookupErr = nil
	rep, err := newTestService(store, bureau).Reconcile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Issued) != 1 || rep.Issued[0] != inv.RequestSerial {
		t.Fatalf("report %+v", rep)
	}
	stored, _ := store.InvoiceBySerial(context.Background(), inv.RequestSerial)
	if stored.Status != StatusIssued || store.count() != 1 || bureau.issuedCount() != 1 || len(bureau.sends) != 1 {
		t.Errorf("after reconcile: %s, stored %d, issued %d, sends %d", stored.Status, store.count(), bureau.issuedCount(), len(bureau.sends))
	}
}

func TestReconcileNeverSends(t *testing.T) {
	// A crash after commit, before sending: the bureau has nothing. The
	// invoice is held for the clerk, not sent behind their back.
	store, bureau := newMemStore(), newFakeBureau()
	inv, _ := Prepare(seedDraft(), testSeller)
	inv.RequestSerial, inv.Status = NewRequestSerial(testSeller.TaxID, time.Now()), StatusPending
	if err := store.CreatePending(context.Background(), &inv, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	rep, err := newTestService(store, bureau).Reconcile(context.Background())
	if err != nil || len(rep.NotSent) != 1 {
		t.Fatalf("report %+v, err %v", rep, err)
	}
	if len(bureau.sends) != 0 {
		t.Errorf("reconcile sent %d requests", len(bureau.sends))
	}
	stored, _ := store.InvoiceBySerial(context.Background(), inv.RequestSerial)
	if stored.Status != StatusHeld {
		t.Errorf("status %s, want held", stored.Status)
	}
}

func TestBusinessRefusalRejects(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("business")
	inv, err := newTestService(store, bureau).Issue(context.Background(), seedDraft())
	if ErrorKindOf(err) != KindBusiness || inv.Status != StatusRejected {
		t.Fatalf("status %s, err %v", inv.Status, err)
	}
	if !strings.Contains(inv.StatusMessage, "购方税号不存在") {
		t.Errorf("message %q should carry the provider's reason", inv.StatusMessage)
	}
	if open, _ := store.OpenOutbox(context.Background()); len(open) != 0 {
		t.Error("a rejected invoice closes its outbox entry")
	}
}

func TestDuplicateRefusalAfterRetryIsResolved(t *testing.T) {
	// First attempt commits but the answer is lost and the lookup races the
	// bureau (not found yet); the resend is refused as a duplicate serial.
	// The service must look it up again and record it, not reject it.
	store := newMemStore()
	bureau := &racingBureau{fakeBureau: newFakeBureau("drop")}
	inv, err := newTestService(store, bureau).Issue(context.Background(), seedDraft())
	if err != nil || inv.Status != StatusIssued {
		t.Fatalf("status %s, err %v", inv.Status, err)
	}
	if bureau.issuedCount() != 1 {
		t.Errorf("issued %d", bureau.issuedCount())
	}
}

// racingBureau answers its first lookup "not found" although it committed.
type racingBureau struct {
	*fakeBureau
	lied bool
}

func (r *racingBureau) Lookup(ctx context.Context, serial string) (IssueResult, error) {
	if !r.lied {
		r.lied = true
		return IssueResult{}, ErrNotFound
	}
	return r.fakeBureau.Lookup(ctx, serial)
}

func TestCredentialsHold(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("credentials")
	svc := newTestService(store, bureau)
	inv, err := svc.Issue(context.Background(), seedDraft())
	if ErrorKindOf(err) != KindCredentials || inv.Status != StatusHeld {
		t.Fatalf("status %s, err %v", inv.Status, err)
	}
	again, err := svc.Resubmit(context.Background(), inv.RequestSerial)
	if err != nil || again.Status != StatusIssued || again.RequestSerial != inv.RequestSerial {
		t.Errorf("resubmit: %s %v", again.Status, err)
	}
}

func TestExport(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau()
	svc := newTestService(store, bureau)
	inv, err := svc.Issue(context.Background(), seedDraft())
	if err != nil {
		t.Fatal(err)
	}
	data, err := svc.Export(context.Background(), inv.Number, FormatPDF)
	if err != nil || string(data) != "pdf:"+inv.Number {
		t.Errorf("export = %q, %v", data, err)
	}
	if _, err := svc.Export(context.Background(), "26000000000000000000", FormatPDF); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown number: %v", err)
	}
	if name := ExportFileName(inv, FormatOFD); name != "dzfp_"+inv.Number+"_上海某某科技有限公司.ofd" {
		t.Errorf("file name %q", name)
	}
}

func TestRequestSerial(t *testing.T) {
	now := time.Date(2026, 11, 21, 9, 30, 0, 0, ChinaTime)
	a, b := NewRequestSerial("91510113MA6739XPX2", now), NewRequestSerial("91510113MA6739XPX2", now)
	if a == b {
		t.Error("two serials in the same second collide")
	}
	if !strings.HasPrefix(a, "91510113MA6739XPX2_261121093000") || len(a) > MaxSerialLength {
		t.Errorf("serial %q", a)
	}
	if long := NewRequestSerial("11010119900307751X00", now); len(long) > MaxSerialLength {
		t.Errorf("serial for a 20-character ID is %d long", len(long))
	}
}

func TestUnreachableIsRetriedWithoutLookupAndHeld(t *testing.T) {
	store, bureau := newMemStore(), newFakeBureau("unreachable", "unreachable", "unreachable")
	svc := newTestService(store, bureau)
	inv, err := svc.Issue(context.Background(), seedDraft())
	if err == nil || inv.Status != StatusHeld {
		t.Fatalf("status %s, err %v; want held", inv.Status, err)
	}
	if len(bureau.sends) != 3 || bureau.lookups != 0 {
		t.Errorf("sends %d, lookups %d; want 3 attempts and no lookup (nothing was sent)", len(bureau.sends), bureau.lookups)
	}
	if !strings.Contains(inv.StatusMessage, "未发送") {
		t.Errorf("message %q should say it was not sent", inv.StatusMessage)
	}
	stored, _ := store.InvoiceBySerial(context.Background(), inv.RequestSerial)
	if stored.Status != StatusHeld {
		t.Errorf("stored %s, want held", stored.Status)
	}
}

func TestUnreachableAfterATimeoutStillLooksUp(t *testing.T) {
	// The first attempt may have gone through; a later "not sent" says
	// nothing about it, so the service must keep asking before each resend.
	store, bureau := newMemStore(), newFakeBureau("transient", "unreachable")
	inv, err := newTestService(store, bureau).Issue(context.Background(), seedDraft())
	if err != nil || inv.Status != StatusIssued {
		t.Fatalf("status %s, err %v", inv.Status, err)
	}
	if len(bureau.sends) != 3 || bureau.lookups != 2 {
		t.Errorf("sends %d, lookups %d; want 3 sends with a lookup after each of the first two", len(bureau.sends), bureau.lookups)
	}
}
