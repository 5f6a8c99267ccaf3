package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// fixture is a main window over in-memory fakes.
type fixture struct {
	t       *testing.T
	app     fyne.App
	svc     *app.Services
	store   *fakeStore
	issuer  *fakeIssuer
	catalog *fakeCatalog
	drafts  *fakeDrafts
	w       *mainWindow
}

// newFixture builds services over fakes; open builds the window.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	// SetupApp changes these to force the language; restore them afterwards.
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(name, "")
	}
	fx := &fixture{t: t, store: newFakeStore(), issuer: newFakeIssuer(), catalog: &fakeCatalog{}, drafts: newFakeDrafts()}
	issuing := app.NewIssueService(fx.store, fx.issuer, app.DefaultConfig().SellerParty(), nil)
	issuing.Backoff = nil
	fx.svc = &app.Services{Issuing: issuing, Catalog: fx.catalog, Drafts: fx.drafts, Sandbox: true}
	fx.app = test.NewTempApp(t)
	SetupApp(fx.app)
	return fx
}

// open builds the main window with tasks run inline (see tasks.inline).
func (fx *fixture) open() *mainWindow {
	fx.t.Helper()
	return fx.openWith(&tasks{inline: true})
}

// openWith builds the main window running its work through t.
func (fx *fixture) openWith(t *tasks) *mainWindow {
	fx.t.Helper()
	w := newMainWindow(fx.app, fx.svc, t)
	w.win.Resize(fyne.NewSize(1200, 860))
	fx.t.Cleanup(func() {
		// The test driver panics on closing a window twice.
		for _, open := range fx.app.Driver().AllWindows() {
			if open == w.win {
				w.win.Close()
			}
		}
	})
	fx.w = w
	return w
}

// fillValidInvoice types a buyer and one line that pass every rule.
func (fx *fixture) fillValidInvoice() {
	f := fx.w.form
	test.Type(fx.w.form.buyer.name, "上海某某科技有限公司")
	test.Type(f.buyer.taxID, "91510113MA6739XPX2")
	r := f.lines.rows[0]
	test.Type(r.name, "*软件*财税管理系统")
	test.Type(r.taxCode, "1060301020100000000")
	r.rate.SetSelected("13%")
	test.Type(r.quantity, "2")
	test.Type(r.price, "500")
}

// overlayTexts is every text shown in the window's top overlay (a dialog).
func overlayTexts(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return texts(top)
}

// texts collects the text of labels, buttons and entries under o.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.Button:
			b.WriteString(v.Text + "\n")
		case *widget.Entry:
			b.WriteString(v.Text + "\n")
		case *keyEntry:
			b.WriteString(v.Text + "\n")
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
			return
		}
		if wid, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(wid).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return b.String()
}

// dismissOverlays closes every dialog.
func dismissOverlays(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}

// tapOverlayButton taps the dialog button with the given text.
func tapOverlayButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog to tap %q in", text)
	}
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				walk(child)
			}
		} else if wid, ok := o.(fyne.Widget); ok {
			for _, child := range test.WidgetRenderer(wid).Objects() {
				walk(child)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatalf("no %q button in the dialog: %q", text, texts(top))
	}
	test.Tap(found)
}
