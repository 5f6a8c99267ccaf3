package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// PoolPolicy says when the pool is replenished: when any threshold it sets
// is crossed. Zero values turn a threshold off.
type PoolPolicy struct {
	MinCount   int64 // fewer unused numbers of the year than this
	MinPercent int   // fewer than this share of the last segment's size
	Forecast   bool  // fewer than the next working day is likely to use
	Batch      int   // how many to ask for at a time
}

// DefaultPoolPolicy keeps at least 100 numbers and a day's forecast, and
// asks for 1,000 at a time.
var DefaultPoolPolicy = PoolPolicy{MinCount: 100, Forecast: true, Batch: 1000}

// PoolStatus is what the dashboard shows of the pool.
type PoolStatus struct {
	Year        int             // the current year in China
	Years       []YearPool      // newest first
	Remaining   int64           // unused numbers of the current year
	DailyRate   decimal.Decimal // issued per day over the last 30 days
	DaysLeft    decimal.Decimal // Remaining / DailyRate, one decimal; 0 when nothing is issued
	Forecast    int64           // the next working day's likely use
	NeedsMore   bool            // a threshold is crossed: the next replenish will download
	Why         string          // which threshold, in Chinese
	NewYearSoon bool            // from 1 December: next year's numbers will be needed
	Pending     *PendingDownload
}

// PoolService keeps the pre-assigned number pool above its thresholds,
// hands out numbers by the year rule (a number of year YY only on an
// invoice dated 20YY), and lets old years' unused numbers expire.
type PoolService struct {
	source NumberSource
	store  PoolStore
	stats  IssueStats
	log    *slog.Logger

	Policy   PoolPolicy
	Now      func() time.Time
	Jrdwptbh string // the platform number each business serial starts with

	replenishing sync.Mutex
}

// NewPoolService wires the service. log may be nil.
func NewPoolService(source NumberSource, store PoolStore, stats IssueStats, jrdwptbh string, log *slog.Logger) *PoolService {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &PoolService{source: source, store: store, stats: stats, log: log,
		Policy: DefaultPoolPolicy, Now: time.Now, Jrdwptbh: jrdwptbh}
}

// Take binds a number usable on an invoice dated at to serial — or returns
// the one bound to serial before, with the time it was bound. A number of
// year YY only goes on an invoice dated 20YY; when that year has none left
// the pool is replenished once, then ErrPoolEmpty.
func (s *PoolService) Take(ctx context.Context, at time.Time, serial string) (PoolNumber, error) {
	if pn, err := s.store.NumberOf(ctx, serial); err == nil {
		return pn, nil
	}
	year := at.In(ChinaTime).Year()
	if _, err := s.store.ExpireBefore(ctx, year); err != nil {
		return PoolNumber{}, err
	}
	pn, err := s.store.TakeNumber(ctx, year, serial, at)
	if !errors.Is(err, ErrPoolEmpty) {
		return pn, err
	}
	if _, rerr := s.download(ctx, s.batch()); rerr != nil {
		return PoolNumber{}, fmt.Errorf("%d年度的预赋码已用完,下载新号码段失败: %w", year, rerr)
	}
	return s.store.TakeNumber(ctx, year, serial, at)
}

// Status reports the pool for the dashboard, without asking the bureau.
func (s *PoolService) Status(ctx context.Context) (PoolStatus, error) {
	now := s.Now().In(ChinaTime)
	st := PoolStatus{Year: now.Year(), NewYearSoon: now.Month() == time.December}
	years, err := s.store.PoolYears(ctx)
	if err != nil {
		return st, err
	}
	st.Years = years
	for _, y := range years {
		if y.Year == st.Year {
			st.Remaining = y.Remaining
		}
	}
	if st.DailyRate, st.Forecast, err = s.usage(ctx, now); err != nil {
		return st, err
	}
	if st.DailyRate.IsPositive() {
		st.DaysLeft = decimal.NewFromInt(st.Remaining).DivRound(st.DailyRate, 1)
	}
	st.NeedsMore, st.Why = s.threshold(st, lastSegmentSize(years, st.Year))
	if p, err := s.store.PendingDownload(ctx); err == nil {
		st.Pending = &p
	}
	return st, nil
}

func lastSegmentSize(years []YearPool, year int) int64 {
	for _, y := range years {
		if y.Year == year && len(y.Segments) > 0 {
			return y.Segments[len(y.Segments)-1].Count
		}
	}
	return 0
}

// threshold says whether and why the pool needs numbers now.
func (s *PoolService) threshold(st PoolStatus, lastSegment int64) (bool, string) {
	p := s.Policy
	switch {
	case st.Remaining == 0:
		return true, "本年度没有可用号码"
	case p.MinCount > 0 && st.Remaining < p.MinCount:
		return true, fmt.Sprintf("剩余 %d 个,低于阈值 %d", st.Remaining, p.MinCount)
	case p.MinPercent > 0 && lastSegment > 0 && st.Remaining*100 < lastSegment*int64(p.MinPercent):
		return true, fmt.Sprintf("剩余 %d 个,低于上一号码段(%d 个)的 %d%%", st.Remaining, lastSegment, p.MinPercent)
	case p.Forecast && st.Remaining < st.Forecast:
		return true, fmt.Sprintf("剩余 %d 个,少于下一个工作日预计用量 %d", st.Remaining, st.Forecast)
	}
	return false, ""
}

