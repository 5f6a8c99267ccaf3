package ui

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// TestInboundSyncProgressCancelAndResume: a sync of 7 pages shows its
// progress; 取消 at page 4 says where the next sync continues; a window
// opened afterwards offers 继续, which resumes at page 4 and ends with
// every invoice stored once.
func TestInboundSyncProgressCancelAndResume(t *testing.T) {
	r := newInboundRig(t)
	r.fx.svc.Inbound.PageSize = 50
	r.source.counts[app.InboundUnchecked] = 340 // 7 pages, the last of 40
	r.source.blockAt[4] = true
	r.source.blocked = make(chan int, 1)
	w, s := r.openInbound()
	bar := s.sync
	if !strings.Contains(bar.text.Text, "尚未同步") || !bar.resume.Hidden || bar.cancel.Visible() {
		t.Fatalf("before any sync: %q resume=%v cancel=%v", bar.text.Text, !bar.resume.Hidden, bar.cancel.Visible())
	}

	bar.choice.SetSelected("未勾选")
	tapButton(bar.start)
	select {
	case <-r.source.blocked:
	case <-time.After(waitLimit):
		t.Fatal("the sync never reached page 4")
	}
	r.drain()
	if got, want := bar.text.Text, "未勾选 第 3/7 页 · 已同步 150 张 · "; !strings.HasPrefix(got, want) || !strings.HasSuffix(got, " 张/秒") {
		t.Errorf("progress: %q, want %q… 张/秒", got, want)
	}
	if got := bar.bar.Value; math.Abs(got-3.0/7) > 1e-9 || !bar.bar.Visible() {
		t.Errorf("progress bar at %v (visible %v), want 3/7", got, bar.bar.Visible())
	}
	if !bar.start.Disabled() || !bar.cancel.Visible() || bar.cancel.Disabled() {
		t.Error("while syncing: 同步 disabled, 取消 offered")
	}

	tapButton(bar.cancel)
	r.await("the sync to stop", func() bool { return !w.inboundState.syncing })
	r.drain()
	if got := bar.text.Text; !strings.Contains(got, "已取消") || !strings.Contains(got, "下次同步从未勾选第 4 页继续") {
		t.Errorf("after 取消: %q", got)
	}
	if bar.resume.Hidden || bar.cancel.Visible() || bar.start.Disabled() {
		t.Error("after 取消: 继续 and 同步 offered, no 取消")
	}
	if s.table.count != 150 {
		t.Errorf("after 取消 the table has %d rows, want the 150 stored", s.table.count)
	}

	// A window opened now finds the unfinished run.
	w2 := r.fx.openWith(&tasks{inline: true, ui: func(f func()) { r.queue <- f }, tick: r.ticks.tick})
	r.drain()
	w2.showInbound()
	r.drain()
	bar2 := w2.inbound.sync
	if got := bar2.text.Text; !strings.HasPrefix(got, "上次同步未完成:已同步 150 张,停在未勾选第 4 页") {
		t.Errorf("at start: %q", got)
	}
	if bar2.resume.Hidden {
		t.Fatal("继续 should be offered at start")
	}
	tapButton(bar2.resume)
	r.await("the resumed sync to end", func() bool { return !w2.inboundState.syncing })
	r.drain()
	if got := bar2.text.Text; !strings.Contains(got, ":340 张(新增 340,更新 0)") {
		t.Errorf("after 继续: %q", got)
	}
	if !bar2.resume.Hidden {
		t.Error("a finished run offers no 继续")
	}
	if got, want := r.source.asked(), []int{1, 2, 3, 4, 4, 5, 6, 7}; !slices.Equal(got, want) {
		t.Errorf("pages asked %v, want %v: resumed at page 4", got, want)
	}
	if w2.inbound.table.count != 340 || r.totals(app.InboundQuery{}).Count != 340 {
		t.Errorf("rows %d, stored %d; want 340 with no duplicates", w2.inbound.table.count, r.totals(app.InboundQuery{}).Count)
	}
}

// TestInboundSyncShowsTheProvidersError as it is, and 继续 goes on.
func TestInboundSyncShowsTheProvidersError(t *testing.T) {
	r := newInboundRig(t)
	r.fx.svc.Inbound.PageSize = 50
	r.source.counts[app.InboundChecked] = 120
	r.source.failAt[2] = &app.ProviderError{Kind: app.KindTransient, Provider: "进项同步", Op: "S000621", Code: "9001", Message: "税局系统繁忙"}
	w, s := r.openInbound()
	bar := s.sync
	bar.choice.SetSelected("当期已勾选")
	tapButton(bar.start)
	r.await("the sync to fail", func() bool { return !w.inboundState.syncing })
	r.drain()
	if got := bar.text.Text; !strings.HasPrefix(got, "同步失败:") || !strings.Contains(got, "进项同步 S000621: [9001] 税局系统繁忙") {
		t.Errorf("error shown: %q", got)
	}
	if bar.text.Importance != widget.DangerImportance || bar.resume.Hidden {
		t.Error("the error stands out and 继续 is offered")
	}
	if s.table.count != 50 {
		t.Errorf("the page stored before the error shows: %d rows", s.table.count)
	}
	tapButton(bar.resume)
	r.await("the sync to end", func() bool { return !w.inboundState.syncing })
	r.drain()
	if s.table.count != 120 || !strings.HasPrefix(bar.text.Text, "上次同步 ") {
		t.Errorf("after 继续: %d rows, %q", s.table.count, bar.text.Text)
	}
}
