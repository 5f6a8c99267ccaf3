package sandbox

import (
	"testing"
)

// filterCase is a status and the field rq_q/rq_z filter it on (seed 002:
// the check date for 11, 15 and 17, the billing date for the others).
var filterCases = []struct{ status, field string }{
	{"10", "billingDate"}, {"11", "checkDate"}, {"12", "billingDate"}, {"15", "checkDate"},
	{"16", "billingDate"}, {"17", "checkDate"}, {"40", "billingDate"},
}

func TestInboundDateFilters(t *testing.T) {
	t.Parallel()
	e := start(t)
	for _, c := range filterCases {
		full, _ := e.all(map[string]any{"rzzt": c.status}, 1000)
		if len(full) < 20 {
			t.Fatalf("status %s holds %d", c.status, len(full))
		}
		// A range between the dates a quarter and three quarters down the
		// list (newest first): it cuts through it, so a filter that does
		// nothing fails.
		to, from := full[len(full)/4].str(t, c.field), full[len(full)*3/4].str(t, c.field)
		if from == to {
			t.Fatalf("status %s: %s does not vary", c.status, c.field)
		}
		want := map[string]bool{}
		for _, inv := range full {
			if d := inv.str(t, c.field); d >= from && d <= to {
				want[inv.key(t)] = true
			}
		}
		got, count := e.all(map[string]any{"rzzt": c.status, "rq_q": from, "rq_z": to}, 37)
		if count != len(want) || len(got) != len(want) || len(want) == len(full) {
			t.Errorf("status %s, %s %s…%s: count %d, paged %d, want %d of %d", c.status, c.field, from, to,
				count, len(got), len(want), len(full))
		}
		for _, inv := range got {
			if !want[inv.key(t)] {
				t.Errorf("status %s: %s (%s %s) is outside %s…%s", c.status, inv.key(t), c.field, inv.str(t, c.field), from, to)
			}
		}
		// One open end: from only.
		if _, count := e.all(map[string]any{"rzzt": c.status, "rq_q": from}, 1000); count < len(want) || count == len(full) {
			t.Errorf("status %s from %s: count %d", c.status, from, count)
		}
	}
}

func TestInboundPeriodFilter(t *testing.T) {
	t.Parallel()
	e := start(t)
	// The current period's lists (11, 15) are wholly of 202603; the
	// unchecked ones belong to it too, and to no other.
	for _, status := range []string{"10", "11", "15", "16"} {
		all := e.plain(map[string]any{"rzzt": status, "pageSize": 1})
		this := e.plain(map[string]any{"rzzt": status, "skssq": "202603", "pageSize": 1})
		other := e.plain(map[string]any{"rzzt": status, "skssq": "202602", "pageSize": 1})
		if *this.Count != *all.Count || *other.Count != 0 || this.Skssq != "202603" {
			t.Errorf("status %s: %d in all, %d of 202603 (skssq %q), %d of 202602", status, *all.Count,
				*this.Count, this.Skssq, *other.Count)
		}
	}
	// Export rebates spread over a year: a period is a part of them, each
	// checked in it.
	full, _ := e.all(map[string]any{"rzzt": "17"}, 1000)
	byPeriod := map[string]int{}
	for _, inv := range full {
		byPeriod[inv.str(t, "deductiblePeriod")]++
	}
	got, count := e.all(map[string]any{"rzzt": "17", "skssq": "202510"}, 10)
	if count != byPeriod["202510"] || len(got) != count || count == 0 || len(byPeriod) < 12 {
		t.Errorf("17 of 202510: count %d, paged %d; the full list holds %d of it, in %d periods", count, len(got),
			byPeriod["202510"], len(byPeriod))
	}
	for _, inv := range got {
		if p, d := inv.str(t, "deductiblePeriod"), inv.str(t, "checkDate"); p != "202510" || d[:7] != "2025-10" {
			t.Errorf("17 of 202510 lists one of period %s checked %s", p, d)
		}
	}
}

func TestInboundCheckDateFilterOf11(t *testing.T) {
	t.Parallel()
	e := start(t)
	full, _ := e.all(map[string]any{"rzzt": "11"}, 1000)
	want := 0
	for _, inv := range full {
		if d := inv.str(t, "checkDate"); d >= "2026-03-05" && d <= "2026-03-09" {
			want++
		}
	}
	_, count := e.all(map[string]any{"rzzt": "11", "gxrq_q": "2026-03-05", "gxrq_z": "2026-03-09"}, 100)
	if count != want || want == 0 || want == len(full) {
		t.Errorf("gxrq 2026-03-05…09: %d, want %d of %d", count, want, len(full))
	}
	// For 11 rq_q is a check date too: the two ranges intersect.
	_, both := e.all(map[string]any{"rzzt": "11", "gxrq_q": "2026-03-05", "gxrq_z": "2026-03-09",
		"rq_q": "2026-03-08"}, 100)
	if both >= count || both == 0 {
		t.Errorf("gxrq 05…09 and rq_q 08: %d, gxrq alone %d", both, count)
	}
}
