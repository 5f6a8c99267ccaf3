package ui

import "fyne.io/fyne/v2/lang"

// showPool shows in the status bar what the clerk must know of the number
// pool wherever they are: that the scheduler failed, and in December that
// New Year needs the program online.
func (b *statusBar) showPool(v poolView) {
	setLine(b.poolError, v.checkErr != nil, checkErrText(v))
	newYear := v.status != nil && v.status.NewYearSoon
	setLine(b.newYear, newYear, "")
	if newYear {
		b.newYear.SetText(newYearWarning(v.status.Year))
	}
	if b.poolError.Visible() || b.newYear.Visible() {
		b.session.Show()
	}
}

// newYearWarning is December's warning: on 1 January the year's unused
// numbers expire and next year's must be downloaded, which the scheduler
// does only if the program runs and is online that day.
func newYearWarning(year int) string {
	return lang.X("pool.new_year", "元旦后 {{.Year}} 年度未用号码作废,需下载 {{.Next}} 年度号码;请确保元旦当天程序联网",
		map[string]any{"Year": year, "Next": year + 1})
}
