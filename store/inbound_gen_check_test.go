package store

import (
	"testing"

	"fapiao/app"
)

// TestGeneratedInboundIsValid checks what the inbound tests and
// benchmarks take for granted of their generated invoices: unique keys,
// storable money, no amount on a voucher and one on every invoice, and
// every kind of value the filters and the clerk's queries look for.
func TestGeneratedInboundIsValid(t *testing.T) {
	invs := generateInbound(20_000, benchSeed, benchSellers)
	keys := map[string]bool{}
	seen := map[string]map[string]bool{"type": {}, "status": {}, "state": {}, "risk": {}}
	for i := range invs {
		inv := &invs[i]
		if keys[inv.Key] || inv.Key != app.InboundKey(inv.Code, inv.Number, inv.Type) {
			t.Fatalf("key %q repeated or not the invoice's", inv.Key)
		}
		keys[inv.Key] = true
		if _, err := inboundArgs(inv); err != nil {
			t.Fatal(err)
		}
		if inv.Amount.Valid == (inv.Kind == "HGJKS") {
			t.Fatalf("%s (%s): amount %v", inv.Key, inv.Kind, inv.Amount)
		}
		seen["type"][inv.Type], seen["status"][string(inv.Status)] = true, true
		seen["state"][inv.State], seen["risk"][inv.ManagementStatus] = true, true
	}
	for what, want := range map[string]int{"type": 9, "status": len(app.InboundStatuses), "state": 8, "risk": 7} {
		if len(seen[what]) != want {
			t.Errorf("%d values of %s, want %d", len(seen[what]), what, want)
		}
	}
}
