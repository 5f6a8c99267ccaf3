package ui

import (
	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// reasonName is a red reason's name in the UI's language.
func reasonName(r app.RedReason) string {
	switch r {
	case app.RedReasonMistake:
		return lang.X("red.reason.01", "开票有误")
	case app.RedReasonReturn:
		return lang.X("red.reason.02", "销货退回")
	case app.RedReasonStop:
		return lang.X("red.reason.03", "服务中止")
	case app.RedReasonAllowance:
		return lang.X("red.reason.04", "销售折让")
	}
	return r.Label()
}

// reasonLabel is a reason with its code, as the bureau's forms print it.
func reasonLabel(r app.RedReason) string { return string(r) + " " + reasonName(r) }

// formStateLabel is a form state (xxbztDm) in the UI's language.
func formStateLabel(s app.RedFormState) string {
	switch s {
	case "":
		return "—"
	case app.RedFormNoConfirmation:
		return lang.X("red.form.01", "无需确认")
	case app.RedFormAwaitingBuyer:
		return lang.X("red.form.02", "待购方确认")
	case app.RedFormAwaitingSeller:
		return lang.X("red.form.03", "待销方确认")
	case app.RedFormConfirmed:
		return lang.X("red.form.04", "购销双方已确认")
	case app.RedFormRefusedByBuyer:
		return lang.X("red.form.05", "作废(购方否认)")
	case app.RedFormRefusedBySeller:
		return lang.X("red.form.06", "作废(销方否认)")
	case app.RedFormExpired:
		return lang.X("red.form.07", "作废(超72小时未确认)")
	case app.RedFormWithdrawn:
		return lang.X("red.form.08", "作废(已撤销)")
	case app.RedFormWithdrawnAfter:
		return lang.X("red.form.09", "作废(确认后撤销)")
	case app.RedFormAbnormalVoucher:
		return lang.X("red.form.10", "作废(异常凭证)")
	}
	return s.Label()
}

// voidReason says in a few words why a void form is void, for the
// notification: 超72小时未确认, 购方否认 …
func voidReason(s app.RedFormState) string {
	switch s {
	case app.RedFormRefusedByBuyer:
		return lang.X("red.void.05", "购买方已拒绝")
	case app.RedFormRefusedBySeller:
		return lang.X("red.void.06", "销售方已拒绝")
	case app.RedFormExpired:
		return lang.X("red.void.07", "超72小时未确认")
	case app.RedFormWithdrawn, app.RedFormWithdrawnAfter:
		return lang.X("red.void.08", "已撤销")
	case app.RedFormAbnormalVoucher:
		return lang.X("red.void.10", "异常凭证")
	}
	return formStateLabel(s)
}

// stepLabel is where a red case stands, in the UI's language.
func stepLabel(s app.RedStep) string {
	switch s {
	case app.RedStepApplying:
		return lang.X("red.step.applying", "申请确认单中")
	case app.RedStepAwaiting:
		return lang.X("red.step.awaiting", "等待对方确认")
	case app.RedStepReady:
		return lang.X("red.step.ready", "可开具红字发票")
	case app.RedStepIssuing:
		return lang.X("red.step.issuing", "红字发票开具中")
	case app.RedStepIssued:
		return lang.X("red.step.issued", "已开具红字发票")
	case app.RedStepVoid:
		return lang.X("red.step.void", "确认单已作废")
	}
	return s.Label()
}

// modeLabel is 全额红冲 or 部分红冲.
func modeLabel(partial bool) string {
	if partial {
		return lang.X("red.mode.partial", "部分红冲")
	}
	return lang.X("red.mode.full", "全额红冲")
}

// dash shows an empty value as a dash, so a blank cell reads as "none yet".
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
