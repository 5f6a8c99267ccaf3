package taxsync

import (
	"testing"

	"go.uber.org/goleak"
)

// No goroutine outlives the tests: a backoff's timer, a request abandoned
// on cancellation or a connection of a closed server would show here.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
