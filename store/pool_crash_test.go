package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"fapiao/app"
)

// segmentChildEnv tells the test binary, run again as a child, to store
// the big segment in the database at its value (see TestMain).
const segmentChildEnv = "FAPIAO_STORE_SEGMENT_CHILD_DB"

// The child's segment: a million numbers, seconds of inserting, so the
// parent can kill it in the middle of its transaction.
const (
	bigSegmentSerial = "YWLSH-killed"
	bigSegmentSize   = 1_000_000
)

func bigSegment() (app.NumberSegment, error) {
	seg, err := app.NewSegment(poolNumber(2025, 1), poolNumber(2025, bigSegmentSize))
	seg.Serial = bigSegmentSerial
	return seg, err
}

// storeBigSegment is the child's whole life: open, store the segment, and
// exit without closing. It returns the exit code.
func storeBigSegment(path string) int {
	db, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	seg, err := bigSegment()
	if err == nil {
		err = db.AddSegment(context.Background(), &seg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 4
	}
	return 0
}

// walGrowth is how much the child's WAL must grow before it is killed:
// far more than opening writes (nothing), and reached only once the
// transaction's pages no longer fit SQLite's cache and spill to the WAL.
const walGrowth = 1 << 20

func TestAKilledDownloadLeavesAllOrNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fapiao.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	begin(t, db, bigSegmentSerial, bigSegmentSize)
	earlier := addSegment(t, db, 2025, 2_000_001, 2_000_010, "YWLSH-earlier")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	killMidTransaction(t, path)

	db, err = Open(path)
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	defer db.Close()
	assertAllOrNothing(t, db, earlier)
}

// killMidTransaction runs the child on path and kills it (SIGKILL) once
// its WAL has grown by walGrowth: in the middle of AddSegment's
// transaction, which commits only at the end.
func killMidTransaction(t *testing.T, path string) {
	t.Helper()
	base := int64(0)
	if fi, err := os.Stat(path + "-wal"); err == nil {
		base = fi.Size()
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), segmentChildEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	poll := time.NewTicker(time.Millisecond)
	defer poll.Stop()
	deadline := time.After(30 * time.Second)
	for grown := false; !grown; {
		select {
		case err := <-exited:
			t.Fatalf("the child ended before it was killed (%v): %s", err, stderr.String())
		case <-deadline:
			_ = cmd.Process.Kill()
			<-exited
			t.Fatalf("the child's WAL did not grow by %d bytes in 30 s", walGrowth)
		case <-poll.C:
			fi, err := os.Stat(path + "-wal")
			grown = err == nil && fi.Size() > base+walGrowth
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("kill: %v", err)
	}
	var exit *exec.ExitError
	if err := <-exited; !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Fatalf("the child was not killed by the signal but ended with %v: %s", err, stderr.String())
	}
}

// assertAllOrNothing checks the reopened database: the killed segment is
// stored whole with its segment row and no pending download, or not at
// all with its download still pending; what was stored before is intact.
func assertAllOrNothing(t *testing.T, db *DB, earlier app.NumberSegment) {
	t.Helper()
	ctx := context.Background()
	var check string
	if err := db.reader.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %s %v", check, err)
	}
	numbers := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers JOIN number_segments ON segment_id = id
		WHERE number_segments.serial = ?`, bigSegmentSerial)
	inRange := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE number BETWEEN ? AND ?`,
		poolNumber(2025, 1), poolNumber(2025, bigSegmentSize))
	segments := countRows(t, db, `SELECT COUNT(*) FROM number_segments WHERE serial = ?`, bigSegmentSerial)
	_, pendingErr := db.PendingDownload(ctx)
	t.Logf("after the kill: %d numbers, %d segment rows, pending: %v", numbers, segments, pendingErr)

	switch {
	case segments == 0 && numbers == 0 && inRange == 0:
		if pendingErr != nil {
			t.Errorf("the segment is not stored, yet its download is no longer pending: %v", pendingErr)
		}
		// Any stray number of the killed segment would be lower than these.
		if got := take(t, db, 2025, "S-after", at2025); got.Number != earlier.First {
			t.Errorf("first number after the kill %s, want %s", got.Number, earlier.First)
		}
	case segments == 1 && numbers == bigSegmentSize && inRange == bigSegmentSize:
		if !errors.Is(pendingErr, app.ErrNotFound) {
			t.Errorf("the segment is stored, yet its download is still pending: %v", pendingErr)
		}
	default:
		t.Fatalf("half a segment: %d segment rows, %d numbers (%d in its range)", segments, numbers, inRange)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM pool_numbers WHERE segment_id = ?`, earlier.ID); n != earlier.Count {
		t.Errorf("the earlier segment has %d numbers, want %d", n, earlier.Count)
	}
}
