package store

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if a test leaves goroutines behind: a DB that was
// not closed keeps database/sql's connection openers running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
