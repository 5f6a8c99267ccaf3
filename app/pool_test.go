package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func newPool(t *testing.T, at time.Time) (*PoolService, *memPool, *fakeSource, *clock) {
	c := &clock{t: at}
	store := &memPool{}
	src := &fakeSource{now: c.now}
	s := NewPoolService(src, store, noStats{}, "JRDW01", nil)
	s.Now = c.now
	s.Policy = PoolPolicy{MinCount: 5, Batch: 10}
	return s, store, src, c
}

func TestNewYearNeverUsesOldNumbers(t *testing.T) {
	s, store, _, c := newPool(t, time.Date(2026, 12, 31, 23, 59, 0, 0, ChinaTime))
	ctx := context.Background()
	old, err := s.Take(ctx, c.now(), "s1")
	if err != nil || !strings.HasPrefix(old.Number, "26") {
		t.Fatalf("on 31 Dec: %v %s", err, old.Number)
	}
	c.add(time.Minute) // 1 Jan 2027 00:00
	pn, err := s.Take(ctx, c.now(), "s2")
	if err != nil || !strings.HasPrefix(pn.Number, "27") {
		t.Fatalf("on 1 Jan: %v %s — an old-year number must never be used", err, pn.Number)
	}
	years, _ := store.PoolYears(ctx)
	for _, y := range years {
		if y.Year == 2026 && (y.Remaining != 0 || y.Expired != 9) {
			t.Errorf("2026 after New Year: %+v, want 9 expired, none remaining", y)
		}
	}
	// A retry of the December invoice keeps its number and its date.
	again, _ := s.Take(ctx, c.now(), "s1")
	if again.Number != old.Number || again.BoundAt.Year() != 2026 {
		t.Errorf("retry after New Year: %+v", again)
	}
}

func TestReplenishThresholdsAndPendingSerial(t *testing.T) {
	s, store, src, c := newPool(t, time.Date(2026, 6, 10, 9, 0, 0, 0, ChinaTime))
	ctx := context.Background()
	res, err := s.Replenish(ctx)
	if err != nil || res.Downloaded == nil || res.Downloaded.Count != 10 {
		t.Fatalf("an empty pool downloads: %+v %v", res, err)
	}
	if res, _ := s.Replenish(ctx); res.Downloaded != nil {
		t.Errorf("10 left, threshold 5: nothing to download, got %+v", res)
	}
	for i := 0; i < 6; i++ {
		s.Take(ctx, c.now(), fmt.Sprint("serial", i))
	}
	st, _ := s.Status(ctx)
	if !st.NeedsMore || st.Remaining != 4 {
		t.Fatalf("4 left: %+v", st)
	}
	// The answer is lost: the download stays pending, and the retry asks
	// under the same serial — the bureau grants once.
	src.fail = &ProviderError{Kind: KindTransient, Message: "超时"}
	if _, err := s.Replenish(ctx); err == nil {
		t.Fatal("a failed download must be reported")
	}
	pending, err := store.PendingDownload(ctx)
	if err != nil || !strings.HasPrefix(pending.Serial, "JRDW01") || strings.Count(pending.Serial, "JRDW01") != 1 {
		t.Fatalf("pending %+v %v", pending, err)
	}
	src.fail = nil
	res, err = s.Replenish(ctx)
	if err != nil || res.Downloaded == nil || res.Downloaded.Serial != pending.Serial {
		t.Fatalf("retry: %+v %v", res, err)
	}
	if len(store.segments) != 2 {
		t.Errorf("%d segments, want 2", len(store.segments))
	}
}

func TestPercentAndForecastThresholds(t *testing.T) {
	now := time.Date(2026, 6, 10, 9, 0, 0, 0, ChinaTime) // a Wednesday
	s, _, _, c := newPool(t, now)
	s.Policy = PoolPolicy{MinPercent: 50, Batch: 10}
	ctx := context.Background()
	s.Replenish(ctx)
	for i := 0; i < 6; i++ {
		s.Take(ctx, c.now(), fmt.Sprint("p", i))
	}
	if st, _ := s.Status(ctx); !st.NeedsMore || !strings.Contains(st.Why, "50%") {
		t.Errorf("4 of 10 left, threshold 50%%: %+v", st)
	}
	// Forecast: Thursdays issued up to 7 over the last 8 weeks; 4 left.
	perDay := map[string]int64{}
	for w := 1; w <= 8; w++ {
		perDay[now.AddDate(0, 0, 1-7*w).Format("2006-01-02")] = int64(w % 8)
	}
	s.stats = noStats{perDay: perDay}
	s.Policy = PoolPolicy{Forecast: true, Batch: 10}
	st, _ := s.Status(ctx)
	if st.Forecast != 7 || !st.NeedsMore || !strings.Contains(st.Why, "预计用量 7") {
		t.Errorf("forecast: %+v", st)
	}
	if NextWorkingDay(time.Date(2026, 6, 12, 18, 0, 0, 0, ChinaTime)).Weekday() != time.Monday {
		t.Error("the working day after a Friday is Monday")
	}
}

