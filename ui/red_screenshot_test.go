package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"fapiao/app"
)

// TestRedScreenshots renders the red wizard's steps, the 红冲 list and the
// buyer tab to PNG files for a person to look at:
// FAPIAO_UI_SHOTS=/tmp/shots go test -run RedScreenshots ./ui/
func TestRedScreenshots(t *testing.T) {
	dir := os.Getenv("FAPIAO_UI_SHOTS")
	if dir == "" {
		t.Skip("set FAPIAO_UI_SHOTS to a directory to render screenshots")
	}
	for variant, name := range map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"} {
		renderRedScreens(t, filepath.Join(dir, name), variant)
	}
}

func renderRedScreens(t *testing.T, dir string, variant fyne.ThemeVariant) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := newRedRig(t, longSessions())
	r.fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: variant})
	w := r.openRed()
	shot := func(name string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		relayout(w.win.Canvas())
		if err := png.Encode(f, w.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}

	three := r.issue(threeLines)
	wiz := r.wizard(w, three)
	shot("r1-check")
	choice := toChoice(t, wiz, "")
	shot("r2-choice-empty")
	pick(t, choice.reasons, string(app.RedReasonReturn))
	pick(t, choice.modes, modePartial)
	test.Type(choice.picks.rows[0].quantity, "3")
	test.Type(choice.picks.rows[2].quantity, "5")
	test.Type(choice.picks.rows[1].amount, "100")
	shot("r3-choice-partial")
	choice.picks.rows[2].quantity.SetText("1")
	tapButton(wiz.next)
	r.drain()
	shot("r4-issued")
	tapButton(wiz.next)
	r.drain()

	services := r.issue(servicesOnly)
	wiz = r.wizard(w, services)
	toChoice(t, wiz, "")
	shot("r5-choice-refused")
	tapButton(wiz.cancel)
	r.drain()

	used := r.issue(oneYuan)
	if err := r.srv.MarkUsedByBuyer(used); err != nil {
		t.Fatal(err)
	}
	wiz = r.wizard(w, used)
	shot("r6-check-needs-buyer")
	toChoice(t, wiz, app.RedReasonMistake)
	tapButton(wiz.next)
	r.drain()
	shot("r7-awaiting")
	tapButton(wiz.next)
	r.drain()

	w.showRed()
	r.drain()
	w.red.cases.list.Select(0)
	r.drain()
	shot("r8-red-list-pending")
	w.red.cases.list.Select(1)
	r.drain()
	shot("r9-red-list-issued")

	c := onlyCase(t, w.svc, used)
	if err := r.srv.BuyerAnswer(c.Form.Number, true); err != nil {
		t.Fatal(err)
	}
	r.refreshRound(w)
	shot("r10-notification")
	dismissOverlays(w.win)

	w.red.tabs.SelectIndex(redTabInbox)
	r.drain()
	shot("r11-inbox")

	r.selectInvoice(w, three)
	shot("r12-issued-list")

	w.setLanguage(langEnglish)
	wiz = r.wizard(w, three)
	choice = toChoice(t, wiz, app.RedReasonAllowance)
	pick(t, choice.modes, modePartial)
	test.Type(choice.picks.rows[0].amount, "50")
	shot("r13-english-choice")
	tapButton(wiz.cancel)
	r.drain()
	w.setLanguage(langChinese)
}
