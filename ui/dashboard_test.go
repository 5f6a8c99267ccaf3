package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"
	"go.uber.org/goleak"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// TestDashboardOnTheSandbox: after a few invoices, the 额度 screen shows
// today's count and amount, a 30-bar chart whose last bar is today's, and
// the segment the scheduler's start-up run downloaded.
func TestDashboardOnTheSandbox(t *testing.T) {
	r := newDashboardRig(t, time.Now(), sandbox.Options{})
	w := r.openDashboard()
	if n := r.srv.Stats()[segmentCall]; n != 1 {
		t.Fatalf("the start-up run called QDFPPLFM %d times, want 1", n)
	}
	total := decimal.Zero
	for _, d := range []app.Draft{oneYuan, threeLines, oneYuan} {
		inv, err := r.fx.svc.Issuing.Issue(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		total = total.Add(inv.Total)
	}
	if !total.Equal(decimal.RequireFromString("1885.74")) {
		t.Fatalf("the sandbox issued %s in all, want 1885.74", total)
	}

	d := r.showDashboard(w)
	if got := d.stats.todayCount.Text + " " + d.stats.todayAmount.Text; got != "3 张 ¥1,885.74" {
		t.Errorf("today: %q", got)
	}
	if got := d.stats.monthCount.Text + " " + d.stats.monthAmount.Text; got != "3 张 ¥1,885.74" {
		t.Errorf("this month: %q", got)
	}

	chart := d.chart.chart
	if len(chart.days) != chartDays || !sameDay(chart.days[chartDays-1].Day, r.clock.now()) || chart.days[chartDays-1].Count != 3 {
		t.Fatalf("chart: %d days, the last %v with %d", len(chart.days), chart.days[len(chart.days)-1].Day, chart.days[len(chart.days)-1].Count)
	}
	relayout(w.win.Canvas())
	bars := test.WidgetRenderer(chart).(*dailyChartRenderer).bars
	if len(bars) != chartDays || bars[chartDays-1].Size().Height < 50 {
		t.Fatalf("%d bars, today's %v high", len(bars), bars[len(bars)-1].Size().Height)
	}
	for i, b := range bars[:chartDays-1] {
		if b.Size().Height != 0 {
			t.Errorf("bar %d is %v high on a day without invoices", i, b.Size().Height)
		}
	}
	if got := d.chart.day.Text; got != "今天:3 张,¥1,885.74" {
		t.Errorf("the day's figures: %q", got)
	}

	st := r.poolStatus()
	if len(st.Years) != 1 || len(st.Years[0].Segments) != 1 {
		t.Fatalf("pool: %+v", st.Years)
	}
	seg := st.Years[0].Segments[0]
	contains(t, "the pool card", texts(d.pool.card), seg.First+" – "+seg.Last+" · 1,000 个",
		"低于阈值时自动下载(每小时检查)")
	if got := d.pool.headline.Text; got != fmt.Sprintf("%d 年度剩余 1,000 个号码", st.Year) {
		t.Errorf("pool headline %q", got)
	}
	if d.pool.replenish.Visible() {
		t.Error("立即补充 is offered though the pool is above its thresholds")
	}
	if got := d.summary.text.Text; got != "一切正常,无需处理" {
		t.Errorf("banner: %q", got)
	}
}

// TestDashboardCreditRefreshKeepsToTheBureausLimit: the screen's first
// showing asks for an unknown credit line once; clicks within 30 s ask
// nothing and show the countdown; issuing adjusts the figure; after the
// limit 刷新 asks again, and a failure shows in the card.
func TestDashboardCreditRefreshKeepsToTheBureausLimit(t *testing.T) {
	r := newDashboardRig(t, time.Now(), sandbox.Options{})
	w := r.openDashboard()
	calls := func() int { return r.srv.Stats()[creditLinePath] }
	if calls() != 0 {
		t.Fatal("the credit line was asked for before the 额度 screen was shown")
	}
	c := r.showDashboard(w).credit
	if calls() != 1 || c.remaining.Text != "剩余 ¥3,000,000.00" || c.age.Text != "刚刚,税局数据" {
		t.Fatalf("after showing the screen: %d calls, %q, %q", calls(), c.remaining.Text, c.age.Text)
	}
	contains(t, "the figures", texts(c.figures), "¥3,000,000.00", "¥0.00")

	for range 5 {
		tapButton(c.refresh)
		w.refreshCreditNow() // as a click that got past the disabled button would
		r.drain()
	}
	if calls() != 1 {
		t.Fatalf("clicks within 30 s called getCreditLine %d times, want 1", calls())
	}
	if !c.refresh.Disabled() || c.refresh.Text != "刷新(30秒)" {
		t.Errorf("the button within the limit: %q, disabled %v", c.refresh.Text, c.refresh.Disabled())
	}
	r.second(10 * time.Second)
	if c.refresh.Text != "刷新(20秒)" {
		t.Errorf("10 s on: %q", c.refresh.Text)
	}

	r.issue(oneYuan)
	r.drain()
	if c.remaining.Text != "剩余 ¥2,999,999.01" || c.age.Text != "刚刚的税局数据,已计入此后开具" {
		t.Errorf("after issuing ¥0.99 excluding tax: %q, %q", c.remaining.Text, c.age.Text)
	}
	if bar := c.bar; bar.share <= 0 || bar.share > 0.001 {
		t.Errorf("the bar's used share %v", bar.share)
	}

	r.second(20 * time.Second)
	if c.refresh.Disabled() || c.refresh.Text != "刷新" || !stopped(r.ticks, time.Second) {
		t.Fatalf("after 30 s: %q, disabled %v; the countdown should have stopped", c.refresh.Text, c.refresh.Disabled())
	}
	tapButton(c.refresh)
	r.drain()
	if calls() != 2 || c.remaining.Text != "剩余 ¥2,999,999.01" || c.age.Text != "刚刚,税局数据" {
		t.Errorf("the second refresh: %d calls, %q, %q", calls(), c.remaining.Text, c.age.Text)
	}

	r.second(31 * time.Second) // the countdown ends
	r.srv.FailNext(1)
	tapButton(c.refresh)
	r.drain()
	if !c.problem.Visible() || !strings.Contains(c.problem.Text, "查询授信额度失败") || c.problem.Importance != widget.DangerImportance {
		t.Errorf("a failed refresh: %q (visible %v)", c.problem.Text, c.problem.Visible())
	}
	if !c.refresh.Disabled() || calls() != 3 {
		t.Errorf("after a failure the limit holds too: %q, %d calls", c.refresh.Text, calls())
	}
}

// TestReplenishNowStoresASegmentAndShowsAFailure: below the threshold the
// card says why and offers 立即补充; a failed download says so and is
// finished by the next click under the same serial.
func TestReplenishNowStoresASegmentAndShowsAFailure(t *testing.T) {
	r := newDashboardRig(t, time.Now(), sandbox.Options{})
	r.fx.svc.Pool.Policy.MinCount = 1500
	w := r.openDashboard()
	p := r.showDashboard(w).pool
	if got := p.next.Text; got != "需要补充:剩余 1000 个,低于阈值 1500" || !p.replenish.Visible() {
		t.Fatalf("below the threshold: %q, 立即补充 shown %v", got, p.replenish.Visible())
	}
	contains(t, "the banner", w.dash.summary.text.Text, "预赋码号码需要补充")

	r.srv.FailNext(1)
	tapButton(p.replenish)
	r.drain()
	if !p.activity.Visible() || !strings.HasPrefix(p.activity.Text, "补充失败:") || p.activity.Importance != widget.DangerImportance {
		t.Fatalf("a failed download: %q (visible %v)", p.activity.Text, p.activity.Visible())
	}
	if !p.pending.Visible() || !strings.Contains(p.pending.Text, "下次检查时以同一业务流水号完成") {
		t.Errorf("the unfinished download: %q", p.pending.Text)
	}
	pending := r.poolStatus().Pending
	if pending == nil {
		t.Fatal("the failed download left no pending serial")
	}

	tapButton(p.replenish)
	r.drain()
	if !strings.HasPrefix(p.activity.Text, "已下载号码段 ") || p.activity.Importance != widget.SuccessImportance {
		t.Errorf("after the second click: %q", p.activity.Text)
	}
	st := r.poolStatus()
	if st.Remaining != 2000 || st.Pending != nil || st.Years[0].Segments[1].Serial != pending.Serial {
		t.Fatalf("pool %+v: want 2000 numbers, the second segment under %s", st, pending.Serial)
	}
	if got := p.headline.Text; !strings.Contains(got, "2,000") {
		t.Errorf("headline %q", got)
	}
	if n := len(p.segments.Objects); n != 2 {
		t.Errorf("%d segments listed, want 2", n)
	}
	if n := r.srv.Stats()[segmentCall]; n != 3 {
		t.Errorf("QDFPPLFM called %d times, want 3 (start-up, failed, finished)", n)
	}
}

// TestSchedulerFailureShowsInTheStatusBarUntilTheHourlyRunMendsIt: the
// start-up run fails and says so in the status bar; the hourly run
// finishes the download, and the minute refresh shows it and clears the
// failure.
func TestSchedulerFailureShowsInTheStatusBarUntilTheHourlyRunMendsIt(t *testing.T) {
	r := newDashboardRig(t, time.Now(), sandbox.Options{})
	r.withoutFace()
	r.srv.FailNext(1)
	w := r.openDashboard()
	b := w.status
	if !b.poolError.Visible() || !strings.Contains(b.poolError.Text, "号码池自动检查失败") || !b.session.Visible() {
		t.Fatalf("status bar: %q (visible %v)", b.poolError.Text, b.poolError.Visible())
	}
	d := r.showDashboard(w)
	if !d.pool.checkErr.Visible() || len(d.pool.segments.Objects) != 1 || d.face != nil {
		t.Fatalf("the pool card: error %q, %d segment rows", d.pool.checkErr.Text, len(d.pool.segments.Objects))
	}
	contains(t, "the empty pool", texts(d.pool.card), "尚未领用号码段")

	r.ticks.fire(t, poolCheckInterval, r.clock.now())
	// A successful run announces nothing: watch the store.
	if !eventually(func() bool { return r.poolStatus().Remaining == 1000 }) {
		r.drain()
		t.Fatalf("the hourly run stored nothing: %q", b.poolError.Text)
	}
	r.minute()
	if b.poolError.Visible() || d.pool.checkErr.Visible() {
		t.Errorf("the failure outlived its mending: %q", b.poolError.Text)
	}
	contains(t, "the pool card after the hourly run", texts(d.pool.card), "1,000 个 · ")
}

// TestNewYearWarningFromTheFirstOfDecember: on 30 November nothing; a
// minute into 1 December the status bar and the pool card warn that next
// year's numbers need the program online on New Year's Day.
func TestNewYearWarningFromTheFirstOfDecember(t *testing.T) {
	r := newDashboardRig(t, time.Date(2026, 11, 30, 23, 59, 30, 0, app.ChinaTime), sandbox.Options{})
	w := r.openDashboard()
	if w.status.newYear.Visible() {
		t.Fatalf("on 30 November: %q", w.status.newYear.Text)
	}
	r.clock.advance(time.Minute)
	r.minute()
	const want = "元旦后 2026 年度未用号码作废,需下载 2027 年度号码;请确保元旦当天程序联网"
	if !w.status.newYear.Visible() || w.status.newYear.Text != want {
		t.Fatalf("on 1 December the status bar says %q (visible %v)", w.status.newYear.Text, w.status.newYear.Visible())
	}
	p := r.showDashboard(w).pool
	if !p.newYear.Visible() || p.newYear.Text != want {
		t.Errorf("the pool card: %q", p.newYear.Text)
	}
	contains(t, "the banner", w.dash.summary.text.Text, "元旦当天保持程序联网")
}

// TestDashboardLoopsStopWithTheWindow: the scheduler, the minute refresh
// and the credit countdown each run on one goroutine, and all end with the
// window.
func TestDashboardLoopsStopWithTheWindow(t *testing.T) {
	r := newDashboardRig(t, time.Now(), sandbox.Options{})
	defer goleak.VerifyNone(t, append(httpGoroutines, goleak.IgnoreCurrent())...)
	w := r.openDashboard()
	r.showDashboard(w) // asks for the credit line: the countdown starts
	for _, interval := range []time.Duration{poolCheckInterval, rerenderInterval, time.Second} {
		if n := r.ticks.live(interval); n != 1 {
			t.Errorf("%d loops of %v, want 1", n, interval)
		}
	}
	w.win.Close()
	for _, interval := range []time.Duration{poolCheckInterval, rerenderInterval, time.Second} {
		if !stopped(r.ticks, interval) {
			t.Errorf("the %v loop outlived the window", interval)
		}
	}
	w.tasks.wait()
}

// TestFaceCardFollowsTheBureauAndOpensTheQRPanel: a lapsed face
// authentication turns the card into a warning whose button opens the
// existing QR panel.
func TestFaceCardFollowsTheBureauAndOpensTheQRPanel(t *testing.T) {
	r := newDashboardRig(t, time.Now(), sandbox.Options{})
	w := r.openDashboard()
	f := r.showDashboard(w).face
	if f.state.Text != "人脸认证:当前无需扫码" || f.open.Importance == widget.HighImportance {
		t.Fatalf("before the lapse: %q", f.state.Text)
	}
	r.srv.LapseFaceAuth()
	if _, err := w.svc.Face.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.drain()
	if f.state.Text != "需要人脸认证" || f.state.Importance != widget.WarningImportance || f.open.Importance != widget.HighImportance {
		t.Errorf("after the lapse: %q (%v)", f.state.Text, f.state.Importance)
	}
	contains(t, "the banner", w.dash.summary.text.Text, "需要处理:人脸认证")
	tapButton(f.open)
	r.drain()
	if w.facePanel == nil || w.facePanel.qr == nil {
		t.Fatalf("the button should open the QR panel with a code: %q", overlayTexts(w.win))
	}
	tapButton(w.facePanel.cancelBtn)
	r.drain()
}

// TestReplenishWaitsForTheStartUpRun: while the scheduler's start-up run
// downloads, 立即补充 is offered but cannot be pressed, so the two never
// ask the bureau for numbers side by side.
func TestReplenishWaitsForTheStartUpRun(t *testing.T) {
	// Only the scheduler asks the sandbox, which takes a second to answer.
	r := newDashboardRig(t, time.Now(), sandbox.Options{Faults: sandbox.Faults{Latency: time.Second}})
	r.withoutFace()
	svc := r.fx.svc
	svc.Credit, svc.Issuing.Credit, svc.Dashboard.Credit = nil, nil, nil
	w := r.open()
	p := r.showDashboard(w).pool
	if w.pool.startupDone {
		t.Fatal("the start-up run ended within the sandbox's latency")
	}
	if !p.replenish.Visible() || !p.replenish.Disabled() || p.replenish.Text != "正在自动检查……" {
		t.Fatalf("during the start-up run: %q, shown %v, disabled %v", p.replenish.Text, p.replenish.Visible(), p.replenish.Disabled())
	}
	w.replenishNow() // as a click that got past the disabled button would
	r.await("the scheduler's start-up run", func() bool { return w.pool.startupDone })
	r.drain()
	if n := r.srv.Stats()[segmentCall]; n != 1 {
		t.Errorf("QDFPPLFM called %d times, want once", n)
	}
	if st := r.poolStatus(); st.Remaining != 1000 || st.Pending != nil || w.pool.replenishErr != nil {
		t.Errorf("pool %+v, pending %+v, 立即补充 failed with %v", st.Years, st.Pending, w.pool.replenishErr)
	}
	if p.replenish.Visible() {
		t.Error("立即补充 still offered after the start-up run filled the pool")
	}
}
