package ui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// redMark is what the local red cases say of one blue invoice.
type redMark = app.RedMark

// redMarksOf groups cases by the blue invoice they reverse.
func redMarksOf(cases []app.RedCase) map[string]redMark { return app.RedMarks(cases) }

// isRed reports whether inv is a red invoice: it names the blue one it
// reverses, or its total is negative.
func isRed(inv app.Invoice) bool { return inv.BlueNumber != "" || inv.Total.IsNegative() }

// redLabel is 部分红冲 or 全额红冲, or "" when nothing was reversed.
func redLabel(inv app.Invoice, m redMark) string {
	switch {
	case m.Full(inv):
		return lang.X("red.mode.full", "全额红冲")
	case m.Issued > 0:
		return lang.X("red.mode.partial", "部分红冲")
	}
	return ""
}

// listStatus is the issued list's status cell: 红字发票 for a red invoice,
// 部分红冲 / 全额红冲 for a reversed blue one, the status otherwise.
func listStatus(inv app.Invoice, m redMark) (string, widget.Importance) {
	if inv.Status != app.StatusIssued {
		return statusLabel(inv.Status), statusImportance(inv.Status)
	}
	if isRed(inv) {
		return lang.X("red.invoice", "红字发票"), widget.DangerImportance
	}
	if label := redLabel(inv, m); label != "" {
		return label, widget.WarningImportance
	}
	if m.Open > 0 {
		return lang.X("red.under_way", "红冲中"), widget.WarningImportance
	}
	return statusLabel(inv.Status), statusImportance(inv.Status)
}

// redStatusText says, for the details, what was reversed of a blue
// invoice and what is left.
func redStatusText(inv app.Invoice, m redMark) string {
	text := ""
	switch {
	case m.Full(inv):
		text = lang.X("red.status.full", "全额红冲:已红冲 {{.Reversed}},没有可红冲的金额",
			map[string]any{"Reversed": yuan(m.Reversed)})
	case m.Issued > 0:
		text = lang.X("red.status.partial", "部分红冲:已红冲 {{.Reversed}},剩余可红冲 {{.Left}}",
			map[string]any{"Reversed": yuan(m.Reversed), "Left": yuan(m.Left(inv))})
	}
	if m.Open > 0 {
		if text != "" {
			text += "\n"
		}
		text += lang.X("red.status.open", "另有 {{.N}} 笔红冲在进行中(见「红冲」)", map[string]any{"N": strconv.Itoa(m.Open)})
	}
	return text
}

// redRefusal says why a 红冲 cannot start from inv, or "" when it can.
func redRefusal(inv app.Invoice, m redMark) string {
	switch {
	case inv.Status != app.StatusIssued || inv.Number == "":
		return lang.X("red.refusal.not_issued", "只有已开具的发票才能红冲")
	case isRed(inv):
		return lang.X("red.refusal.red", "这是红字发票,不能再红冲")
	case m.Full(inv):
		return lang.X("red.refusal.full", "已全额红冲,没有可红冲的金额")
	}
	return ""
}
