package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// begin stores a pending download of quantity under serial.
func begin(t testing.TB, db *DB, serial string, quantity int) app.PendingDownload {
	t.Helper()
	d := app.PendingDownload{Serial: serial, Quantity: quantity, StartedAt: time.Date(2025, 6, 1, 8, 0, 0, 123, app.ChinaTime)}
	if err := db.BeginDownload(context.Background(), d); err != nil {
		t.Fatalf("BeginDownload(%s): %v", serial, err)
	}
	return d
}

func TestAPendingDownloadIsKeptUntilItsSegmentIsStored(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if _, err := db.PendingDownload(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("fresh database: error %v, want ErrNotFound", err)
	}
	want := begin(t, db, "YWLSH-1", 1000)
	got, err := db.PendingDownload(ctx)
	if err != nil || got.Serial != want.Serial || got.Quantity != want.Quantity || !got.StartedAt.Equal(want.StartedAt) {
		t.Fatalf("PendingDownload = %+v, %v; want %+v", got, err, want)
	}

	// Beginning it again is a retry; another serial is refused.
	begin(t, db, "YWLSH-1", 1000)
	err = db.BeginDownload(ctx, app.PendingDownload{Serial: "YWLSH-2", Quantity: 10})
	if err == nil || !strings.Contains(err.Error(), "YWLSH-1") || !strings.Contains(err.Error(), "YWLSH-2") {
		t.Errorf("a second download: error %v, want one naming both serials", err)
	}
	if got, _ := db.PendingDownload(ctx); got.Serial != "YWLSH-1" {
		t.Errorf("pending serial became %s", got.Serial)
	}

	// Another serial's segment leaves it pending; its own ends it.
	addSegment(t, db, 2025, 1, 10, "YWLSH-other")
	if _, err := db.PendingDownload(ctx); err != nil {
		t.Errorf("another serial's segment ended the download: %v", err)
	}
	addSegment(t, db, 2025, 11, 1010, "YWLSH-1")
	if _, err := db.PendingDownload(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("after its segment: error %v, want ErrNotFound", err)
	}
	begin(t, db, "YWLSH-2", 10)
}

func TestBeginDownloadRefusesWhatCannotBeAsked(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	for _, d := range []app.PendingDownload{
		{Serial: "", Quantity: 10},
		{Serial: "YWLSH-1", Quantity: 0},
		{Serial: "YWLSH-1", Quantity: app.MaxSegmentSize + 1},
	} {
		if err := db.BeginDownload(ctx, d); err == nil {
			t.Errorf("BeginDownload(%+v) succeeded", d)
		}
	}
	if _, err := db.PendingDownload(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("a refused download is pending: %v", err)
	}
}
