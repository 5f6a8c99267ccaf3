package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// snapshotTimeout bounds a read of the dashboard, which is local.
const snapshotTimeout = 10 * time.Second

// dashboardScreen is the 额度 navigation entry: at a glance, whether
// anything needs doing — the credit line, the number pool, face
// authentication — and what was issued. A card is absent when the provider
// has no such thing. Everything it reads is local; only the 刷新 and 立即补充
// buttons ask the bureau.
type dashboardScreen struct {
	w       *mainWindow
	seq     int // numbers snapshot reads, so that only the latest is shown
	summary *attentionBanner
	problem *widget.Label // the snapshot could not be read
	credit  *creditCard   // nil without a credit line
	pool    *poolCard     // nil without a number pool
	face    *faceCard     // nil without face authentication
	// noCredit and noFace stand in for the credit and face cards where
	// the provider has no such thing, saying why; nil otherwise.
	noCredit *widget.Card
	noFace   *widget.Card
	stats    *statsCard
	chart    *chartCard
	content  fyne.CanvasObject
}

func newDashboardScreen(w *mainWindow) *dashboardScreen {
	d := &dashboardScreen{w: w, summary: newAttentionBanner(), stats: newStatsCard(), chart: newChartCard(w)}
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.problem.Hide()
	if w.svc.Credit != nil {
		d.credit = newCreditCard(w)
	}
	if w.svc.Pool != nil {
		d.pool = newPoolCard(w)
	}
	if w.svc.Face != nil {
		d.face = newFaceCard(w)
	}
	if why := w.missingWhy(app.FeatureCreditLine); w.svc.Credit == nil && why != "" {
		d.noCredit = unavailableCard(lang.X("dash.credit.title", "授信额度"), why)
	}
	if why := w.missingWhy(app.FeatureFaceAuth); w.svc.Face == nil && why != "" {
		d.noFace = unavailableCard(lang.X("dash.face.title", "人脸认证"), why)
	}
	// The scroll gives the body at least the screen's height: the bottom
	// row takes what the top one leaves, so the chart grows with the window.
	top := container.NewVBox(d.summary.content, d.problem, d.topRow())
	d.content = container.NewVScroll(container.NewPadded(container.NewBorder(top, nil, nil, nil, d.bottomRow())))
	return d
}

// topRow is the small cards side by side: the credit line, the statistics
// and face authentication, those there are.
func (d *dashboardScreen) topRow() fyne.CanvasObject {
	var cards []fyne.CanvasObject
	if d.credit != nil {
		cards = append(cards, d.credit.card)
	} else if d.noCredit != nil {
		cards = append(cards, d.noCredit)
	}
	cards = append(cards, d.stats.card)
	if d.face != nil {
		cards = append(cards, d.face.card)
	} else if d.noFace != nil {
		cards = append(cards, d.noFace)
	}
	return container.NewGridWithColumns(len(cards), cards...)
}

// bottomRow is the number pool beside the chart, or the chart alone.
func (d *dashboardScreen) bottomRow() fyne.CanvasObject {
	if d.pool == nil {
		return d.chart.card
	}
	return container.NewGridWithColumns(2, d.pool.card, d.chart.card)
}

// refresh reads the dashboard in the background and shows it.
func (d *dashboardScreen) refresh() {
	d.seq++
	seq := d.seq
	dashboard := d.w.svc.Dashboard
	d.w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), snapshotTimeout)
		defer cancel()
		db, err := dashboard.Snapshot(ctx)
		d.w.tasks.toUI(func() {
			if seq != d.seq || d.w.dash != d || d.w.ctx.Err() != nil {
				return // a newer read is on its way, or the screen is gone
			}
			d.show(db, err)
		})
	})
}

// show fills the cards from a snapshot. On a failed read what was read is
// shown, with the failure above it.
func (d *dashboardScreen) show(db app.Dashboard, err error) {
	if err != nil {
		d.problem.SetText(lang.X("dash.read_failed", "读取额度与统计失败:{{.Error}}", map[string]any{"Error": err.Error()}))
		d.problem.Show()
	} else {
		d.problem.Hide()
	}
	w := d.w
	if d.credit != nil {
		d.credit.show(db.Credit, w.dashState, w.svc.Credit.Now())
		w.creditShown(db.Credit)
	}
	if d.pool != nil && db.Pool != nil {
		w.poolStatusRead(db.Pool)
		d.pool.show(db.Pool, w.pool, w.svc.Pool.Now())
	}
	if d.face != nil {
		d.face.show(db.Face, db.At)
	}
	d.stats.show(db.Today, db.Month)
	d.chart.show(db.Daily, db.At, w.dashState.selectedDay)
	d.summary.show(attentionItems(db, w.pool))
}

// watchDashboard refreshes the 额度 screen, when it is in front, whenever
// the credit line or face authentication changes (an invoice issued, a
// scan).
func (w *mainWindow) watchDashboard() {
	if w.svc.Dashboard == nil {
		return
	}
	changed := func() {
		w.tasks.toUI(func() {
			if w.ctx.Err() == nil && w.dashboardShown() {
				w.dash.refresh()
			}
		})
	}
	if credit := w.svc.Credit; credit != nil {
		w.session.unwatch = append(w.session.unwatch, credit.OnChange(changed))
	}
	if face := w.svc.Face; face != nil {
		w.session.unwatch = append(w.session.unwatch, face.OnChange(changed))
	}
}
