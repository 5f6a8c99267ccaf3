package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"fapiao/app"
)

func TestPendingSurvivesCloseAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fapiao.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want := pendingInvoice(t, db, "S-crash", richDraft())
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	assertPendingSurvived(t, path, want)
}

// crashEnv tells the test binary, run again as a child, to store a pending
// invoice and exit without closing anything, as a crash would.
const crashEnv = "FAPIAO_STORE_CRASH_DB"

func TestPendingSurvivesAProcessThatDiesWithoutClosing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fapiao.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("the child left no WAL behind, so it did not die mid-way: %v", err)
	}
	want := prepareDraft(t, richDraft())
	want.RequestSerial, want.Status, want.Provider = "S-crash", app.StatusPending, "沙箱"
	assertPendingSurvived(t, path, want)
}

// TestCrashChild is the child of the test above; it does nothing when run
// on its own.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("only runs as the child of TestPendingSurvivesAProcessThatDiesWithoutClosing")
	}
	db, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	pendingInvoice(t, db, "S-crash", richDraft())
	os.Exit(0) // no Close, no checkpoint
}

func assertPendingSurvived(t *testing.T, path string, want app.Invoice) {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	got, err := db.InvoiceBySerial(ctx, want.RequestSerial)
	if err != nil {
		t.Fatalf("after reopening: %v", err)
	}
	if got.Status != app.StatusPending {
		t.Errorf("status %s", got.Status)
	}
	assertSameLines(t, got.Lines, want.Lines)
	if !got.Total.Equal(want.Total) {
		t.Errorf("total %s, want %s", got.Total, want.Total)
	}
	open, err := db.OpenOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 1 || open[0].Serial != want.RequestSerial || len(open[0].Request) == 0 {
		t.Errorf("open outbox after reopening: %+v", open)
	}
}
