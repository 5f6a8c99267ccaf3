package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// The codes the 进项发票 filters offer, in the order a clerk looks for
// them; each has a label below. Codes the bureau sends that are not here
// still show, as their code.
var (
	inboundStateCodes = []string{"0", "1", "2", "3", "4", "7", "8", "80"}
	inboundRiskCodes  = []string{"0", "1", "2", "3", "4", "5", "6"}
	inboundTypeCodes  = []string{"81", "82", "85", "86", "09", "90", "01", "08", "04", "10", "14",
		"03", "83", "87", "51", "61", "17", "18"}
	inboundCheckCodes = []string{"0", "1"}
)

// inboundStatusCodes are the sync statuses as codes.
func inboundStatusCodes() []string {
	out := make([]string, len(app.InboundStatuses))
	for i, s := range app.InboundStatuses {
		out[i] = string(s)
	}
	return out
}

// inboundStatusLabel is a sync status (rzzt) in the UI's language.
func inboundStatusLabel(s app.InboundStatus) string {
	switch s {
	case app.InboundUnchecked:
		return lang.X("inbound.status.10", "未勾选")
	case app.InboundChecked:
		return lang.X("inbound.status.11", "当期已勾选")
	case app.InboundExportDomestic:
		return lang.X("inbound.status.12", "出口转内销")
	case app.InboundNotDeductible:
		return lang.X("inbound.status.15", "不抵扣已勾选")
	case app.InboundNotDue:
		return lang.X("inbound.status.16", "未到期")
	case app.InboundExportRebate:
		return lang.X("inbound.status.17", "出口退税已认证")
	case app.InboundPastPeriods:
		return lang.X("inbound.status.40", "往期")
	}
	return s.Label()
}

// inboundTypeLabel is an invoice or voucher type (invoiceType).
func inboundTypeLabel(code string) string {
	switch code {
	case "81":
		return lang.X("inbound.type.81", "数电专票")
	case "82":
		return lang.X("inbound.type.82", "数电普票")
	case "85":
		return lang.X("inbound.type.85", "数电纸质专票")
	case "86":
		return lang.X("inbound.type.86", "数电纸质普票")
	case "09":
		return lang.X("inbound.type.09", "全电专票")
	case "90":
		return lang.X("inbound.type.90", "全电普票")
	case "01":
		return lang.X("inbound.type.01", "增值税专票")
	case "08":
		return lang.X("inbound.type.08", "增值税电子专票")
	case "04":
		return lang.X("inbound.type.04", "增值税普票")
	case "10":
		return lang.X("inbound.type.10", "增值税电子普票")
	case "14":
		return lang.X("inbound.type.14", "通行费电子普票")
	case "03":
		return lang.X("inbound.type.03", "机动车发票")
	case "83":
		return lang.X("inbound.type.83", "机动车电子发票")
	case "87":
		return lang.X("inbound.type.87", "机动车纸质发票")
	case "51":
		return lang.X("inbound.type.51", "铁路电子客票")
	case "61":
		return lang.X("inbound.type.61", "航空行程单")
	case "17":
		return lang.X("inbound.type.17", "海关缴款书")
	case "18":
		return lang.X("inbound.type.18", "完税凭证")
	}
	return code
}

// inboundStateLabel is an invoice's state (发票状态).
func inboundStateLabel(code string) string {
	switch code {
	case "0":
		return lang.X("inbound.state.0", "正常")
	case "1":
		return lang.X("inbound.state.1", "作废")
	case "2":
		return lang.X("inbound.state.2", "红冲")
	case "3":
		return lang.X("inbound.state.3", "失控")
	case "4":
		return lang.X("inbound.state.4", "异常")
	case "7":
		return lang.X("inbound.state.7", "部分红冲")
	case "8":
		return lang.X("inbound.state.8", "全额红冲")
	case "80":
		return lang.X("inbound.state.80", "红字待确认")
	}
	return code
}

// inboundStateImportance colours a state: one that takes the deduction
// away stands out.
func inboundStateImportance(code string) widget.Importance {
	switch code {
	case "0", "":
		return widget.MediumImportance
	case "2", "7", "8", "80":
		return widget.WarningImportance
	}
	return widget.DangerImportance
}

