package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// reconcileTimeout bounds start-up reconciliation; what it does not reach
// stays unknown and is looked at again next time.
const reconcileTimeout = 2 * time.Minute

// startReconcile resolves, in the background, invoices whose outcome was not
// known when the app last stopped. The result goes to the status bar; a
// dialog only when invoices turned out issued or must be resubmitted.
func (w *mainWindow) startReconcile() {
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), reconcileTimeout)
		defer cancel()
		rep, err := w.svc.Issuing.Reconcile(ctx)
		w.tasks.toUI(func() { w.reconciled(rep, err) })
	})
}

// reconcileResult is what start-up reconciliation found, kept so the status
// bar can say it again in another language.
type reconcileResult struct {
	report app.ReconcileReport
	err    error
}

// reconcileStatus is the status bar's reconciliation text.
func (w *mainWindow) reconcileStatus() string {
	if w.reconcile == nil {
		return lang.X("reconcile.running", "正在核对结果未知的发票……")
	}
	return reconcileSummary(w.reconcile.report, w.reconcile.err)
}

func (w *mainWindow) reconciled(rep app.ReconcileReport, err error) {
	w.reconcile = &reconcileResult{report: rep, err: err}
	w.status.setReconcile(w.reconcileStatus())
	if len(rep.Issued)+len(rep.NotSent)+len(rep.Resend) > 0 {
		w.refreshList()
		showMessage(w.win, lang.X("reconcile.title", "上次未确认的发票"), reconcileDetails(rep))
	}
}

func reconcileSummary(rep app.ReconcileReport, err error) string {
	switch {
	case err != nil:
		return lang.X("reconcile.failed", "核对未完成:{{.Error}}", map[string]any{"Error": err.Error()})
	case rep.Checked == 0:
		return lang.X("reconcile.none", "没有结果未知的发票")
	case len(rep.Resend) > 0:
		return lang.X("reconcile.summary_resend", "已核对 {{.Checked}} 张:已开具 {{.Issued}},待重新提交 {{.NotSent}},无法查询须重新提交 {{.Resend}},仍待确认 {{.Failed}}",
			counts(rep))
	}
	return lang.X("reconcile.summary", "已核对 {{.Checked}} 张:已开具 {{.Issued}},待重新提交 {{.NotSent}},仍待确认 {{.Failed}}",
		counts(rep))
}

func reconcileDetails(rep app.ReconcileReport) string {
	var parts []string
	if len(rep.Issued)+len(rep.NotSent) > 0 {
		parts = append(parts, lang.X("reconcile.details", "启动时核对了上次结果未知的发票:{{.Issued}} 张税局已开具,已记录;{{.NotSent}} 张税局未开具,已改为待处理。",
			counts(rep)))
	}
	if len(rep.Resend) > 0 {
		// The provider cannot be asked (迅联云): resubmitting under the
		// same serial is safe, the provider deduplicates it.
		parts = append(parts, lang.X("reconcile.resend", "{{.Resend}} 张发票的结果无法查询(当前开票服务不能按流水号查询),已改为待处理:请重新提交,服务按原流水号去重,不会重复开具。",
			counts(rep)))
	}
	if len(rep.NotSent)+len(rep.Resend) > 0 {
		parts = append(parts, lang.X("reconcile.resubmit", "待处理的发票可在「已开发票」中选中并点击「重新提交」(沿用原流水号,不会重复开具)。"))
	}
	return strings.Join(parts, "\n\n")
}

func counts(rep app.ReconcileReport) map[string]any {
	return map[string]any{
		"Checked": strconv.Itoa(rep.Checked), "Issued": strconv.Itoa(len(rep.Issued)),
		"NotSent": strconv.Itoa(len(rep.NotSent)), "Failed": strconv.Itoa(len(rep.Failed)),
		"Resend": strconv.Itoa(len(rep.Resend)),
	}
}
