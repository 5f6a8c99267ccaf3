package ui

import (
	"context"
	"strings"
	"testing"

	"fapiao/app"
)

// TestRedWizardFaceScanThenCarriesOn: the bureau wants a face scan when
// the form is applied for; the QR panel opens over the wizard, and after
// the scan the wizard carries on and issues the red invoice, once.
func TestRedWizardFaceScanThenCarriesOn(t *testing.T) {
	r := newRedRig(t, longSessions())
	w := r.openRed()
	blue := r.issue(oneYuan)
	wiz := r.wizard(w, blue)
	toChoice(t, wiz, app.RedReasonMistake)
	r.srv.LapseFaceAuth()
	tapButton(wiz.next)
	r.drain()
	p := w.facePanel
	if p == nil || p.qr == nil {
		t.Fatalf("a 420 should open the QR panel: %q", overlayTexts(w.win))
	}
	contains(t, "the panel", panelText(w), "红冲暂停")
	if !wiz.next.Disabled() || !wiz.running || wiz.result.waitText.Text == "" {
		t.Errorf("the wizard should wait for the scan: next disabled %v, %q", wiz.next.Disabled(), wiz.result.waitText.Text)
	}

	tapButton(p.simulate)
	r.drain()
	r.poll()
	r.await("the red invoice", func() bool { return w.facePanel == nil && wiz.step == redStepIssue })
	c := onlyCase(t, w.svc, blue)
	if c.Step != app.RedStepIssued {
		t.Fatalf("case %+v", c)
	}
	contains(t, "④", texts(wiz.result.content), c.RedNumber)
	if n := r.srv.Stats()[hzfpkjPath]; n != 1 {
		t.Errorf("hzfpkj called %d times", n)
	}
	tapButton(wiz.next)
	r.drain()
}

// TestRedOneClickFaceScanResumesTheSameSerial: the bureau wants a face
// scan when the red invoice of a confirmed form is issued; after the scan
// the case carries on under the serial it was held with.
func TestRedOneClickFaceScanResumesTheSameSerial(t *testing.T) {
	r := newRedRig(t, longSessions())
	w := r.openRed()
	blue := r.issue(oneYuan)
	if err := r.srv.MarkUsedByBuyer(blue); err != nil {
		t.Fatal(err)
	}
	c, err := w.svc.Red.Start(context.Background(), app.RedRequest{BlueNumber: blue, Reason: app.RedReasonMistake})
	if err != nil || c.Step != app.RedStepAwaiting {
		t.Fatalf("start: %v %+v", err, c)
	}
	if err := r.srv.BuyerAnswer(c.Form.Number, true); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Red.Refresh(context.Background(), c.ID); err != nil {
		t.Fatal(err)
	}
	r.srv.LapseFaceAuth()

	w.showRed()
	r.drain()
	w.red.cases.list.Select(w.red.cases.row(c.ID))
	r.drain()
	d := w.red.cases.detail
	if d.issue.Disabled() {
		t.Fatalf("开具红字发票 should be enabled on a confirmed form: %+v", d.c)
	}
	tapButton(d.issue)
	r.drain()
	if w.facePanel == nil {
		t.Fatalf("a 420 should open the QR panel: %q", overlayTexts(w.win))
	}
	held := onlyCase(t, w.svc, blue)
	if held.Serial == "" || held.Step != app.RedStepIssuing {
		t.Fatalf("the held case %+v", held)
	}
	tapButton(w.facePanel.simulate)
	r.drain()
	r.poll()
	r.await("the issued dialog", func() bool {
		return w.facePanel == nil && strings.Contains(overlayTexts(w.win), "红字发票已开具")
	})
	done := onlyCase(t, w.svc, blue)
	if done.Step != app.RedStepIssued || done.Serial != held.Serial {
		t.Fatalf("want issued under %s, got %+v", held.Serial, done)
	}
	if n := r.srv.Stats()[hzfpkjPath]; n != 2 {
		t.Errorf("hzfpkj called %d times, want 2 (refused, then issued)", n)
	}
	dismissOverlays(w.win)
}