// inboundRiskLabel is a management status (风险等级).
func inboundRiskLabel(code string) string {
	switch code {
	case "0":
		return lang.X("inbound.risk.0", "正常")
	case "1":
		return lang.X("inbound.risk.1", "疑点")
	case "2":
		return lang.X("inbound.risk.2", "异常")
	case "3":
		return lang.X("inbound.risk.3", "红字锁定")
	case "4":
		return lang.X("inbound.risk.4", "禁止勾选退税")
	case "5":
		return lang.X("inbound.risk.5", "机动车高风险")
	case "6":
		return lang.X("inbound.risk.6", "机动车低风险")
	}
	return code
}

// inboundRiskImportance: any risk but none stands out.
func inboundRiskImportance(code string) widget.Importance {
	if code == "0" || code == "" {
		return widget.MediumImportance
	}
	return widget.DangerImportance
}

// inboundCheckLabel is a check status (勾选状态).
func inboundCheckLabel(code string) string {
	switch code {
	case "0":
		return lang.X("inbound.check.0", "未勾选")
	case "1":
		return lang.X("inbound.check.1", "已勾选")
	}
	return code
}

// inboundKindLabel is the adapter format's kind: invoice or voucher.
func inboundKindLabel(code string) string {
	switch code {
	case "FP":
		return lang.X("inbound.kind.fp", "发票")
	case "HGJKS":
		return lang.X("inbound.kind.hgjks", "海关缴款书")
	}
	return code
}

// inboundDeductibleLabel says whether it was certified (是否认证).
func inboundDeductibleLabel(code string) string {
	switch code {
	case "0":
		return lang.X("inbound.deductible.0", "未认证")
	case "1":
		return lang.X("inbound.deductible.1", "已认证")
	}
	return code
}

// inboundDeductibleTypeLabel is how it was certified (认证方式).
func inboundDeductibleTypeLabel(code string) string {
	switch code {
	case "1":
		return lang.X("inbound.deductible_type.1", "勾选")
	case "2":
		return lang.X("inbound.deductible_type.2", "扫描")
	}
	return code
}

// inboundDeductibleModeLabel is what it was certified for (认证模式).
func inboundDeductibleModeLabel(code string) string {
	switch code {
	case "1":
		return lang.X("inbound.deductible_mode.1", "抵扣")
	case "2":
		return lang.X("inbound.deductible_mode.2", "退税")
	case "4":
		return lang.X("inbound.deductible_mode.4", "不抵扣勾选")
	}
	return code
}

// inboundAbnormalLabel is the kind of abnormality (异常类别).
func inboundAbnormalLabel(code string) string {
	switch code {
	case "0":
		return lang.X("inbound.abnormal.0", "状态异常")
	case "1":
		return lang.X("inbound.abnormal.1", "用途变更")
	case "2":
		return lang.X("inbound.abnormal.2", "管理状态异常")
	}
	return code
}

// inboundYesNoLabel is a 0/1 flag (ylzd2: 是否录入不符项).
func inboundYesNoLabel(code string) string {
	switch code {
	case "0":
		return lang.X("inbound.no", "否")
	case "1":
		return lang.X("inbound.yes", "是")
	}
	return code
}

// inboundNotDeductibleLabel is why it is not deducted (ylzd4: 不抵扣类型).
func inboundNotDeductibleLabel(code string) string {
	switch code {
	case "1":
		return lang.X("inbound.not_deductible.1", "非应税项目")
	case "2":
		return lang.X("inbound.not_deductible.2", "免税项目")
	case "3":
		return lang.X("inbound.not_deductible.3", "福利消费")
	case "4":
		return lang.X("inbound.not_deductible.4", "非正常损失")
	case "5":
		return lang.X("inbound.not_deductible.5", "其他")
	}
	return code
}

// inboundBusinessLabel is the special business type (tdyslxDm).
func inboundBusinessLabel(code string) string {
	switch code {
	case "08":
		return lang.X("inbound.business.08", "通行费")
	case "12":
		return lang.X("inbound.business.12", "自产农产品")
	case "16":
		return lang.X("inbound.business.16", "采购农产品")
	case "06":
		return lang.X("inbound.business.06", "不动产")
	}
	return code
}

// inboundFieldLabel names a field whose changes are recorded.
func inboundFieldLabel(field string) string {
	switch field {
	case "check_status":
		return lang.X("inbound.field.check_status", "勾选状态")
	case "state":
		return lang.X("inbound.field.state", "发票状态")
	}
	return field
}

// inboundChangeValue is a recorded value in words, as its field means it.
func inboundChangeValue(field, code string) string {
	switch field {
	case "check_status":
		return inboundCheckLabel(code)
	case "state":
		return inboundStateLabel(code)
	}
	return code
}
