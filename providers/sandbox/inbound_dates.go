package sandbox

import (
	"time"

	"fapiao/app"
)

// How far back the dates of each list reach, in days. Together they
// spread billing dates over the last 13 months.
// Thirteen months are at least 393 days; every billing date stays within.
const (
	uncheckedSpanDays = 390 // 未勾选, 出口转内销: billed over the last 13 months
	notDueSpanDays    = 45  // 未到期: billed lately
	checkedLagDays    = 330 // 当期已勾选, 不抵扣: billed up to 11 months before checking
	rebateSpanDays    = 365 // 出口退税: checked over the last year
	pastLagDays       = 14  // 出口退税, 往期: billed up to two weeks before checking
)

// Every date below is a non-increasing function of the position in its
// block: the lists run from the newest to the oldest, and a date range is
// a contiguous stretch of positions.

// spread is the j-th of n equal steps across span days: 0 at j = 0,
// growing towards span.
func spread(j, n, span int) civilDay {
	if n <= 0 || span <= 0 {
		return 0
	}
	return civilDay(j * span / n)
}

// billingDay is when position j of run r was billed. A run CheckInbound
// checked keeps the dates it had on the day it was checked: once checked,
// an invoice no longer follows the clock, so it stays billed before it was
// checked and in the period it was checked in, however far the clock moves.
func (c *inboundCatalog) billingDay(r inboundRun, j int) civilDay {
	b := r.block
	switch b.status {
	case app.InboundUnchecked, app.InboundExportDomestic:
		return c.listDay(r) - spread(j, b.n, uncheckedSpanDays)
	case app.InboundNotDue:
		return c.today - spread(j, b.n, notDueSpanDays)
	case app.InboundChecked, app.InboundNotDeductible:
		return c.blockCheckDay(b, j) - spread(j, b.n, checkedLagDays)
	}
	return c.blockCheckDay(b, j) - spread(j, b.n, pastLagDays)
}

// listDay is the day a run's dates count back from: today, or for a run
// CheckInbound checked the day it was checked.
func (c *inboundCatalog) listDay(r inboundRun) civilDay {
	if r.moved() {
		return dayOf(r.at)
	}
	return c.today
}

// blockCheckDay is when position j of a checked block (11, 15, 17, 40) was
// checked: this month for the current period's lists, over the last year
// for export rebates, from a year ago to the end of last month for past
// periods.
func (c *inboundCatalog) blockCheckDay(b inboundBlock, j int) civilDay {
	switch b.status {
	case app.InboundChecked, app.InboundNotDeductible:
		return c.today - spread(j, b.n, int(c.today-c.today.monthStart()))
	case app.InboundExportRebate:
		return c.today - spread(j, b.n, rebateSpanDays)
	}
	end := c.today.monthStart() - 1
	return end - spread(j, b.n, int(end-c.today.yearBefore()))
}

// isCheckedList reports whether a list shows checked invoices, with a
// check date and a period.
func isCheckedList(status app.InboundStatus) bool {
	switch status {
	case app.InboundChecked, app.InboundNotDeductible, app.InboundExportRebate, app.InboundPastPeriods:
		return true
	}
	return false
}

// checkDay is when position j of run r was checked; false when its list is
// of unchecked invoices. One checked by CheckInbound was checked that day.
func (c *inboundCatalog) checkDay(r inboundRun, j int) (civilDay, bool) {
	switch {
	case r.moved():
		return dayOf(r.at), true
	case isCheckedList(r.listed):
		return c.blockCheckDay(r.block, j), true
	}
	return 0, false
}

// checkMoment is the check date with a time of day: CheckInbound's own
// moment, or the drawn clock, never later than now.
func (c *inboundCatalog) checkMoment(r inboundRun, day civilDay, clock time.Duration) time.Time {
	if r.moved() && day == dayOf(r.at) {
		return r.at.In(app.ChinaTime).Truncate(time.Second)
	}
	at := day.at(clock)
	if now := c.now.In(app.ChinaTime).Truncate(time.Second); at.After(now) {
		return now
	}
	return at
}

// filterDay is the date rq_q/rq_z filter position j of run r on: the check
// date in the lists seed 002 names (11, 15, 17), the billing date in the
// others.
func (c *inboundCatalog) filterDay(r inboundRun, j int) civilDay {
	switch r.listed {
	case app.InboundChecked, app.InboundNotDeductible, app.InboundExportRebate:
		day, _ := c.checkDay(r, j)
		return day
	}
	return c.billingDay(r, j)
}
