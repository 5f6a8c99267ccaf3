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

// grantingSource grants consecutive segments of the clock's year and, as
// the bureau does, answers a serial asked before with the segment it
// granted under it. loseAnswers makes it grant and then fail, as a
// timeout after the bureau committed would.
type grantingSource struct {
	now         func() time.Time
	next        map[int]int64
	granted     map[string]app.NumberSegment
	loseAnswers bool
}

func (s *grantingSource) DownloadSegment(_ context.Context, quantity int, serial string) (app.NumberSegment, error) {
	seg, ok := s.granted[serial]
	if !ok {
		year := s.now().In(app.ChinaTime).Year()
		first := s.next[year] + 1
		s.next[year] += int64(quantity)
		var err error
		if seg, err = app.NewSegment(poolNumber(year, first), poolNumber(year, s.next[year])); err != nil {
			return seg, err
		}
		s.granted[serial] = seg
	}
	if s.loseAnswers {
		return app.NumberSegment{}, errors.New("读取应答超时")
	}
	return seg, nil
}

// The app's pool service on the real store: a lost answer is retried
// under the same serial and stored once; after New Year the old year's
// numbers expire and are never handed out; a retried old invoice keeps
// its number and date.
func TestThePoolServiceOnTheStore(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2025, 12, 31, 23, 0, 0, 0, app.ChinaTime)
	clock := func() time.Time { return now }
	src := &grantingSource{now: clock, next: map[int]int64{}, granted: map[string]app.NumberSegment{}}
	svc := app.NewPoolService(src, db, db, "JRDW01", nil)
	svc.Now, svc.Policy = clock, app.PoolPolicy{MinCount: 5, Batch: 20}

	src.loseAnswers = true
	if _, err := svc.Replenish(ctx); err == nil {
		t.Fatal("a lost answer must be reported")
	}
	pending, err := db.PendingDownload(ctx)
	if err != nil || !strings.HasPrefix(pending.Serial, "JRDW01") || pending.Quantity != 20 {
		t.Fatalf("after the lost answer: pending %+v, %v", pending, err)
	}
	src.loseAnswers = false
	res, err := svc.Replenish(ctx)
	if err != nil || res.Downloaded == nil || res.Downloaded.Serial != pending.Serial || res.Downloaded.ID == 0 {
		t.Fatalf("the retry: %+v, %v", res, err)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM number_segments`); n != 1 || len(src.granted) != 1 {
		t.Fatalf("%d segments stored, %d granted; want one of each", n, len(src.granted))
	}

	december, err := svc.Take(ctx, now, "S-december")
	if err != nil || december.Number != poolNumber(2025, 1) {
		t.Fatalf("on 31 December: %+v, %v", december, err)
	}
	now = now.Add(2 * time.Hour) // 1 January 2026, 01:00
	january, err := svc.Take(ctx, now, "S-january")
	if err != nil || january.Number != poolNumber(2026, 1) {
		t.Fatalf("on 1 January: %+v, %v; want the first number of a new 2026 segment", january, err)
	}
	again, err := svc.Take(ctx, now, "S-december")
	if err != nil || again != december {
		t.Errorf("the December invoice retried in January: %+v, %v; want %+v", again, err, december)
	}

	st, err := svc.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Years) != 2 || st.Years[0].Year != 2026 || st.Remaining != 19 {
		t.Fatalf("status: %+v", st)
	}
	if y := st.Years[1]; y.Year != 2025 || y.Used != 1 || y.Expired != 19 || y.Remaining != 0 {
		t.Errorf("2025 after New Year: %+v", y)
	}
	for i := range 19 {
		if _, err := svc.Take(ctx, now, fmt.Sprintf("S-more-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE serial IS NOT NULL AND year = 2025`); n != 1 {
		t.Errorf("%d numbers of 2025 bound, want only December's", n)
	}
}
