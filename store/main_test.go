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
//
// The million-invoice database of the inbound benchmarks is removed at
// the end of the run.
func TestMain(m *testing.M) {
	if path := os.Getenv(segmentChildEnv); path != "" {
		os.Exit(storeBigSegment(path))
	}
	goleak.VerifyTestMain(removingBenchFiles{m})
}

// removingBenchFiles runs the tests and benchmarks, then removes the
// files the benchmarks share (see open1M).
type removingBenchFiles struct{ m *testing.M }

func (r removingBenchFiles) Run() int {
	defer removeBench1M()
	return r.m.Run()
}
