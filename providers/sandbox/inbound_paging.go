package sandbox

import (
	"math"
	"sort"

	"fapiao/app"
)

// dayRange is the dates from … to, both included; open ends are the
// extreme days.
type dayRange struct{ from, to civilDay }

var anyDay = dayRange{from: math.MinInt32, to: math.MaxInt32}

// intersect is the dates in both ranges.
func (r dayRange) intersect(o dayRange) dayRange {
	return dayRange{from: max(r.from, o.from), to: min(r.to, o.to)}
}

func (r dayRange) isAny() bool { return r == anyDay }

// inboundFilter is what a query narrows a list by.
type inboundFilter struct {
	dates  dayRange // rq_q … rq_z, on filterDay
	checks dayRange // gxrq_q … gxrq_z, on the check date (11 only)
	period string   // skssq, yyyyMM; "" for any
	first  civilDay // the period's first and last day
	last   civilDay
}

// inboundSpan is positions from … to−1 of a run that a query matches.
type inboundSpan struct {
	run      inboundRun
	from, to int
}

// spans lists what the query matches of status, run by run: O(runs × log n)
// date computations, no invoice made.
func (c *inboundCatalog) spans(status app.InboundStatus, f inboundFilter) []inboundSpan {
	var out []inboundSpan
	for _, r := range c.runsOf(status) {
		if sp := c.narrow(r, f); sp.to > sp.from {
			out = append(out, sp)
		}
	}
	return out
}

// narrow finds the stretch of r the filter lets through. The period filters
// a checked list by check date; an unchecked list belongs to the current
// period as a whole.
func (c *inboundCatalog) narrow(r inboundRun, f inboundFilter) inboundSpan {
	from, to := narrowDays(r.from, r.to, func(j int) civilDay { return c.filterDay(r, j) }, f.dates)
	checks := f.checks
	switch {
	case f.period == "":
	case isCheckedList(r.listed):
		checks = checks.intersect(dayRange{from: f.first, to: f.last})
	case f.period != c.today.period():
		return inboundSpan{run: r}
	}
	if isCheckedList(r.listed) {
		from, to = narrowDays(from, to, func(j int) civilDay { day, _ := c.checkDay(r, j); return day }, checks)
	}
	return inboundSpan{run: r, from: from, to: to}
}

// narrowDays narrows positions lo … hi−1, along which day never increases, to
// those whose day lies in rng, by binary search.
func narrowDays(lo, hi int, day func(int) civilDay, rng dayRange) (int, int) {
	if rng.isAny() || hi <= lo {
		return lo, hi
	}
	first := lo + sort.Search(hi-lo, func(k int) bool { return day(lo+k) <= rng.to })
	end := lo + sort.Search(hi-lo, func(k int) bool { return day(lo+k) < rng.from })
	return first, max(first, end)
}

// spanTotal is how many positions the spans hold.
func spanTotal(spans []inboundSpan) int {
	n := 0
	for _, sp := range spans {
		n += sp.to - sp.from
	}
	return n
}

// inboundPos is one invoice of a page: a run and a position in its block.
type inboundPos struct {
	run inboundRun
	j   int
}

// pageOf is page (from 1) of size positions across the spans, found
// without walking the positions before it.
func pageOf(spans []inboundSpan, page, size int) []inboundPos {
	if page-1 > spanTotal(spans)/size {
		return nil // past the end, however large the page number
	}
	skip := (page - 1) * size
	var out []inboundPos
	for _, sp := range spans {
		n := sp.to - sp.from
		if skip >= n {
			skip -= n
			continue
		}
		for j := sp.from + skip; j < sp.to && len(out) < size; j++ {
			out = append(out, inboundPos{run: sp.run, j: j})
		}
		skip = 0
		if len(out) == size {
			break
		}
	}
	return out
}
