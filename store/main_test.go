package store

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if a test leaves goroutines behind: a DB that was
// not closed keeps database/sql's connection openers running.
//
// Run with segmentChildEnv set, the test binary is instead the child
// process of TestAKilledDownloadLeavesAllOrNothing: it stores a big
// segment until its parent kills it.
func TestMain(m *testing.M) {
	if path := os.Getenv(segmentChildEnv); path != "" {
		os.Exit(storeBigSegment(path))
	}
	goleak.VerifyTestMain(m)
}
