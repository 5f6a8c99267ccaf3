package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fapiao/app"
)

// poolNumber is the seq-th number of year in Guangdong (44), channel 1.
func poolNumber(year int, seq int64) string { return fmt.Sprintf("%02d441%015d", year%100, seq) }

// newSegment is the range first–last granted under serial, counted by
// the app, failing the test when the app refuses it.
func newSegment(t testing.TB, first, last, serial string) app.NumberSegment {
	t.Helper()
	seg, err := app.NewSegment(first, last)
	if err != nil {
		t.Fatalf("NewSegment(%s, %s): %v", first, last, err)
	}
	seg.Serial = serial
	return seg
}

// addSegment stores the numbers from..to of year under serial.
func addSegment(t testing.TB, db *DB, year int, from, to int64, serial string) app.NumberSegment {
	t.Helper()
	seg := newSegment(t, poolNumber(year, from), poolNumber(year, to), serial)
	if err := db.AddSegment(context.Background(), &seg); err != nil {
		t.Fatalf("AddSegment(%s–%s): %v", seg.First, seg.Last, err)
	}
	return seg
}

// take binds a number of year to serial, failing the test on error.
func take(t testing.TB, db *DB, year int, serial string, at time.Time) app.PoolNumber {
	t.Helper()
	pn, err := db.TakeNumber(context.Background(), year, serial, at)
	if err != nil {
		t.Fatalf("TakeNumber(%d, %s): %v", year, serial, err)
	}
	return pn
}

// countRows runs a COUNT query on the reader pool: the tests check the
// store's answers against the table itself.
func countRows(t testing.TB, db *DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.reader.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// at2025 is a time in 2025, China time.
var at2025 = time.Date(2025, 6, 1, 10, 0, 0, 0, app.ChinaTime)
