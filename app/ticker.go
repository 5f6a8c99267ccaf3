package app

import "time"

// TickFunc starts a ticker: the channel it ticks on and the function that
// stops it. Pollers take one so tests can drive them without waiting.
type TickFunc func(interval time.Duration) (tick <-chan time.Time, stop func())

// RealTicker is time.NewTicker as a TickFunc.
func RealTicker(interval time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(interval)
	return t.C, t.Stop
}