func TestNewYearSoonWarning(t *testing.T) {
	s, _, _, _ := newPool(t, time.Date(2026, 12, 1, 8, 0, 0, 0, ChinaTime))
	if st, _ := s.Status(context.Background()); !st.NewYearSoon {
		t.Error("from 1 December the dashboard warns about next year's numbers")
	}
	s2, _, _, _ := newPool(t, time.Date(2026, 11, 30, 8, 0, 0, 0, ChinaTime))
	if st, _ := s2.Status(context.Background()); st.NewYearSoon {
		t.Error("not in November")
	}
}

func TestSchedulerRunsAtOnceAndOnTicksThenStops(t *testing.T) {
	defer goleak.VerifyNone(t)
	s, store, src, _ := newPool(t, time.Date(2026, 6, 10, 9, 0, 0, 0, ChinaTime))
	tick := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.RunScheduler(ctx, func(time.Duration) (<-chan time.Time, func()) { return tick, func() {} }, time.Hour, nil)
		close(done)
	}()
	tick <- time.Now() // the start-up run has finished once the first tick is taken
	tick <- time.Now()
	cancel()
	<-done
	if src.calls != 1 || len(store.segments) != 1 {
		t.Errorf("downloads %d, segments %d: one at start-up, none after (the pool is above its threshold)", src.calls, len(store.segments))
	}
}

func TestPooledIssuerUploadsAndFollows(t *testing.T) {
	s, _, _, _ := newPool(t, time.Date(2026, 6, 10, 9, 0, 0, 0, ChinaTime))
	up := &fakeUploader{states: []UploadState{UploadProcessing, UploadAccepted}}
	p := NewPooledIssuer("乐企", s, up, nil)
	p.Poll = 0
	inv, _ := Prepare(seedDraft(), testSeller)
	inv.RequestSerial = "S1"
	res, err := p.Issue(context.Background(), inv)
	if err != nil || !strings.HasPrefix(res.Number, "26") || up.uploads != 1 {
		t.Fatalf("issue: %+v %v, uploads %d", res, err, up.uploads)
	}
	if got, err := p.Lookup(context.Background(), "S1"); err != nil || got.Number != res.Number {
		t.Errorf("lookup: %+v %v", got, err)
	}
	if _, err := p.Lookup(context.Background(), "never"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a serial without a number was never uploaded: %v", err)
	}
}

type fakeUploader struct {
	states  []UploadState
	uploads int
	queries int
	number  string
}

func (f *fakeUploader) Upload(_ context.Context, inv Invoice) (string, error) {
	f.uploads++
	f.number = inv.Number
	return "SL1", nil
}

func (f *fakeUploader) UploadResult(_ context.Context, _, number string) (UploadResult, error) {
	state := UploadAccepted
	if f.queries < len(f.states) {
		state = f.states[f.queries]
	}
	f.queries++
	return UploadResult{State: state, Number: number, IssuedAt: time.Now()}, nil
}

func TestFinishingAPendingDownloadTwice(t *testing.T) {
	// Two runs both see a pending download; the first finishes it, the
	// second must find nothing left to do — not start a download of 0.
	s, store, src, _ := newPool(t, time.Date(2026, 6, 10, 9, 0, 0, 0, ChinaTime))
	ctx := context.Background()
	store.BeginDownload(ctx, PendingDownload{Serial: "JRDW01" + "aa", Quantity: 10})
	if seg, err := s.download(ctx, 0); err != nil || seg == nil {
		t.Fatalf("first: %v %v", seg, err)
	}
	if seg, err := s.download(ctx, 0); err != nil || seg != nil {
		t.Fatalf("second: %v %v, want nothing to do", seg, err)
	}
	if src.calls != 1 {
		t.Errorf("%d downloads", src.calls)
	}
}
