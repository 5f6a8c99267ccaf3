package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"fapiao/app"
	"fapiao/providers/sandbox"
)

// TestDashboardScreenshots renders the 额度 screen — all well, needing
// attention, in December, in English — to PNG files for a person to look
// at: FAPIAO_UI_SHOTS=/tmp/shots go test -run DashboardScreenshots ./ui/
func TestDashboardScreenshots(t *testing.T) {
	dir := os.Getenv("FAPIAO_UI_SHOTS")
	if dir == "" {
		t.Skip("set FAPIAO_UI_SHOTS to a directory to render screenshots")
	}
	for variant, name := range map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"} {
		renderDashboardScreens(t, filepath.Join(dir, name), variant)
	}
}

// historyPerDay is how many invoices a day of the screenshots' history
// has, Monday first: a week's rhythm, quiet at the weekend.
var historyPerDay = []int{4, 6, 3, 7, 5, 1, 0}

func renderDashboardScreens(t *testing.T, dir string, variant fyne.ThemeVariant) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(app.ChinaTime)
	r, w := dashboardWithHistory(t, variant, time.Date(today.Year(), today.Month(), today.Day(), 8, 0, 0, 0, app.ChinaTime))
	shot := windowShot(t, w, dir)
	r.showDashboard(w)
	shot("d1-dashboard")

	// Needs doing: a face scan, numbers below a raised threshold, a failed
	// download; the credit figure reckoned since.
	r.issue(threeLines)
	r.clock.advance(4 * time.Minute)
	r.srv.LapseFaceAuth()
	if _, err := r.fx.svc.Face.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.fx.svc.Pool.Policy.MinCount = 1500
	r.srv.FailNext(1)
	w.dash.refresh()
	r.drain()
	tapButton(w.dash.pool.replenish)
	r.drain()
	chart := w.dash.chart.chart
	test.TapAt(chart, fyne.NewPos(chart.Size().Width/chartDays*25.5, 20))
	shot("d2-attention")

	w.setLanguage(langEnglish)
	r.drain()
	shot("d4-english")
	w.setLanguage(langChinese)

	r, w = dashboardWithHistory(t, variant, time.Date(today.Year(), time.December, 3, 8, 0, 0, 0, app.ChinaTime))
	r.showDashboard(w)
	windowShot(t, w, dir)("d3-december")
}

// dashboardWithHistory is a dashboard rig whose sandbox issued 30 days of
// invoices up to today (the clock's day, at 8:00 and after), with the
// window open and the credit line known.
func dashboardWithHistory(t *testing.T, variant fyne.ThemeVariant, today time.Time) (*sandboxRig, *mainWindow) {
	long := 60 * 24 * time.Hour
	start := today.AddDate(0, 0, -(chartDays - 1))
	r := newDashboardRig(t, start, sandbox.Options{TokenTTL: long, LoginValidity: long, FaceValidity: long})
	r.fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: variant})
	for day := start; !day.After(today); day = day.AddDate(0, 0, 1) {
		r.clock.advance(day.Sub(r.clock.now()))
		n := historyPerDay[(int(day.Weekday())+6)%7]
		for i := 0; i < n; i++ {
			d := oneYuan
			if i%2 == 1 {
				d = threeLines
			}
			r.issue(d)
			r.clock.advance(37 * time.Minute)
		}
	}
	w := r.openDashboard()
	return r, w
}

// windowShot returns a function that saves the window as dir/name.png.
func windowShot(t *testing.T, w *mainWindow, dir string) func(name string) {
	return func(name string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		// Twice: a wrapped label learns its height from the width the
		// first pass gave it, as the driver's next frame would.
		relayout(w.win.Canvas())
		relayout(w.win.Canvas())
		if err := png.Encode(f, w.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}
