package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// poolOutlook says how long this year's numbers last at the rate of the
// last 30 days, and what the next working day is likely to use.
func poolOutlook(st *app.PoolStatus, now time.Time) string {
	next := lang.X("dash.pool.forecast", "下一个工作日({{.Day}})预计开具 {{.N}} 张",
		map[string]any{"Day": dayName(app.NextWorkingDay(now), now), "N": groupedCount(st.Forecast)})
	if !st.DailyRate.IsPositive() {
		return lang.X("dash.pool.idle", "近30天未开具发票;{{.Next}}", map[string]any{"Next": next})
	}
	return lang.X("dash.pool.rate", "近30天日均 {{.Rate}} 张,约可用 {{.Days}} 天;{{.Next}}",
		map[string]any{"Rate": st.DailyRate.String(), "Days": st.DaysLeft.String(), "Next": next})
}

// pendingText says that a download was begun and not known to finish: the
// next check finishes it under the same serial, so nothing is granted
// twice. The serial itself is in the log; a clerk has no use for it.
func pendingText(p *app.PendingDownload) string {
	if p == nil {
		return ""
	}
	return lang.X("dash.pool.pending", "有一次下载未完成,下次检查时以同一业务流水号完成,税局不会重复发放")
}

// replenishText is 立即补充's progress or outcome, and how to show it;
// empty when the clerk has not pressed it.
func replenishText(v poolView) (string, widget.Importance) {
	switch {
	case v.replenishing:
		return lang.X("dash.pool.downloading", "正在向税局下载号码段……"), widget.MediumImportance
	case v.replenishErr != nil:
		return lang.X("dash.pool.replenish_failed", "补充失败:{{.Error}}", map[string]any{"Error": v.replenishErr.Error()}),
			widget.DangerImportance
	case v.result == nil:
		return "", widget.MediumImportance
	case v.result.Downloaded != nil:
		s := v.result.Downloaded
		return lang.X("dash.pool.downloaded", "已下载号码段 {{.First}} – {{.Last}}({{.Count}} 个)",
			map[string]any{"First": s.First, "Last": s.Last, "Count": groupedCount(s.Count)}), widget.SuccessImportance
	}
	return lang.X("dash.pool.not_needed", "无需下载:号码未低于阈值"), widget.MediumImportance
}

// checkErrText is the scheduler's last failure, with when it happened.
func checkErrText(v poolView) string {
	if v.checkErr == nil {
		return ""
	}
	return lang.X("dash.pool.check_failed", "{{.At}} 号码池自动检查失败:{{.Error}}",
		map[string]any{"At": clock(v.checkAt), "Error": v.checkErr.Error()})
}
