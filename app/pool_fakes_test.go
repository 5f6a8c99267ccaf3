package app

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

// memPool is an in-memory PoolStore.
type memPool struct {
	mu       sync.Mutex
	segments []NumberSegment
	numbers  []poolRow // in order of segment and offset
	pending  *PendingDownload
}

type poolRow struct {
	number  string
	year    int
	serial  string
	boundAt time.Time
	expired bool
}

func (m *memPool) PendingDownload(context.Context) (PendingDownload, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pending == nil {
		return PendingDownload{}, ErrNotFound
	}
	return *m.pending, nil
}

func (m *memPool) BeginDownload(_ context.Context, d PendingDownload) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pending = &d
	return nil
}

func (m *memPool) AddSegment(_ context.Context, seg *NumberSegment) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range m.segments {
		if s.Serial == seg.Serial {
			m.pending = nil
			return nil
		}
	}
	seg.ID = int64(len(m.segments) + 1)
	m.segments = append(m.segments, *seg)
	seg.Numbers(func(n string) error {
		m.numbers = append(m.numbers, poolRow{number: n, year: seg.Year})
		return nil
	})
	m.pending = nil
	return nil
}

func (m *memPool) TakeNumber(_ context.Context, year int, serial string, at time.Time) (PoolNumber, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.numbers {
		if r.serial == serial {
			return PoolNumber{Number: r.number, BoundAt: r.boundAt}, nil
		}
	}
	for i, r := range m.numbers {
		if r.year == year && r.serial == "" && !r.expired {
			m.numbers[i].serial, m.numbers[i].boundAt = serial, at
			return PoolNumber{Number: r.number, BoundAt: at}, nil
		}
	}
	return PoolNumber{}, ErrPoolEmpty
}

func (m *memPool) NumberOf(_ context.Context, serial string) (PoolNumber, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.numbers {
		if r.serial == serial {
			return PoolNumber{Number: r.number, BoundAt: r.boundAt}, nil
		}
	}
	return PoolNumber{}, ErrNotFound
}

func (m *memPool) ExpireBefore(_ context.Context, year int) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for i, r := range m.numbers {
		if r.year < year && r.serial == "" && !r.expired {
			m.numbers[i].expired = true
			n++
		}
	}
	return n, nil
}

func (m *memPool) PoolYears(context.Context) ([]YearPool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	byYear := map[int]*YearPool{}
	for _, r := range m.numbers {
		y := byYear[r.year]
		if y == nil {
			y = &YearPool{Year: r.year}
			byYear[r.year] = y
		}
		switch {
		case r.serial != "":
			y.Used++
		case r.expired:
			y.Expired++
		default:
			y.Remaining++
		}
	}
	for _, s := range m.segments {
		byYear[s.Year].Segments = append(byYear[s.Year].Segments, s)
	}
	var out []YearPool
	for _, y := range byYear {
		out = append(out, *y)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	return out, nil
}

// fakeSource grants consecutive segments of the clock's year, and answers
// the same segment for a serial asked before.
type fakeSource struct {
	mu      sync.Mutex
	now     func() time.Time
	next    map[int]int64
	granted map[string]NumberSegment
	calls   int
	fail    error
}

func (f *fakeSource) DownloadSegment(_ context.Context, quantity int, serial string) (NumberSegment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fail != nil {
		return NumberSegment{}, f.fail
	}
	if seg, ok := f.granted[serial]; ok {
		return seg, nil
	}
	if f.next == nil {
		f.next, f.granted = map[int]int64{}, map[string]NumberSegment{}
	}
	year := f.now().In(ChinaTime).Year()
	start := f.next[year] + 1
	f.next[year] += int64(quantity)
	seg, err := NewSegment(numberOf(year, start), numberOf(year, start+int64(quantity)-1))
	if err != nil {
		return seg, err
	}
	f.granted[serial] = seg
	return seg, nil
}

// numberOf is the 20-digit number of seq in year (province 11, channel 1).
func numberOf(year int, seq int64) string { return fmt.Sprintf("%02d111%015d", year%100, seq) }

// noStats is IssueStats with nothing issued, or the given counts.
type noStats struct{ perDay map[string]int64 }

func (s noStats) IssuedPerDay(_ context.Context, from, to time.Time) ([]DayIssued, error) {
	var out []DayIssued
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		out = append(out, DayIssued{Day: d, Count: s.perDay[d.Format("2006-01-02")]})
	}
	return out, nil
}
