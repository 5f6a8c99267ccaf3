package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// A number of year YY only goes on an invoice of 20YY: after New Year the
// old year's unused numbers expire, its bound ones stay with their
// invoices, and no take ever crosses years.
func TestTheYearRule(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	old := addSegment(t, db, 2024, 1, 10, "YWLSH-2024")
	// Granted in this order: the higher range first.
	newB := addSegment(t, db, 2025, 101, 105, "YWLSH-2025-B")
	newA := addSegment(t, db, 2025, 1, 3, "YWLSH-2025-A")
	at2024 := time.Date(2024, 12, 31, 23, 0, 0, 0, app.ChinaTime)
	bound2024 := []app.PoolNumber{take(t, db, 2024, "S-old-1", at2024), take(t, db, 2024, "S-old-2", at2024)}
	for i := range 3 {
		if got := take(t, db, 2025, fmt.Sprintf("S-new-%d", i), at2025); got.Number != newA.Nth(int64(i)) {
			t.Errorf("take %d of 2025 gave %s, want %s", i, got.Number, newA.Nth(int64(i)))
		}
	}
	for i := range 5 {
		if got := take(t, db, 2025, fmt.Sprintf("S-newer-%d", i), at2025); got.Number != newB.Nth(int64(i)) {
			t.Errorf("take %d of 2025's second segment gave %s, want %s", i, got.Number, newB.Nth(int64(i)))
		}
	}
	// 2025 is used up while 2024 still has 8: none of them is handed out.
	if pn, err := db.TakeNumber(ctx, 2025, "S-2025-more", at2025); !errors.Is(err, app.ErrPoolEmpty) {
		t.Fatalf("2025 used up: got %+v, %v; want ErrPoolEmpty", pn, err)
	}

	expired, err := db.ExpireBefore(ctx, 2025)
	if err != nil || expired != 8 {
		t.Fatalf("ExpireBefore(2025) = %d, %v; want 8", expired, err)
	}
	if again, err := db.ExpireBefore(ctx, 2025); err != nil || again != 0 {
		t.Errorf("expiring again = %d, %v; want 0", again, err)
	}
	for i, want := range bound2024 {
		got, err := db.NumberOf(ctx, fmt.Sprintf("S-old-%d", i+1))
		if err != nil || got != want {
			t.Errorf("bound 2024 number after expiry: %+v, %v; want %+v", got, err, want)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE serial IS NOT NULL AND expired = 1`); n != 0 {
		t.Errorf("%d bound numbers expired", n)
	}
	if _, err := db.TakeNumber(ctx, 2024, "S-late", at2024); !errors.Is(err, app.ErrPoolEmpty) {
		t.Errorf("an expired number was handed out: %v", err)
	}
	// The retry of an old year's invoice still gets its number.
	if got := take(t, db, 2025, "S-old-1", at2025); got != bound2024[0] {
		t.Errorf("retry of a 2024 invoice got %+v, want %+v", got, bound2024[0])
	}

	assertPoolYears(t, db, []app.YearPool{
		{Year: 2025, Remaining: 0, Used: 8, Expired: 0, Segments: []app.NumberSegment{newB, newA}},
		{Year: 2024, Remaining: 0, Used: 2, Expired: 8, Segments: []app.NumberSegment{old}},
	})
}

func TestPoolYearsCountsWhatTheTableHolds(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if years, err := db.PoolYears(ctx); err != nil || len(years) != 0 {
		t.Fatalf("empty pool: %+v, %v", years, err)
	}
	s23 := addSegment(t, db, 2023, 1, 50, "YWLSH-2023")
	s24 := addSegment(t, db, 2024, 1, 40, "YWLSH-2024")
	s26 := addSegment(t, db, 2026, 1, 30, "YWLSH-2026")
	for i := range 7 {
		take(t, db, 2023, fmt.Sprintf("S-23-%d", i), time.Date(2023, 5, 1, 0, 0, 0, 0, app.ChinaTime))
	}
	for i := range 4 {
		take(t, db, 2026, fmt.Sprintf("S-26-%d", i), time.Date(2026, 5, 1, 0, 0, 0, 0, app.ChinaTime))
	}
	if _, err := db.ExpireBefore(ctx, 2024); err != nil {
		t.Fatal(err)
	}
	want := []app.YearPool{
		{Year: 2026, Remaining: 26, Used: 4, Segments: []app.NumberSegment{s26}},
		{Year: 2024, Remaining: 40, Segments: []app.NumberSegment{s24}},
		{Year: 2023, Used: 7, Expired: 43, Segments: []app.NumberSegment{s23}},
	}
	assertPoolYears(t, db, want)
	// The same figures counted row by row.
	for _, y := range want {
		used := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE year = ? AND serial IS NOT NULL`, y.Year)
		expired := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE year = ? AND expired = 1`, y.Year)
		free := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE year = ? AND serial IS NULL AND expired = 0`, y.Year)
		if used != y.Used || expired != y.Expired || free != y.Remaining {
			t.Errorf("%d in the table: used %d expired %d free %d; want %+v", y.Year, used, expired, free, y)
		}
	}
}

func assertPoolYears(t *testing.T, db *DB, want []app.YearPool) {
	t.Helper()
	got, err := db.PoolYears(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("PoolYears gave %d years, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Year != w.Year || g.Remaining != w.Remaining || g.Used != w.Used || g.Expired != w.Expired {
			t.Errorf("year %d: %d remaining, %d used, %d expired; want %+v", g.Year, g.Remaining, g.Used, g.Expired, w)
		}
		if len(g.Segments) != len(w.Segments) {
			t.Errorf("year %d: %d segments, want %d", g.Year, len(g.Segments), len(w.Segments))
			continue
		}
		for j, ws := range w.Segments {
			gs := g.Segments[j]
			if gs.ID != ws.ID || gs.First != ws.First || gs.Last != ws.Last || gs.Count != ws.Count ||
				gs.Year != ws.Year || gs.Serial != ws.Serial || !gs.GrantedAt.Equal(ws.GrantedAt) {
				t.Errorf("year %d segment %d: %+v, want %+v", g.Year, j, gs, ws)
			}
		}
	}
}

// PoolYears counts in the partial indexes, never in the table's rows.
func TestPoolYearsReadsOnlyIndexes(t *testing.T) {
	db, _ := openTemp(t)
	for _, q := range []struct{ query, index string }{
		{sqlRemainingPerYear, "COVERING INDEX pool_numbers_free"},
		{sqlExpiredPerYear, "COVERING INDEX pool_numbers_expired"},
	} {
		if plan := queryPlan(t, db, q.query); !strings.Contains(plan, q.index) || strings.Contains(plan, "SCAN pool_numbers;") {
			t.Errorf("%s\nplan: %s", q.query, plan)
		}
	}
}
