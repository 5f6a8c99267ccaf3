package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"fapiao/app"
)

// fullSyncRun has every field set, times with nanoseconds.
func fullSyncRun() app.SyncRun {
	start := time.Date(2025, 6, 1, 9, 15, 30, 123456789, app.ChinaTime)
	return app.SyncRun{
		Statuses: []app.InboundStatus{app.InboundUnchecked, app.InboundChecked, app.InboundPastPeriods},
		Period:   "202505", From: chinaDate(2025, 5, 1), To: chinaDate(2025, 5, 31),
		StartedAt: start, EndedAt: start.Add(90 * time.Second), Current: app.InboundChecked, NextPage: 3,
		Pages: 12, Invoices: 1150, Inserted: 1000, Updated: 17, Error: "第3页: 连接超时", Cancelled: true,
	}
}

func assertSameRun(t *testing.T, got, want app.SyncRun) {
	t.Helper()
	for _, pair := range [][2]*time.Time{{&got.From, &want.From}, {&got.To, &want.To},
		{&got.StartedAt, &want.StartedAt}, {&got.EndedAt, &want.EndedAt}} {
		if !pair[0].Equal(*pair[1]) {
			t.Errorf("time %v, want %v", *pair[0], *pair[1])
		}
		*pair[0], *pair[1] = time.Time{}, time.Time{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("run differs:\n got %+v\nwant %+v", got, want)
	}
}

func TestSyncRunRoundTrip(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	run := fullSyncRun()
	if err := db.SaveSyncRun(ctx, &run); err != nil {
		t.Fatal(err)
	}
	if run.ID == 0 {
		t.Fatal("no ID set")
	}
	runs, err := db.SyncRuns(ctx, 10)
	if err != nil || len(runs) != 1 {
		t.Fatalf("SyncRuns: %d runs, %v", len(runs), err)
	}
	assertSameRun(t, runs[0], run)

	// Updated in place, by ID.
	run.NextPage, run.Pages, run.Error, run.Cancelled, run.Statuses = 4, 13, "", false, nil
	if err := db.SaveSyncRun(ctx, &run); err != nil {
		t.Fatal(err)
	}
	runs, _ = db.SyncRuns(ctx, 10)
	if len(runs) != 1 {
		t.Fatalf("%d runs after an update, want 1", len(runs))
	}
	assertSameRun(t, runs[0], run)
}

func TestUnfinishedSyncRunIsTheNewestNotEnded(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if _, err := db.UnfinishedSyncRun(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("empty store: %v, want ErrNotFound", err)
	}
	var runs []app.SyncRun
	for i, ended := range []bool{false, false, true} {
		run := app.SyncRun{Statuses: app.InboundStatuses, Current: app.InboundStatuses[i], NextPage: i + 1}
		if ended {
			run.EndedAt = time.Now()
		}
		if err := db.SaveSyncRun(ctx, &run); err != nil {
			t.Fatal(err)
		}
		if run.StartedAt.IsZero() {
			t.Error("StartedAt not set on insert")
		}
		runs = append(runs, run)
	}
	got, err := db.UnfinishedSyncRun(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assertSameRun(t, got, runs[1])

	for _, r := range runs[:2] {
		r.EndedAt = time.Now()
		if err := db.SaveSyncRun(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.UnfinishedSyncRun(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("all ended: %v, want ErrNotFound", err)
	}
	newest, _ := db.SyncRuns(ctx, 2)
	if len(newest) != 2 || newest[0].ID != runs[2].ID || newest[1].ID != runs[1].ID {
		t.Errorf("SyncRuns(2) = %d runs, want the two newest, newest first", len(newest))
	}
}

func TestSavingAnUnknownSyncRunFails(t *testing.T) {
	db, _ := openTemp(t)
	run := fullSyncRun()
	run.ID = 42
	if err := db.SaveSyncRun(context.Background(), &run); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("error %v, want ErrNotFound", err)
	}
}
