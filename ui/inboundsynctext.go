package ui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// syncText is what the sync bar says, and how loudly.
func syncText(st *inboundState) (string, widget.Importance) {
	switch {
	case st.syncing && st.cancelling:
		return lang.X("inbound.sync.cancelling", "正在取消……"), widget.WarningImportance
	case st.syncing && st.progress != nil:
		return progressText(*st.progress), widget.MediumImportance
	case st.syncing:
		return lang.X("inbound.sync.starting", "正在向税局查询……"), widget.MediumImportance
	case st.cancelled && st.unfinished():
		return lang.X("inbound.sync.cancelled", "已取消,已同步 {{.N}} 张;下次同步从{{.Status}}第 {{.Page}} 页继续",
			map[string]any{"N": groupedCount(int64(st.last.Invoices)), "Status": inboundStatusLabel(st.last.Current),
				"Page": st.last.NextPage}), widget.WarningImportance
	case st.err != nil:
		return lang.X("inbound.sync.failed", "同步失败:{{.Error}}", map[string]any{"Error": st.err.Error()}), widget.DangerImportance
	case st.runsErr != nil:
		return lang.X("inbound.sync.runs_failed", "读取同步记录失败:{{.Error}}", map[string]any{"Error": st.runsErr.Error()}),
			widget.DangerImportance
	case st.last == nil:
		return lang.X("inbound.sync.never", "尚未同步进项发票:点“同步”从税局获取"), widget.MediumImportance
	case st.unfinished():
		return unfinishedText(*st.last), widget.WarningImportance
	}
	return finishedText(*st.last), widget.MediumImportance
}

// progressText: 未勾选 第 3/12 页 · 已同步 1,500 张 · 820 张/秒.
func progressText(p app.SyncProgress) string {
	status := inboundStatusLabel(p.Status)
	if p.Statuses > 1 {
		status += "(" + strconv.Itoa(p.StatusDone+1) + "/" + strconv.Itoa(p.Statuses) + ")"
	}
	return lang.X("inbound.sync.progress", "{{.Status}} 第 {{.Page}}/{{.Pages}} 页 · 已同步 {{.N}} 张 · {{.Speed}} 张/秒",
		map[string]any{"Status": status, "Page": p.Page, "Pages": max(p.PageCount, p.Page),
			"N": groupedCount(int64(p.Run.Invoices)), "Speed": groupedCount(p.PerSecond)})
}

// progressFraction is how far the whole sync is: statuses done, and the
// pages of the current one.
func progressFraction(p app.SyncProgress) float64 {
	if p.Statuses <= 0 {
		return 0
	}
	done := float64(p.StatusDone)
	if p.PageCount > 0 {
		done += float64(min(p.Page, p.PageCount)) / float64(p.PageCount)
	}
	return done / float64(p.Statuses)
}

// unfinishedText says where an interrupted run stopped, and why.
func unfinishedText(r app.SyncRun) string {
	text := lang.X("inbound.sync.unfinished", "上次同步未完成:已同步 {{.N}} 张,停在{{.Status}}第 {{.Page}} 页",
		map[string]any{"N": groupedCount(int64(r.Invoices)), "Status": inboundStatusLabel(r.Current), "Page": r.NextPage})
	if r.Error != "" {
		text += lang.X("inbound.sync.because", "({{.Error}})", map[string]any{"Error": r.Error})
	}
	return text
}

// finishedText sums up the last run that ended.
func finishedText(r app.SyncRun) string {
	text := lang.X("inbound.sync.last", "上次同步 {{.At}}:{{.N}} 张(新增 {{.Inserted}},更新 {{.Updated}})",
		map[string]any{"At": formatTime(r.EndedAt), "N": groupedCount(int64(r.Invoices)),
			"Inserted": groupedCount(int64(r.Inserted)), "Updated": groupedCount(int64(r.Updated))})
	if r.Error != "" {
		text += lang.X("inbound.sync.because", "({{.Error}})", map[string]any{"Error": r.Error})
	}
	return text
}
