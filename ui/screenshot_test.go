package ui

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"fapiao/app"
)

// TestScreenshots renders the main screens to PNG files for a person to
// look at: FAPIAO_UI_SHOTS=/tmp/shots go test -run Screenshots ./ui/
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("FAPIAO_UI_SHOTS")
	if dir == "" {
		t.Skip("set FAPIAO_UI_SHOTS to a directory to render screenshots")
	}
	for _, variant := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		renderScreens(t, filepath.Join(dir, map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"}[variant]), variant)
	}
}

// variantTheme shows the app's theme in one variant, whatever the system's.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

func renderScreens(t *testing.T, dir string, variant fyne.ThemeVariant) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fx := newFixture(t)
	fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: variant})
	fx.catalog.buyers = []app.Party{knownBuyer, {Name: "上海浦东发展有限公司", TaxID: "9111011457319202X9"}}
	w := fx.open()
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
	shot("1-empty")

	test.Type(w.form.buyer.name, "上海")
	shot("2-buyer-suggestions")
	w.form.buyer.name.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	r := w.form.lines.rows[0]
	test.Type(r.name, "*软件*财税管理系统")
	test.Type(r.taxCode, "1060301020100000000")
	test.Type(r.spec, "V3.2")
	test.Type(r.unit, "套")
	r.rate.SetSelected("13%")
	test.Type(r.quantity, "3")
	test.Type(r.price, "1280")
	r2 := w.form.lines.add(true)
	test.Type(r2.name, "*信息技术服务*实施服务")
	test.Type(r2.taxCode, "3040201000000000000")
	r2.rate.SetSelected("6%")
	test.Type(r2.quantity, "2")
	test.Type(r2.amount, "1500")
	test.Type(r2.discount, "100")
	test.Type(w.form.remark, "合同号 HT-2025-0318")
	shot("3-filled")

	w.form.buyer.taxID.SetText("91510113MA6739XPX3")
	r3 := w.form.lines.add(true)
	test.Type(r3.name, "硬件")
	test.Type(r3.quantity, "1")
	w.form.issue()
	shot("4-errors")

	w.form.buyer.taxID.SetText("91510113MA6739XPX2")
	w.form.lines.drop(r3)
	w.form.issue()
	shot("5-issued-dialog")
	dismissOverlays(w.win)

	fx.store.put(app.Invoice{RequestSerial: "91510100MA6CXP8Q2Q_250313090000K7TQ", Status: app.StatusHeld,
		Type: app.TypeOrdinary, Buyer: app.Party{Name: "成都某某餐饮管理有限公司"}, Provider: "测试服务",
		StatusMessage: "测试服务 blueTicket: [420] 需要人脸认证", CreatedAt: w.svc.Issuing.Now()})
	w.tabs.SelectIndex(tabIssued)
	w.list.refresh()
	w.list.table.Select(1)
	shot("6-list")

	w.setLanguage(langEnglish)
	w.tabs.SelectIndex(tabIssue)
	shot("7-english")
	w.setLanguage(langChinese)
}

// relayout lays every container out again, top down, as the desktop driver
// does each frame for objects whose minimum size changed; the test canvas
// does not, so without this a label that grew would overlap its neighbour
// in the picture though not on screen.
func relayout(c fyne.Canvas) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			if v.Layout != nil {
				v.Layout.Layout(v.Objects, v.Size())
			}
			for _, child := range v.Objects {
				walk(child)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(v)
			r.Layout(v.Size())
			for _, child := range r.Objects() {
				walk(child)
			}
		}
	}
	walk(c.Content())
	for _, o := range c.Overlays().List() {
		walk(o)
	}
}
