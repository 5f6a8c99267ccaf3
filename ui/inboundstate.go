package ui

import (
	"context"

	"fapiao/app"
)

// inboundState is what the window keeps of the 进项发票 screen across a
// rebuild of its widgets (a language change): the clerk's filters and
// sort, and the sync — which runs on while the widgets are rebuilt.
type inboundState struct {
	filter inboundFilterValues
	sort   string // the store's sort name
	desc   bool

	syncStatus string             // the sync bar's choice of status; "" all
	syncing    bool               // a sync is under way
	cancelling bool               // 取消 was pressed; the sync is stopping
	cancel     context.CancelFunc // stops it
	progress   *app.SyncProgress  // its last page, nil before the first
	last       *app.SyncRun       // the latest run, as read at start or as the last sync left it
	cancelled  bool               // the last sync was cancelled
	err        error              // the last sync failed, and why
	runsErr    error              // the runs could not be read at start
}

// newInboundState starts newest first, as the store does by default.
func newInboundState() inboundState {
	return inboundState{sort: "billing_date", desc: true}
}

// unfinished reports whether the latest run stopped before its end, so
// that 继续 resumes it.
func (st *inboundState) unfinished() bool {
	return st.last != nil && st.last.EndedAt.IsZero()
}

// resumeRequest is the latest run's request: syncing it again resumes it
// where it stopped.
func (st *inboundState) resumeRequest() app.SyncRequest {
	r := st.last
	return app.SyncRequest{Statuses: r.Statuses, Period: r.Period, From: r.From, To: r.To}
}
