package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"fapiao/app"
)

// prefExportDir remembers where the clerk last saved a file: they usually
// export many invoices into the same folder.
const prefExportDir = "export_dir"

// exportTimeout bounds fetching a file from the provider.
const exportTimeout = 2 * time.Minute

// exporter saves an invoice's PDF, OFD or XML where the clerk chooses.
type exporter struct {
	win   fyne.Window
	svc   *app.Services
	tasks *tasks
	prefs fyne.Preferences
}

// export asks where to save, then fetches the file and writes it there.
func (x *exporter) export(inv app.Invoice, format app.DocFormat) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			showMessage(x.win, lang.X("export.failed.title", "导出失败"), err.Error())
		case w != nil: // nil: cancelled
			x.prefs.SetString(prefExportDir, parentPath(w.URI()))
			x.fetchInto(inv, format, w)
		}
	}, x.win)
	save.SetFileName(app.ExportFileName(inv, format))
	save.SetFilter(storage.NewExtensionFileFilter([]string{"." + string(format)}))
	if dir := x.prefs.String(prefExportDir); dir != "" {
		if lister, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			save.SetLocation(lister)
		}
	}
	save.Show()
	save.Resize(fyne.NewSize(900, 640)) // only after Show: before it, Fyne's file dialog has no content to size

}

// fetchInto fetches the file in the background and writes it to w. On
// failure the file is removed, so no empty or partial file is left behind.
func (x *exporter) fetchInto(inv app.Invoice, format app.DocFormat, w fyne.URIWriteCloser) {
	done := showProgress(x.win, lang.X("export.progress.title", "正在导出"),
		lang.X("export.progress", "正在获取发票 {{.Number}} 的 {{.Format}} 文件……",
			map[string]any{"Number": inv.Number, "Format": formatName(format)}))
	x.tasks.run(func() {
		err := x.write(inv, format, w)
		x.tasks.toUI(func() {
			done()
			if err != nil {
				showMessage(x.win, lang.X("export.failed.title", "导出失败"), err.Error())
				return
			}
			showMessage(x.win, lang.X("export.done.title", "已导出"),
				lang.X("export.done", "已保存到:{{.Path}}", map[string]any{"Path": w.URI().Path()}))
		})
	})
}

func (x *exporter) write(inv app.Invoice, format app.DocFormat, w fyne.URIWriteCloser) error {
	ctx, cancel := context.WithTimeout(context.Background(), exportTimeout)
	defer cancel()
	data, err := x.svc.Issuing.Export(ctx, inv.Number, format)
	if err == nil {
		_, err = w.Write(data)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = storage.Delete(w.URI())
	}
	return err
}

func parentPath(u fyne.URI) string {
	parent, err := storage.Parent(u)
	if err != nil {
		return ""
	}
	return parent.Path()
}

func formatName(f app.DocFormat) string {
	switch f {
	case app.FormatPDF:
		return "PDF"
	case app.FormatOFD:
		return "OFD"
	case app.FormatXML:
		return "XML"
	}
	return string(f)
}
