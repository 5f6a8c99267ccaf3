package app

import (
	"context"
	"errors"
	"time"

	"github.com/shopspring/decimal"
)

// ErrPoolEmpty says no unused number of the year is left.
var ErrPoolEmpty = errors.New("没有可用的预赋码")

// PendingDownload is a segment download begun but not known to have
// finished: its business serial (ywlsh) is stored before the request, so a
// retry after a crash or a lost answer asks under the same serial and the
// bureau grants once.
type PendingDownload struct {
	Serial    string    `json:"serial"`
	Quantity  int       `json:"quantity"`
	StartedAt time.Time `json:"started_at"`
}

// PoolNumber is a number bound to an invoice's serial, and when: the
// invoice is dated then, even when its upload is retried later (an invoice
// of the old year may still be uploaded after New Year).
type PoolNumber struct {
	Number  string
	BoundAt time.Time
}

// YearPool is one year's numbers.
type YearPool struct {
	Year      int
	Remaining int64 // unused and still usable
	Used      int64
	Expired   int64 // left unused when the year ended
	Segments  []NumberSegment
}

// PoolStore keeps the number pool.
type PoolStore interface {
	// PendingDownload returns the unfinished download; ErrNotFound when none.
	PendingDownload(ctx context.Context) (PendingDownload, error)
	// BeginDownload stores d before its request is sent.
	BeginDownload(ctx context.Context, d PendingDownload) error
	// AddSegment stores seg (setting its ID) with every one of its numbers,
	// and ends the pending download of seg.Serial, in one transaction: a
	// crash leaves all of it or none. A segment already stored under the
	// same serial is not stored twice.
	AddSegment(ctx context.Context, seg *NumberSegment) error
	// TakeNumber binds the lowest unused number of year to serial at time
	// at and returns it, or returns the number already bound to serial with
	// the time it was bound. It is atomic: no number is ever bound twice.
	// ErrPoolEmpty when none is left.
	TakeNumber(ctx context.Context, year int, serial string, at time.Time) (PoolNumber, error)
	// NumberOf returns the number bound to serial; ErrNotFound when none.
	NumberOf(ctx context.Context, serial string) (PoolNumber, error)
	// ExpireBefore marks the unused numbers of years before year expired
	// and returns how many.
	ExpireBefore(ctx context.Context, year int) (int64, error)
	// PoolYears reports every year's numbers, newest year first.
	PoolYears(ctx context.Context) ([]YearPool, error)
}

// DayIssued is what was issued on one China day.
type DayIssued struct {
	Day    time.Time // midnight, China time
	Count  int64
	Amount decimal.Decimal // Σ total including tax (red invoices subtract)
}

// IssueStats reports issuing per day, for the dashboard and the forecast.
type IssueStats interface {
	// IssuedPerDay returns one entry per day from from (inclusive) to to
	// (exclusive), China days, days without invoices included with zeros.
	IssuedPerDay(ctx context.Context, from, to time.Time) ([]DayIssued, error)
}

// NumberSource is a provider that grants number segments (Leqi QDFPPLFM).
type NumberSource interface {
	// DownloadSegment asks for quantity numbers under the business serial
	// (ywlsh). Asked again under the same serial, the bureau grants nothing
	// new: it answers the segment it granted.
	DownloadSegment(ctx context.Context, quantity int, serial string) (NumberSegment, error)
}

// UploadState is where an uploaded invoice stands at the bureau.
type UploadState int

// Upload states (CXQDFPSCJG).
const (
	UploadProcessing UploadState = iota + 1 // 处理中
	UploadAccepted                          // 成功: the invoice is issued
	UploadRejected                          // 失败: refused, with a reason
)

// UploadResult is what the bureau says of an uploaded invoice.
type UploadResult struct {
	State    UploadState
	Number   string
	IssuedAt time.Time
	Message  string // the reason of a rejection
}

// Uploader is a provider that takes invoices the company numbered itself
// (Leqi QDFPSC, CXQDFPSCJG).
type Uploader interface {
	// Upload sends inv (with its pre-assigned Number and IssuedAt) and
	// returns the bureau's ticket (受理流水号 sllsh).
	Upload(ctx context.Context, inv Invoice) (ticket string, err error)
	// UploadResult asks what became of an upload, by ticket, or by the
	// invoice number when the ticket was lost.
	UploadResult(ctx context.Context, ticket, number string) (UploadResult, error)
}
