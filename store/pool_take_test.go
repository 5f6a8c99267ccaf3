package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

func TestConcurrentTakesBindEveryNumberOnceAndLoseNone(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	seg := addSegment(t, db, 2025, 1, 10_000, "YWLSH-concurrent")
	const workers, perWorker = 8, 1000

	got := make([][]string, workers)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				pn, err := db.TakeNumber(ctx, 2025, fmt.Sprintf("S-%d-%d", w, i), at2025)
				if err != nil {
					errs <- fmt.Errorf("worker %d, take %d: %w", w, i, err)
					return
				}
				got[w] = append(got[w], pn.Number)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	// The 8,000 lowest numbers, each handed out exactly once.
	seen := map[string]string{}
	for w := range got {
		for i, n := range got[w] {
			serial := fmt.Sprintf("S-%d-%d", w, i)
			if other, dup := seen[n]; dup {
				t.Fatalf("%s handed to both %s and %s", n, other, serial)
			}
			seen[n] = serial
		}
	}
	for i := range int64(workers * perWorker) {
		if _, ok := seen[seg.Nth(i)]; !ok {
			t.Fatalf("%s (offset %d) was skipped: %d numbers handed out", seg.Nth(i), i, len(seen))
		}
	}
	// Each goroutine's own numbers rise: it always got the lowest free one.
	for w := range got {
		for i := 1; i < len(got[w]); i++ {
			if got[w][i] <= got[w][i-1] {
				t.Fatalf("worker %d got %s after %s", w, got[w][i], got[w][i-1])
			}
		}
	}

	// The table agrees: 8,000 bound rows, 8,000 serials, each to the number
	// its caller was given.
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE serial IS NOT NULL`); n != workers*perWorker {
		t.Errorf("%d bound rows, want %d", n, workers*perWorker)
	}
	if n := countRows(t, db, `SELECT COUNT(DISTINCT serial) FROM pool_numbers`); n != workers*perWorker {
		t.Errorf("%d distinct serials, want %d", n, workers*perWorker)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers`); n != seg.Count {
		t.Errorf("%d rows in the pool, want %d", n, seg.Count)
	}
	for n, serial := range seen {
		if countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE number = ? AND serial = ?`, n, serial) != 1 {
			t.Fatalf("%s is not stored as bound to %s", n, serial)
		}
	}

	next := take(t, db, 2025, "S-next", at2025)
	if want := seg.Nth(workers * perWorker); next.Number != want {
		t.Errorf("next number %s, want %s", next.Number, want)
	}
}

func TestTheSameSerialGetsTheSameNumberAndTime(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	addSegment(t, db, 2025, 1, 10, "YWLSH-1")
	first := take(t, db, 2025, "S-retry", at2025)
	take(t, db, 2025, "S-other", at2025)

	// A retry after New Year: a later time, even a later year, changes nothing.
	again := take(t, db, 2026, "S-retry", at2025.AddDate(1, 0, 0))
	if again != first {
		t.Errorf("retry got %+v, first %+v", again, first)
	}
	if first.Number != poolNumber(2025, 1) || !first.BoundAt.Equal(at2025) {
		t.Errorf("first take %+v, want %s at %v", first, poolNumber(2025, 1), at2025)
	}
	byNumberOf, err := db.NumberOf(ctx, "S-retry")
	if err != nil || byNumberOf != first {
		t.Errorf("NumberOf = %+v, %v; want %+v", byNumberOf, err, first)
	}
	if _, err := db.NumberOf(ctx, "S-never"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("NumberOf(unknown) error %v, want ErrNotFound", err)
	}
}

func TestRacingTakesOfOneSerialBindOneNumber(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	addSegment(t, db, 2025, 1, 100, "YWLSH-1")
	const racers = 10
	got := make([]app.PoolNumber, racers)
	errs := make([]error, racers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			<-start
			// Each racer has its own time: only the winner's is kept.
			got[i], errs[i] = db.TakeNumber(ctx, 2025, "S-race", at2025.Add(time.Duration(i)*time.Second))
		})
	}
	close(start)
	wg.Wait()
	for i := range racers {
		if errs[i] != nil {
			t.Fatalf("racer %d: %v", i, errs[i])
		}
		if got[i] != got[0] {
			t.Errorf("racer %d got %+v, racer 0 %+v", i, got[i], got[0])
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE serial IS NOT NULL`); n != 1 {
		t.Errorf("%d numbers bound for one serial", n)
	}
	if got[0].Number != poolNumber(2025, 1) {
		t.Errorf("bound %s, want the lowest, %s", got[0].Number, poolNumber(2025, 1))
	}
}

func TestAnEmptyPoolSaysSo(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if _, err := db.TakeNumber(ctx, 2025, "S-1", at2025); !errors.Is(err, app.ErrPoolEmpty) {
		t.Fatalf("no segment: error %v, want ErrPoolEmpty", err)
	}
	addSegment(t, db, 2025, 1, 2, "YWLSH-1")
	take(t, db, 2025, "S-1", at2025)
	take(t, db, 2025, "S-2", at2025)
	if _, err := db.TakeNumber(ctx, 2025, "S-3", at2025); !errors.Is(err, app.ErrPoolEmpty) {
		t.Fatalf("all taken: error %v, want ErrPoolEmpty", err)
	}
	if _, err := db.NumberOf(ctx, "S-3"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("a failed take bound something: %v", err)
	}
}

func TestTakeNumberRefusesWhatCannotBeBound(t *testing.T) {
	db, _ := openTemp(t)
	addSegment(t, db, 2025, 1, 2, "YWLSH-1")
	for _, c := range []struct {
		serial string
		at     time.Time
		want   string
	}{
		{"", at2025, "流水号"},
		{strings.Repeat("9", app.MaxSerialLength+1), at2025, "超过"},
		{"S-1", time.Time{}, "开票时间"},
	} {
		if _, err := db.TakeNumber(context.Background(), 2025, c.serial, c.at); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("TakeNumber(%q, %v): error %v, want one saying %s", c.serial, c.at, err, c.want)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE serial IS NOT NULL`); n != 0 {
		t.Errorf("%d numbers bound by refused takes", n)
	}
}

// The lowest free number is one seek, and a serial's number another, even
// with a big pool: both queries must go through their partial index.
func TestTakesGoThroughThePartialIndexes(t *testing.T) {
	db, _ := openTemp(t)
	addSegment(t, db, 2025, 1, 10, "YWLSH-1")
	// ORDER BY number LIMIT 1 reads the index's first entry of the year:
	// no sort (TEMP B-TREE), no table lookup (COVERING).
	bind := queryPlan(t, db, sqlBindLowest, "S", "t", 2025)
	if !strings.Contains(bind, "COVERING INDEX pool_numbers_free (year=?)") || strings.Contains(bind, "TEMP B-TREE") {
		t.Errorf("the lowest free number is not one index seek:\n%s", bind)
	}
	bySerial := queryPlan(t, db, sqlNumberOfSerial, "S")
	if !strings.Contains(bySerial, "pool_numbers_serial (serial=?)") {
		t.Errorf("a serial's number is not an index seek:\n%s", bySerial)
	}
	expire := queryPlan(t, db, sqlExpireBefore, 2025)
	if !strings.Contains(expire, "pool_numbers_free (year<?)") {
		t.Errorf("expiring does not range over the free index:\n%s", expire)
	}
}
