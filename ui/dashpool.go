package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// maxSegmentsShown bounds the card's list of segments: the newest matter,
// and the pool's years table has the totals.
const maxSegmentsShown = 6

// poolCard is the 预赋码号码池 card: how many numbers this year has left
// and for how long at the current rate, when the next download happens —
// or why one is needed now, with 立即补充 —, each year's numbers and the
// segments granted.
type poolCard struct {
	headline  *widget.Label
	outlook   *widget.Label
	next      *widget.Label
	replenish *widget.Button
	activity  *widget.Label // 立即补充's progress and outcome
	checkErr  *widget.Label // the scheduler's last failure
	newYear   *widget.Label
	pending   *widget.Label
	years     *fyne.Container
	segments  *fyne.Container
	card      *widget.Card
}

func newPoolCard(w *mainWindow) *poolCard {
	c := &poolCard{headline: widget.NewLabel(""), outlook: wrappingLabel(), next: wrappingLabel(),
		activity: wrappingLabel(), checkErr: wrappingLabel(), newYear: wrappingLabel(), pending: wrappingLabel(),
		years: container.NewGridWithColumns(4), segments: container.NewVBox()}
	c.headline.TextStyle.Bold = true
	c.headline.SizeName = theme.SizeNameSubHeadingText
	c.checkErr.Importance = widget.DangerImportance
	c.newYear.Importance = widget.WarningImportance
	c.newYear.TextStyle.Bold = true
	c.replenish = widget.NewButtonWithIcon(lang.X("dash.pool.replenish", "立即补充"), theme.DownloadIcon(), w.replenishNow)
	c.replenish.Importance = widget.HighImportance
	for _, l := range []*widget.Label{c.activity, c.checkErr, c.newYear, c.pending} {
		l.Hide()
	}
	segmentsTitle := captionLabel(lang.X("dash.pool.segments", "已领用的号码段"))
	segmentsTitle.TextStyle.Bold = true
	c.card = widget.NewCard(lang.X("dash.pool.title", "预赋码号码池"), "", container.NewVBox(
		c.headline, c.outlook, c.newYear,
		container.NewBorder(nil, nil, nil, c.replenish, c.next), c.activity, c.checkErr, c.pending,
		widget.NewSeparator(), c.years, widget.NewSeparator(), segmentsTitle, c.segments))
	return c
}

// wrappingLabel is a label whose text wraps at the card's width.
func wrappingLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

// show fills the card from the pool's status and the window's view of it;
// now is the pool service's clock.
func (c *poolCard) show(st *app.PoolStatus, v poolView, now time.Time) {
	c.headline.SetText(lang.X("dash.pool.remaining", "{{.Year}} 年度剩余 {{.Count}} 个号码",
		map[string]any{"Year": st.Year, "Count": groupedCount(st.Remaining)}))
	c.headline.Importance = widget.MediumImportance
	if st.NeedsMore {
		c.headline.Importance = widget.WarningImportance
	}
	c.headline.Refresh()
	c.outlook.SetText(poolOutlook(st, now))
	c.next.SetText(lang.X("dash.pool.auto", "低于阈值时自动下载(每小时检查)"))
	c.next.Importance = widget.MediumImportance
	if st.NeedsMore {
		c.next.SetText(lang.X("dash.pool.needs_more", "需要补充:{{.Why}}", map[string]any{"Why": st.Why}))
		c.next.Importance = widget.WarningImportance
	}
	c.next.Refresh()
	setLine(c.newYear, st.NewYearSoon, newYearWarning(st.Year))
	setLine(c.pending, st.Pending != nil, pendingText(st.Pending))
	if st.NeedsMore || st.Pending != nil || v.replenishing {
		c.replenish.Show()
	} else {
		c.replenish.Hide()
	}
	c.showActivity(v)
	c.showYears(st.Years)
	c.showSegments(st.Years)
}

// showActivity shows 立即补充's progress or outcome and the scheduler's
// last failure.
func (c *poolCard) showActivity(v poolView) {
	switch {
	case v.replenishing:
		c.replenish.SetText(lang.X("dash.pool.replenishing", "正在下载……"))
		c.replenish.Disable()
	case !v.startupDone:
		// The scheduler is downloading what is needed right now; a second
		// download beside it could ask for numbers twice.
		c.replenish.SetText(lang.X("dash.pool.checking", "正在自动检查……"))
		c.replenish.Disable()
	default:
		c.replenish.SetText(lang.X("dash.pool.replenish", "立即补充"))
		c.replenish.Enable()
	}
	text, importance := replenishText(v)
	setLine(c.activity, text != "", text)
	c.activity.Importance = importance
	c.activity.Refresh()
	setLine(c.checkErr, v.checkErr != nil, checkErrText(v))
}

// showYears is a small table: each year's remaining, used and expired
// numbers, newest first.
func (c *poolCard) showYears(years []app.YearPool) {
	head := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.TextStyle.Bold = true
		return l
	}
	objects := []fyne.CanvasObject{head(lang.X("dash.pool.year", "年度")), head(lang.X("dash.pool.col_remaining", "剩余")),
		head(lang.X("dash.pool.col_used", "已用")), head(lang.X("dash.pool.col_expired", "作废"))}
	for _, y := range years {
		objects = append(objects, widget.NewLabel(lang.X("dash.pool.year_n", "{{.Year}} 年度", map[string]any{"Year": y.Year})),
			widget.NewLabel(groupedCount(y.Remaining)), widget.NewLabel(groupedCount(y.Used)), widget.NewLabel(groupedCount(y.Expired)))
	}
	if len(years) == 0 {
		objects = append(objects, widget.NewLabel(lang.X("dash.pool.no_numbers", "尚无号码")))
	}
	c.years.Objects = objects
	c.years.Refresh()
}

// showSegments lists the segments, newest first: first – last, how many,
// when granted.
func (c *poolCard) showSegments(years []app.YearPool) {
	var segs []app.NumberSegment
	for _, y := range years {
		for i := len(y.Segments) - 1; i >= 0; i-- {
			segs = append(segs, y.Segments[i])
		}
	}
	var objects []fyne.CanvasObject
	for i, s := range segs {
		if i == maxSegmentsShown {
			objects = append(objects, smallLabel(lang.X("dash.pool.more_segments", "另有 {{.N}} 段未列出", map[string]any{"N": len(segs) - i})))
			break
		}
		objects = append(objects, smallLabel(lang.X("dash.pool.segment", "{{.First}} – {{.Last}} · {{.Count}} 个 · {{.At}} 领用",
			map[string]any{"First": s.First, "Last": s.Last, "Count": groupedCount(s.Count), "At": formatTime(s.GrantedAt)})))
	}
	if len(segs) == 0 {
		objects = append(objects, smallLabel(lang.X("dash.pool.no_segments", "尚未领用号码段;程序联网时会自动下载")))
	}
	c.segments.Objects = objects
	c.segments.Refresh()
}

// smallLabel is a label in the caption size, for the card's fine print.
func smallLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// setLine shows text on l when on, else hides l.
func setLine(l *widget.Label, on bool, text string) {
	if !on {
		l.Hide()
		return
	}
	l.SetText(text)
	l.Show()
}
