package store

import (
	"context"
	"testing"
)

// benchSegmentSize is a big download: ten times the app's default batch.
const benchSegmentSize = 10_000

// BenchmarkPoolSegment10k stores a 10,000-number segment into a fresh
// database with AddSegment: one transaction, one prepared insert.
func BenchmarkPoolSegment10k(b *testing.B) {
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db, _ := openTemp(b)
		seg := newSegment(b, poolNumber(2025, 1), poolNumber(2025, benchSegmentSize), "YWLSH-bench")
		b.StartTimer()
		if err := db.AddSegment(ctx, &seg); err != nil {
			b.Fatal(err)
		}
	}
	reportNumbersPerSecond(b, benchSegmentSize)
}

// BenchmarkPoolSegment10kBaseline stores the same segment the way the
// seed document's script does: one INSERT per number, each its own
// (autocommit, so durable) transaction, on a connection with the writer's
// settings (WAL, synchronous FULL).
func BenchmarkPoolSegment10kBaseline(b *testing.B) {
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		raw := rawDatabase(b)
		seg := newSegment(b, poolNumber(2025, 1), poolNumber(2025, benchSegmentSize), "YWLSH-bench")
		b.StartTimer()
		res, err := raw.Exec(`INSERT INTO number_segments (first, last, count, year, serial, granted_at)
			VALUES (?, ?, ?, ?, ?, '2025-06-01T00:00:00.000000000Z')`, seg.First, seg.Last, seg.Count, seg.Year, seg.Serial)
		if err != nil {
			b.Fatal(err)
		}
		id, _ := res.LastInsertId()
		err = seg.Numbers(func(number string) error {
			_, err := raw.Exec(`INSERT INTO pool_numbers (number, segment_id, year) VALUES (?, ?, ?)`, number, id, seg.Year)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	reportNumbersPerSecond(b, benchSegmentSize)
}

func reportNumbersPerSecond(b *testing.B, perOp int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(perOp*b.N)/s, "numbers/s")
	}
}
