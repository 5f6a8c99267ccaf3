package sandbox

import (
	"hash/fnv"
	"time"

	"fapiao/app"
)

// A company's inbound invoices are numbered 0 … InboundCount−1 (the index)
// and never stored: invoice i is a pure function of the company, i and the
// sandbox's date, made up when a page asks for it. Each status owns a fixed
// share of the index range (its block), so a page of a status is a slice of
// indexes found in O(1), whatever the count. Within a block the dates only
// ever get older as the position grows, so a date or period filter is a
// sub-range found by binary search, never a scan.

// inboundShares are the statuses' shares of every company's index range,
// in percent, in block order.
var inboundShares = [...]struct {
	status  app.InboundStatus
	percent int
}{
	{app.InboundUnchecked, 40},
	{app.InboundChecked, 20},
	{app.InboundExportDomestic, 2},
	{app.InboundNotDeductible, 5},
	{app.InboundNotDue, 5},
	{app.InboundExportRebate, 3},
	{app.InboundPastPeriods, 25},
}

// inboundBlock is the indexes lo … lo+n−1, generated as status.
type inboundBlock struct {
	status app.InboundStatus
	lo, n  int
}

// inboundBlocks splits count indexes by the shares.
func inboundBlocks(count int) []inboundBlock {
	blocks := make([]inboundBlock, 0, len(inboundShares))
	cum := 0
	for _, sh := range inboundShares {
		lo := count * cum / 100
		cum += sh.percent
		blocks = append(blocks, inboundBlock{status: sh.status, lo: lo, n: count*cum/100 - lo})
	}
	return blocks
}

// blockOf finds the block of status.
func blockOf(blocks []inboundBlock, status app.InboundStatus) inboundBlock {
	for _, b := range blocks {
		if b.status == status {
			return b
		}
	}
	return inboundBlock{status: status}
}

// inboundCheck is one CheckInbound: count more unchecked invoices checked at.
type inboundCheck struct {
	count int
	at    time.Time
}

// inboundRun is positions from … to−1 of a block, listed under one status:
// a block's own invoices, or unchecked ones a CheckInbound checked (at is
// then when).
type inboundRun struct {
	listed   app.InboundStatus
	block    inboundBlock
	from, to int
	at       time.Time // zero for a block's own
}

// moved reports whether the run was checked by CheckInbound.
func (r inboundRun) moved() bool { return !r.at.IsZero() }

// inboundCatalog is one company's inbound invoices as of one day.
type inboundCatalog struct {
	taxID string
	seed  uint64   // of the company: every draw starts from it and the index
	today civilDay // the sandbox's date; every date is relative to it
	now   time.Time
	runs  []inboundRun
}

// newInboundCatalog lays out count invoices of taxID at now, with the
// checks CheckInbound recorded applied.
func newInboundCatalog(taxID string, count int, now time.Time, checks []inboundCheck) *inboundCatalog {
	c := &inboundCatalog{taxID: taxID, seed: companySeed(taxID), today: dayOf(now), now: now}
	blocks := inboundBlocks(count)
	moved := c.movedRuns(blockOf(blocks, app.InboundUnchecked), checks)
	for _, b := range blocks {
		own := inboundRun{listed: b.status, block: b, to: b.n}
		if b.status == app.InboundUnchecked {
			own.from = min(checkedCount(checks), b.n)
		}
		c.runs = append(c.runs, own)
		for _, r := range moved {
			if r.listed == b.status {
				c.runs = append(c.runs, r)
			}
		}
	}
	return c
}

// movedRuns turns the checks into runs of the unchecked block, first
// positions first. A check of this month lists its invoices as checked this
// period (11); one of an earlier month, when the clock has moved on, as a
// past period's (40).
func (c *inboundCatalog) movedRuns(unchecked inboundBlock, checks []inboundCheck) []inboundRun {
	var runs []inboundRun
	from := 0
	for _, ch := range checks {
		to := min(from+ch.count, unchecked.n)
		if to <= from {
			break
		}
		listed := app.InboundChecked
		if dayOf(ch.at).period() != c.today.period() {
			listed = app.InboundPastPeriods
		}
		runs = append(runs, inboundRun{listed: listed, block: unchecked, from: from, to: to, at: ch.at})
		from = to
	}
	return runs
}

// checkedCount is how many unchecked invoices the checks asked to check.
func checkedCount(checks []inboundCheck) int {
	n := 0
	for _, ch := range checks {
		n += ch.count
	}
	return n
}

// runsOf lists the runs of status, in list order.
func (c *inboundCatalog) runsOf(status app.InboundStatus) []inboundRun {
	var out []inboundRun
	for _, r := range c.runs {
		if r.listed == status {
			out = append(out, r)
		}
	}
	return out
}

// companySeed makes the company's draws its own and the same on every run.
func companySeed(taxID string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte("S000621/" + taxID))
	return h.Sum64()
}