// usage is the issuing rate over the last 30 days and the forecast for the
// next working day: the most issued on that weekday over the last 8 weeks.
func (s *PoolService) usage(ctx context.Context, now time.Time) (rate decimal.Decimal, forecast int64, err error) {
	today := startOfDay(now)
	days, err := s.stats.IssuedPerDay(ctx, today.AddDate(0, 0, -56), today.AddDate(0, 0, 1))
	if err != nil {
		return decimal.Zero, 0, err
	}
	next := NextWorkingDay(now)
	var last30 int64
	for _, d := range days {
		if !d.Day.Before(today.AddDate(0, 0, -29)) {
			last30 += d.Count
		}
		if d.Day.Weekday() == next.Weekday() && d.Day.Before(today.AddDate(0, 0, 1)) && d.Count > forecast {
			forecast = d.Count
		}
	}
	return decimal.NewFromInt(last30).DivRound(decimal.NewFromInt(30), 1), forecast, nil
}

// NextWorkingDay is the next day after t that is not a Saturday or Sunday
// (public holidays are not known to the app).
func NextWorkingDay(t time.Time) time.Time {
	d := startOfDay(t.In(ChinaTime)).AddDate(0, 0, 1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func startOfDay(t time.Time) time.Time {
	t = t.In(ChinaTime)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, ChinaTime)
}

// ReplenishResult says what a replenish did.
type ReplenishResult struct {
	Expired    int64          // old years' numbers expired
	Downloaded *NumberSegment // nil when no threshold was crossed
	Why        string
}

// Replenish expires the past years' unused numbers, finishes a download a
// crash or a lost answer left pending (same serial), and downloads a
// segment when a threshold is crossed. The scheduler and `fapiao pool
// replenish` run it.
func (s *PoolService) Replenish(ctx context.Context) (ReplenishResult, error) {
	var res ReplenishResult
	year := s.Now().In(ChinaTime).Year()
	expired, err := s.store.ExpireBefore(ctx, year)
	if err != nil {
		return res, err
	}
	res.Expired = expired
	if _, err := s.store.PendingDownload(ctx); err == nil {
		seg, err := s.download(ctx, 0)
		res.Downloaded, res.Why = seg, "完成上次未完成的下载(沿用同一业务流水号)"
		return res, err
	}
	st, err := s.Status(ctx)
	if err != nil {
		return res, err
	}
	if !st.NeedsMore {
		return res, nil
	}
	res.Why = st.Why
	res.Downloaded, err = s.download(ctx, s.batch())
	return res, err
}

func (s *PoolService) batch() int {
	if s.Policy.Batch > 0 {
		return s.Policy.Batch
	}
	return DefaultPoolPolicy.Batch
}

// download asks for a segment: under the pending download's serial when
// there is one (quantity is then ignored), else under a new serial stored
// before the request. One download at a time.
func (s *PoolService) download(ctx context.Context, quantity int) (*NumberSegment, error) {
	s.replenishing.Lock()
	defer s.replenishing.Unlock()
	pending, err := s.store.PendingDownload(ctx)
	switch {
	case errors.Is(err, ErrNotFound) && quantity == 0:
		// Asked to finish a pending download that another run (the
		// scheduler, a click) finished while this one waited for the lock.
		return nil, nil
	case errors.Is(err, ErrNotFound):
		pending = PendingDownload{Serial: NewBusinessSerial(s.Jrdwptbh), Quantity: quantity, StartedAt: s.Now()}
		if err := s.store.BeginDownload(ctx, pending); err != nil {
			return nil, fmt.Errorf("记录下载请求失败,未下载: %w", err)
		}
	case err != nil:
		return nil, err
	}
	seg, err := s.source.DownloadSegment(ctx, pending.Quantity, pending.Serial)
	if err != nil {
		return nil, err
	}
	seg.Serial = pending.Serial
	if err := s.store.AddSegment(context.WithoutCancel(ctx), &seg); err != nil {
		return nil, fmt.Errorf("保存号码段 %s–%s 失败,下次将用同一流水号重新获取: %w", seg.First, seg.Last, err)
	}
	s.log.Info("number segment stored", "first", seg.First, "last", seg.Last, "count", seg.Count, "ywlsh", seg.Serial)
	return &seg, nil
}

// RunScheduler replenishes now and then every interval until ctx ends,
// logging (and handing onError, if set) what fails. It runs on the
// caller's goroutine.
func (s *PoolService) RunScheduler(ctx context.Context, tick TickFunc, interval time.Duration, onError func(error)) {
	run := func() {
		if _, err := s.Replenish(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("pool replenish failed", "err", err)
			if onError != nil {
				onError(err)
			}
		}
	}
	run()
	ticks, stop := tick(interval)
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
			run()
		}
	}
}
