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

// Numbers are 20-digit text: a segment crossing a power of ten must not
// sort 100… before 99…, and one crossing 18446744073709551615 (uint64's
// largest) must not wrap. Both are handed out in exact numeric order.
func TestSegmentsBeyondUint64AndAcrossAPowerOfTenComeOutInOrder(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	for _, c := range []struct {
		year        int
		first, last string
		want        []string
	}{
		{2025, "25440099999999999996", "25440100000000000003", []string{
			"25440099999999999996", "25440099999999999997", "25440099999999999998", "25440099999999999999",
			"25440100000000000000", "25440100000000000001", "25440100000000000002", "25440100000000000003"}},
		{2018, "18446744073709551613", "18446744073709551618", []string{
			"18446744073709551613", "18446744073709551614", "18446744073709551615",
			"18446744073709551616", "18446744073709551617", "18446744073709551618"}},
	} {
		seg := newSegment(t, c.first, c.last, "YWLSH-"+c.first)
		if err := db.AddSegment(ctx, &seg); err != nil {
			t.Fatalf("AddSegment(%s–%s): %v", c.first, c.last, err)
		}
		stored := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE segment_id = ?
			AND number BETWEEN ? AND ? AND length(number) = 20 AND year = ?`, seg.ID, c.first, c.last, c.year)
		if stored != int64(len(c.want)) {
			t.Errorf("%s–%s: %d rows stored as 20-digit text of %d, want %d", c.first, c.last, stored, c.year, len(c.want))
		}
		at := time.Date(c.year, 3, 1, 9, 0, 0, 0, app.ChinaTime)
		for i, want := range c.want {
			if got := take(t, db, c.year, fmt.Sprintf("S-%d-%d", c.year, i), at); got.Number != want {
				t.Fatalf("%s–%s: take %d gave %s, want %s", c.first, c.last, i, got.Number, want)
			}
		}
		if _, err := db.TakeNumber(ctx, c.year, "S-one-more", at); !errors.Is(err, app.ErrPoolEmpty) {
			t.Errorf("%s–%s exhausted: error %v, want ErrPoolEmpty", c.first, c.last, err)
		}
	}
}

func TestARetriedSegmentIsStoredOnce(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	begin(t, db, "YWLSH-1", 100)
	first := addSegment(t, db, 2025, 1, 100, "YWLSH-1")
	if first.ID == 0 || first.GrantedAt.IsZero() {
		t.Fatalf("AddSegment did not set ID and GrantedAt: %+v", first)
	}
	retry := newSegment(t, poolNumber(2025, 1), poolNumber(2025, 100), "YWLSH-1")
	retry.GrantedAt = first.GrantedAt.Add(time.Hour)
	if err := db.AddSegment(ctx, &retry); err != nil {
		t.Fatalf("the retry: %v", err)
	}
	if retry.ID != first.ID || !retry.GrantedAt.Equal(first.GrantedAt) {
		t.Errorf("the retry became %+v, want the stored %+v", retry, first)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM number_segments`); n != 1 {
		t.Errorf("%d segments after a retry", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers`); n != 100 {
		t.Errorf("%d numbers after a retry, want 100", n)
	}
	if _, err := db.PendingDownload(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the download is still pending: %v", err)
	}
}

func TestASerialCannotBeGrantedTwoRanges(t *testing.T) {
	db, _ := openTemp(t)
	addSegment(t, db, 2025, 1, 100, "YWLSH-1")
	other := newSegment(t, poolNumber(2025, 101), poolNumber(2025, 200), "YWLSH-1")
	err := db.AddSegment(context.Background(), &other)
	if err == nil || !strings.Contains(err.Error(), poolNumber(2025, 1)) || !strings.Contains(err.Error(), other.First) {
		t.Fatalf("a second range under one serial: error %v, want one naming both ranges", err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers`); n != 100 {
		t.Errorf("%d numbers stored, want 100", n)
	}
}

func TestAnOverlappingSegmentIsRefusedWhole(t *testing.T) {
	db, _ := openTemp(t)
	stored := addSegment(t, db, 2025, 100, 200, "YWLSH-1")
	for _, c := range []struct{ from, to int64 }{
		{50, 100}, {200, 300}, {150, 160}, {1, 1000},
	} {
		seg := newSegment(t, poolNumber(2025, c.from), poolNumber(2025, c.to), "YWLSH-new")
		err := db.AddSegment(context.Background(), &seg)
		if err == nil {
			t.Fatalf("%s–%s overlaps %s–%s and was stored", seg.First, seg.Last, stored.First, stored.Last)
		}
		for _, name := range []string{seg.First, seg.Last, stored.First, stored.Last} {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name %s", err, name)
			}
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers`); n != stored.Count {
		t.Errorf("%d numbers after refusals, want %d", n, stored.Count)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM number_segments`); n != 1 {
		t.Errorf("%d segments after refusals", n)
	}
	// Adjacent on both sides is not an overlap.
	addSegment(t, db, 2025, 99, 99, "YWLSH-before")
	addSegment(t, db, 2025, 201, 201, "YWLSH-after")
}

func TestASegmentThatDoesNotAddUpIsRefused(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	good := newSegment(t, poolNumber(2025, 1), poolNumber(2025, 10), "YWLSH-1")
	for name, seg := range map[string]app.NumberSegment{
		"count":  func() app.NumberSegment { s := good; s.Count = 11; return s }(),
		"year":   func() app.NumberSegment { s := good; s.Year = 2024; return s }(),
		"serial": func() app.NumberSegment { s := good; s.Serial = ""; return s }(),
		"range":  func() app.NumberSegment { s := good; s.Last = "2544100000000000000X"; return s }(),
	} {
		if err := db.AddSegment(ctx, &seg); err == nil {
			t.Errorf("%s: a segment with a wrong %s was stored", name, name)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers`); n != 0 {
		t.Errorf("%d numbers stored from refused segments", n)
	}
}
