package store

import "testing"

func TestBenchInvoicesAreValid(t *testing.T) {
	invs := benchInvoices(t, 200)
	numbers := map[string]bool{}
	for _, inv := range invs {
		if len(inv.Lines) != 3 || numbers[inv.Number] || len(inv.Number) != 20 {
			t.Fatalf("bad bench invoice %+v", inv)
		}
		numbers[inv.Number] = true
	}
}
