package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"fapiao/app"
)

func TestExportWritesTheFileAndReportsThePath(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	fx.fillValidInvoice()
	w.form.issue()
	dismissOverlays(w.win)
	inv := w.list.invoices[0]

	path := filepath.Join(t.TempDir(), app.ExportFileName(inv, app.FormatOFD))
	writer, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	w.exporter.fetchInto(inv, app.FormatOFD, writer)

	data, err := os.ReadFile(path)
	if err != nil || string(data) != "OFD fake" {
		t.Fatalf("file = %q, %v", data, err)
	}
	if shown := overlayTexts(w.win); !strings.Contains(shown, path) {
		t.Errorf("dialog %q should give the path", shown)
	}
	if !strings.HasPrefix(filepath.Base(path), "dzfp_"+inv.Number) {
		t.Errorf("suggested name %q", filepath.Base(path))
	}
}

func TestFailedExportLeavesNoFile(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	path := filepath.Join(t.TempDir(), "x.pdf")
	writer, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	// Not issued: the service refuses to export it.
	w.exporter.fetchInto(app.Invoice{Number: "25510000000000000001"}, app.FormatPDF, writer)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s behind (%v)", path, err)
	}
	if shown := overlayTexts(w.win); !strings.Contains(shown, "导出失败") {
		t.Errorf("dialog: %q", shown)
	}
}

func TestExportButtonsOpenASaveDialogWithTheSuggestedName(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	fx.fillValidInvoice()
	w.form.issue()
	dismissOverlays(w.win)
	w.list.table.Select(0)
	w.list.detail.exportXML.OnTapped()
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("导出 XML should open a save dialog")
	}
	want := app.ExportFileName(w.list.invoices[0], app.FormatXML)
	if shown := overlayTexts(w.win); !strings.Contains(shown, want) {
		t.Errorf("save dialog does not suggest %q", want)
	}
}

func TestMenuShortcutsIssueAndAddALine(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	menu := w.win.MainMenu()
	if menu == nil {
		t.Fatal("no main menu")
	}
	items := map[string]*fyne.MenuItem{}
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				items[it.Shortcut.ShortcutName()] = it
			}
		}
	}
	add := items[shortcutAddLine.ShortcutName()]
	issue := items[shortcutIssue.ShortcutName()]
	if add == nil || issue == nil {
		t.Fatalf("menu shortcuts: %v", items)
	}
	w.tabs.SelectIndex(tabIssued)
	add.Action()
	if len(w.form.lines.rows) != 2 || w.tabs.SelectedIndex() != tabIssue {
		t.Error("Ctrl+L should add a line on the form")
	}
	fx.fillValidInvoice()
	issue.Action()
	if fx.issuer.receivedCount() != 1 {
		t.Error("Ctrl+Enter should issue")
	}
}

func TestListSearch(t *testing.T) {
	fx := newFixture(t)
	fx.store.put(app.Invoice{RequestSerial: "S1", Number: "25510000000000000001", Status: app.StatusIssued,
		Buyer: app.Party{Name: "甲公司", TaxID: "9111011457319202X9"}})
	fx.store.put(app.Invoice{RequestSerial: "S2", Number: "25510000000000000002", Status: app.StatusIssued,
		Buyer: app.Party{Name: "乙公司", TaxID: "91510113MA6739XPX2"}})
	w := fx.open()
	if len(w.list.invoices) != 2 || w.list.invoices[0].RequestSerial != "S2" {
		t.Fatalf("list = %+v, want both, newest first", w.list.invoices)
	}
	w.list.search.SetText("MA6739")
	if len(w.list.invoices) != 1 || w.list.invoices[0].Buyer.Name != "乙公司" {
		t.Errorf("search by tax ID: %+v", w.list.invoices)
	}
	w.list.search.SetText("不存在")
	if len(w.list.invoices) != 0 || !w.list.empty.Visible() {
		t.Error("no match should show the empty note")
	}
}
