package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"
)

// DefaultInboundPageSize is how many invoices a sync asks for per page.
const DefaultInboundPageSize = 500

// SyncRequest says what to sync: every status when Statuses is empty.
type SyncRequest struct {
	Statuses []InboundStatus
	Period   string
	From, To time.Time
}

func (r SyncRequest) statuses() []InboundStatus {
	if len(r.Statuses) == 0 {
		return InboundStatuses
	}
	return r.Statuses
}

// SyncProgress is reported after every stored page.
type SyncProgress struct {
	Run        SyncRun
	Status     InboundStatus // the status being synced
	StatusDone int           // statuses finished before it
	Statuses   int           // statuses in all
	Page       int           // the page just stored
	PageCount  int           // pages of this status, as far as the bureau said
	PerSecond  int64         // invoices stored per second since this run (re)started
}

// InboundService syncs the company's inbound invoices from the bureau
// (S000621) and answers the browser's queries.
type InboundService struct {
	source InboundSource
	store  InboundStore
	log    *slog.Logger

	Now      func() time.Time
	PageSize int
}

// NewInboundService wires the service. log may be nil.
func NewInboundService(source InboundSource, store InboundStore, log *slog.Logger) *InboundService {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &InboundService{source: source, store: store, log: log, Now: time.Now, PageSize: DefaultInboundPageSize}
}

// Sync fetches every page of every requested status and stores it,
// checkpointing the run after each page: an interrupted sync — cancelled,
// failed or crashed — resumes where it stopped when the same request is
// synced again, and pages stored twice change nothing. progress, if set,
// hears each page.
func (s *InboundService) Sync(ctx context.Context, req SyncRequest, progress func(SyncProgress)) (SyncRun, error) {
	run, err := s.runFor(ctx, req)
	if err != nil {
		return run, err
	}
	started, stored := s.Now(), 0
	statuses := req.statuses()
	for i := slices.Index(statuses, run.Current); i >= 0 && i < len(statuses); i++ {
		status := statuses[i]
		if status != run.Current {
			run.Current, run.NextPage = status, 1
		}
		for {
			page, err := s.fetch(ctx, req, status, run.NextPage)
			if err != nil {
				return s.interrupted(ctx, run, err)
			}
			res, err := s.store.UpsertInbound(ctx, page.Invoices, run.ID)
			if err != nil {
				return s.interrupted(ctx, run, err)
			}
			stored += len(page.Invoices)
			run.Pages++
			run.Invoices += len(page.Invoices)
			run.Inserted += res.Inserted
			run.Updated += res.Updated
			last := len(page.Invoices) == 0 || run.NextPage*s.pageSize() >= page.Count
			run.NextPage++
			if err := s.store.SaveSyncRun(context.WithoutCancel(ctx), &run); err != nil {
				return run, err
			}
			if progress != nil {
				progress(SyncProgress{Run: run, Status: status, StatusDone: i, Statuses: len(statuses),
					Page: run.NextPage - 1, PageCount: pageCount(page.Count, s.pageSize()),
					PerSecond: perSecond(stored, s.Now().Sub(started))})
			}
			if last {
				break
			}
		}
	}
	run.EndedAt, run.Error, run.Cancelled = s.Now(), "", false
	return run, s.store.SaveSyncRun(context.WithoutCancel(ctx), &run)
}

func (s *InboundService) pageSize() int {
	if s.PageSize > 0 {
		return s.PageSize
	}
	return DefaultInboundPageSize
}

func pageCount(count, size int) int { return (count + size - 1) / size }

func perSecond(n int, d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(n) * int64(time.Second) / int64(d)
}

func (s *InboundService) fetch(ctx context.Context, req SyncRequest, status InboundStatus, page int) (InboundPage, error) {
	return s.source.FetchInbound(ctx, InboundFetch{Status: status, Period: req.Period, From: req.From, To: req.To,
		Page: page, PageSize: s.pageSize()})
}

// runFor resumes the unfinished run of the same request, or starts one
// (ending an unfinished run of another request as superseded).
func (s *InboundService) runFor(ctx context.Context, req SyncRequest) (SyncRun, error) {
	old, err := s.store.UnfinishedSyncRun(ctx)
	switch {
	case err == nil && sameRequest(old, req):
		old.Error, old.Cancelled = "", false
		s.log.Info("inbound sync resumed", "run", old.ID, "status", string(old.Current), "page", old.NextPage)
		return old, nil
	case err == nil:
		old.EndedAt, old.Error = s.Now(), "被新的同步取代,未完成"
		if err := s.store.SaveSyncRun(ctx, &old); err != nil {
			return SyncRun{}, err
		}
	case !errors.Is(err, ErrNotFound):
		return SyncRun{}, err
	}
	statuses := req.statuses()
	run := SyncRun{Statuses: statuses, Period: req.Period, From: req.From, To: req.To, StartedAt: s.Now(),
		Current: statuses[0], NextPage: 1}
	return run, s.store.SaveSyncRun(ctx, &run)
}

func sameRequest(run SyncRun, req SyncRequest) bool {
	return slices.Equal(run.Statuses, req.statuses()) && run.Period == req.Period &&
		run.From.Equal(req.From) && run.To.Equal(req.To)
}

// interrupted records why a run stopped; it stays unfinished, to resume.
func (s *InboundService) interrupted(ctx context.Context, run SyncRun, cause error) (SyncRun, error) {
	run.Cancelled = errors.Is(cause, context.Canceled)
	run.Error = cause.Error()
	if err := s.store.SaveSyncRun(context.WithoutCancel(ctx), &run); err != nil {
		return run, errors.Join(cause, err)
	}
	if run.Cancelled {
		return run, fmt.Errorf("同步已取消,已同步 %d 张,下次从第 %d 页继续: %w", run.Invoices, run.NextPage, cause)
	}
	return run, fmt.Errorf("同步中断,已同步 %d 张,下次从第 %d 页继续: %w", run.Invoices, run.NextPage, cause)
}

// Query returns a page of stored inbound invoices.
func (s *InboundService) Query(ctx context.Context, q InboundQuery) ([]InboundInvoice, error) {
	return s.store.QueryInbound(ctx, q)
}

// Totals counts and sums what q matches.
func (s *InboundService) Totals(ctx context.Context, q InboundQuery) (InboundTotals, error) {
	return s.store.TotalInbound(ctx, q)
}

// Invoice returns one inbound invoice with its history.
func (s *InboundService) Invoice(ctx context.Context, key string) (InboundInvoice, []InboundChange, error) {
	return s.store.InboundByKey(ctx, key)
}

// Each streams what q matches, for export.
func (s *InboundService) Each(ctx context.Context, q InboundQuery, fn func(InboundInvoice) error) error {
	return s.store.EachInbound(ctx, q, fn)
}

// Runs lists the latest sync runs.
func (s *InboundService) Runs(ctx context.Context, limit int) ([]SyncRun, error) {
	return s.store.SyncRuns(ctx, limit)
}
