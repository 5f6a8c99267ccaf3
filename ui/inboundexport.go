package ui

import (
	"context"
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// inboundFormat is a file format the filtered inbound invoices export to.
type inboundFormat struct {
	ext, name string
	write     func(io.Writer, inboundRows, func(int)) (int, error)
}

var (
	inboundXLSX = inboundFormat{ext: "xlsx", name: "XLSX", write: writeInboundXLSX}
	inboundCSV  = inboundFormat{ext: "csv", name: "CSV", write: writeInboundCSV}
)

// export asks where to save, then writes what the filters match, in the
// table's order, there. It reuses the folder of the last export.
func (s *inboundScreen) export(f inboundFormat) {
	w := s.w
	q, total := s.fullQuery(), s.table.count
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			showMessage(w.win, lang.X("export.failed.title", "导出失败"), err.Error())
		case wc != nil: // nil: cancelled
			w.app.Preferences().SetString(prefExportDir, parentPath(wc.URI()))
			s.exportInto(f, q, total, wc)
		}
	}, w.win)
	name := lang.X("inbound.export.file", "进项发票_{{.Date}}", map[string]any{"Date": w.svc.Issuing.Now().In(app.ChinaTime).Format("20060102")})
	save.SetFileName(name + "." + f.ext)
	save.SetFilter(storage.NewExtensionFileFilter([]string{"." + f.ext}))
	if dir := w.app.Preferences().String(prefExportDir); dir != "" {
		if lister, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			save.SetLocation(lister)
		}
	}
	save.Show()
	save.Resize(fyne.NewSize(900, 640)) // only after Show, as in exporter.export
}

// exportInto writes the rows to wc in the background behind a progress
// dialog whose 取消 stops it. A cancelled or failed export leaves no file.
func (s *inboundScreen) exportInto(f inboundFormat, q app.InboundQuery, total int, wc fyne.URIWriteCloser) {
	w := s.w
	ctx, cancel := context.WithCancel(w.ctx)
	p := newExportProgress(w.win, f, total, cancel)
	inbound := w.svc.Inbound
	w.tasks.run(func() {
		defer cancel()
		rows := func(fn func(app.InboundInvoice) error) error { return inbound.Each(ctx, q, fn) }
		n, err := f.write(wc, rows, func(n int) { w.tasks.toUI(func() { p.show(n) }) })
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = storage.Delete(wc.URI())
		}
		w.tasks.toUI(func() {
			p.done()
			switch {
			case errors.Is(err, context.Canceled):
				showMessage(w.win, lang.X("inbound.export.cancelled.title", "已取消导出"),
					lang.X("inbound.export.cancelled", "导出已取消,未留下文件"))
			case err != nil:
				showMessage(w.win, lang.X("export.failed.title", "导出失败"), err.Error())
			default:
				showMessage(w.win, lang.X("export.done.title", "已导出"),
					lang.X("inbound.export.done", "已导出 {{.N}} 张到:{{.Path}}",
						map[string]any{"N": groupedCount(int64(n)), "Path": wc.URI().Path()}))
			}
		})
	})
}

// exportProgress is the dialog an export runs behind: how many rows are
// written of how many, and 取消.
type exportProgress struct {
	d        dialog.Dialog
	bar      *widget.ProgressBar
	text     *widget.Label
	total    int
	finished bool // the export ended by itself: closing is not a 取消
	closed   bool
}

func newExportProgress(win fyne.Window, f inboundFormat, total int, cancel func()) *exportProgress {
	p := &exportProgress{bar: widget.NewProgressBar(), text: widget.NewLabel(""), total: total}
	p.bar.Max = float64(max(total, 1))
	title := lang.X("inbound.export.progress.title", "正在导出 {{.Format}}", map[string]any{"Format": f.name})
	p.d = dialog.NewCustom(title, lang.X("inbound.export.cancel", "取消"),
		container.NewVBox(fixedWidth(p.text, messageWidth), p.bar), win)
	p.d.SetOnClosed(func() {
		p.closed = true
		if !p.finished {
			cancel() // the clerk's 取消 (or Escape)
		}
	})
	keysForDialog(win, p.d, p.d.Hide, func() {})
	p.show(0)
	p.d.Show()
	return p
}

// show says how far the export is.
func (p *exportProgress) show(n int) {
	p.text.SetText(lang.X("inbound.export.progress", "已导出 {{.N}} / {{.Total}} 张",
		map[string]any{"N": groupedCount(int64(n)), "Total": groupedCount(int64(p.total))}))
	p.bar.SetValue(float64(n))
}

// done closes the dialog when the export ended by itself.
func (p *exportProgress) done() {
	p.finished = true
	if !p.closed {
		p.d.Hide()
	}
}
