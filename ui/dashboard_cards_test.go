package ui

import (
	"context"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// dashboardOverFakes is a window whose dashboard has issuing statistics
// only: no credit line, number pool or face authentication.
func dashboardOverFakes(t *testing.T, perDay map[string]int64, now time.Time) *mainWindow {
	fx := newFixture(t)
	fx.svc.Dashboard = &app.DashboardService{Stats: fakeStats{perDay: perDay}, Now: func() time.Time { return now }}
	w := fx.open()
	w.showDashboard()
	if !w.dashboardShown() {
		t.Fatal("the 额度 screen should be in front")
	}
	return w
}

func TestDashboardEntrySitsBetweenIssuedAndRed(t *testing.T) {
	r := newRedRig(t, sandbox.Options{})
	r.fx.svc.Dashboard = &app.DashboardService{Stats: r.db}
	w := r.openRed()
	var names []string
	for _, item := range w.tabs.Items {
		names = append(names, item.Text)
	}
	if got := strings.Join(names, " "); got != "开票 已开发票 额度 红冲" {
		t.Errorf("navigation: %s", got)
	}

	plain := newFixture(t).open()
	if plain.dashTab != nil || len(plain.tabs.Items) != 2 {
		t.Errorf("without a dashboard there is no 额度 entry: %d entries", len(plain.tabs.Items))
	}
}

func TestDashboardCardsAbsentWithoutTheirServices(t *testing.T) {
	w := dashboardOverFakes(t, nil, time.Now())
	d := w.dash
	if d.credit != nil || d.pool != nil || d.face != nil {
		t.Fatalf("cards without services: credit %v, pool %v, face %v", d.credit != nil, d.pool != nil, d.face != nil)
	}
	all := texts(d.content)
	for _, absent := range []string{"授信额度", "预赋码号码池", "人脸认证", "刷新", "立即补充"} {
		if strings.Contains(all, absent) {
			t.Errorf("%q shown without its service", absent)
		}
	}
	contains(t, "the screen", all, "今日", "本月", "0 张", "一切正常,无需处理")
	contains(t, "the chart card", d.chart.day.Text, "今天:0 张,¥0.00")
	if w.status.newYear.Visible() || w.status.poolError.Visible() {
		t.Error("pool lines in the status bar without a pool")
	}
}

func TestChartBarsWeekendsPeakAndPickedDay(t *testing.T) {
	// Friday 21 November 2025: the 30 days run from Wednesday 23 October.
	now := time.Date(2025, 11, 21, 15, 0, 0, 0, app.ChinaTime)
	w := dashboardOverFakes(t, map[string]int64{"2025-11-21": 2, "2025-11-19": 8, "2025-11-15": 1, "2025-10-23": 4}, now)
	w.win.Resize(fyne.NewSize(1200, 860))
	relayout(w.win.Canvas())
	c := w.dash.chart
	r := test.WidgetRenderer(c.chart).(*dailyChartRenderer)
	if len(r.bars) != chartDays {
		t.Fatalf("%d bars", len(r.bars))
	}
	peak := r.bars[27] // 19 November
	if h := peak.Size().Height; h < 50 || r.bars[29].Size().Height != h*2/8 || r.bars[0].Size().Height != h/2 {
		t.Errorf("heights: peak %v, today %v, first %v — want 8 : 2 : 4", h, r.bars[29].Size().Height, r.bars[0].Size().Height)
	}
	if r.peak.Text != "8 张" {
		t.Errorf("peak label %q", r.peak.Text)
	}
	if alpha(r.bars[23].FillColor) != weekendAlpha || alpha(r.bars[29].FillColor) != 0xff { // 15 Nov is a Saturday
		t.Errorf("weekend alpha %d, weekday alpha %d", alpha(r.bars[23].FillColor), alpha(r.bars[29].FillColor))
	}
	if r.dates[29].Text != "今天" || r.dates[22].Text != "11-14 周五" || r.dates[28].Text != "" {
		t.Errorf("dates: %q %q %q", r.dates[29].Text, r.dates[22].Text, r.dates[28].Text)
	}
	if got := c.day.Text; got != "今天:2 张,¥200.00" {
		t.Errorf("before a pick: %q", got)
	}

	slot := c.chart.Size().Width / chartDays
	test.TapAt(c.chart, fyne.NewPos(slot*27+slot/2, 10))
	if got := c.day.Text; got != "11-19 周三:8 张,¥800.00" {
		t.Errorf("after tapping 19 November: %q", got)
	}
	w.dash.refresh() // the pick survives a refresh
	if got := c.day.Text; got != "11-19 周三:8 张,¥800.00" {
		t.Errorf("after a refresh: %q", got)
	}
	c.chart.MouseMoved(hoverAt(slot * 0.5))
	if got := c.day.Text; got != "10-23 周四:4 张,¥400.00" {
		t.Errorf("hovering 23 October: %q", got)
	}
	c.chart.MouseOut()
	if got := c.day.Text; !strings.HasPrefix(got, "11-19 ") {
		t.Errorf("the mouse gone: %q", got)
	}
}

func TestChartSaysSoWhenNothingWasIssued(t *testing.T) {
	w := dashboardOverFakes(t, nil, time.Now())
	r := test.WidgetRenderer(w.dash.chart.chart).(*dailyChartRenderer)
	if r.empty.Text != "近30天没有开具发票" || r.peak.Text != "" {
		t.Errorf("empty chart: %q, peak %q", r.empty.Text, r.peak.Text)
	}
}

func TestDashboardFollowsTheLanguage(t *testing.T) {
	w := dashboardOverFakes(t, map[string]int64{time.Now().In(app.ChinaTime).Format(time.DateOnly): 1}, time.Now())
	w.setLanguage(langEnglish)
	defer w.setLanguage(langChinese)
	if got := w.dashTab.Text; got != "Dashboard" || !w.dashboardShown() {
		t.Errorf("nav %q, shown %v", got, w.dashboardShown())
	}
	contains(t, "the screen in English", texts(w.dash.content), "Today", "This month", "1 invoice(s)", "All is well")
	if got := w.dash.chart.day.Text; got != "Today: 1 invoice(s), ¥100.00" {
		t.Errorf("chart day %q", got)
	}
	if _, err := w.svc.Dashboard.Snapshot(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// hoverAt is the mouse at x over a widget.
func hoverAt(x float32) *desktop.MouseEvent {
	return &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, 10)}}
}

func alpha(c color.Color) uint8 {
	_, _, _, a := c.RGBA()
	return uint8(a >> 8)
}
