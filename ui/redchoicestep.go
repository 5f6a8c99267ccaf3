package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// The two ways of reversing, as the mode choices' values.
const (
	modeFull    = "full"
	modePartial = "partial"
)

// redChoiceStep is ② 红冲方式: why (01–04, those the rules forbid disabled
// with the reason beside them) and how much — the whole invoice, or parts
// of lines typed in a table whose red amounts are worked out as the clerk
// types, by the same rules the app will apply.
type redChoiceStep struct {
	wiz *redWizard
	chk app.RedCheck

	reasons     *choiceSet
	reasonErr   *errorLabel
	modes       *choiceSet
	partialNote *widget.Label
	modeErr     *errorLabel
	picks       *redPickTable
	sum         *widget.Label
	general     *errorLabel
	showAll     bool // after a 申请 attempt every error shows
	content     fyne.CanvasObject
}

func newRedChoiceStep(wiz *redWizard, chk app.RedCheck) *redChoiceStep {
	s := &redChoiceStep{wiz: wiz, chk: chk, reasonErr: newErrorLabel(), modeErr: newErrorLabel(), general: newErrorLabel()}
	s.reasons = newChoiceSet(func(string) { s.reasonChanged() })
	s.modes = newChoiceSet(func(string) { s.modeChanged() })
	// A clicked radio keeps the focus and would swallow Enter.
	unfocus := func() { wiz.w.win.Canvas().Unfocus() }
	s.reasons.afterPick, s.modes.afterPick = unfocus, unfocus
	s.partialNote = widget.NewLabel("")
	s.picks = newRedPickTable(s, chk.Remaining)
	s.sum = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.sum.Importance = widget.DangerImportance

	reasonRows := []fyne.CanvasObject{sectionTitle(lang.X("red.reason", "红冲原因"))}
	for _, r := range app.RedReasons {
		reasonRows = append(reasonRows, s.reasonRow(r))
	}
	reasonRows = append(reasonRows, s.reasonErr)
	full := s.modes.add(modeFull, modeLabel(false))
	partial := s.modes.add(modePartial, modeLabel(true))
	s.partialNote.Wrapping = fyne.TextWrapWord
	s.partialNote.Importance = widget.WarningImportance
	modeRows := container.NewVBox(sectionTitle(lang.X("red.mode", "红冲方式")), full, partial, s.partialNote, s.modeErr)
	// Side by side: the table below needs the height.
	choices := container.NewGridWithColumns(2, container.NewVBox(reasonRows...), modeRows)
	body := container.NewVBox(choices, s.picks.content, s.general)
	s.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), s.sum), nil, nil,
		container.NewVScroll(body))
	s.modes.set(modeFull)
	s.reasonChanged()
	return s
}

// reasonRow is a reason's choice with what it allows beside it, or —
// disabled — the rule's word under it when the invoice's lines forbid it.
func (s *redChoiceStep) reasonRow(r app.RedReason) fyne.CanvasObject {
	g := s.reasons.add(string(r), reasonLabel(r))
	refusal, refused := s.chk.ReasonRefusals[r]
	if !refused {
		refusal, refused = openCaseRefusal(s.chk.Cases, r)
	}
	if !refused {
		// Caption-sized, not dimmed: Fyne's low importance is unreadable.
		hint := widget.NewLabel(reasonHint(r))
		hint.SizeName = theme.SizeNameCaptionText
		return container.NewHBox(g, hint)
	}
	s.reasons.enable(string(r), false)
	note := widget.NewLabel(lang.X("red.refused", "不可选:{{.Why}}", map[string]any{"Why": refusal}))
	note.Importance = widget.WarningImportance
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(g, note)
}

// openCaseRefusal says why a reason that has a case under way cannot be
// chosen again: the bureau keys forms by invoice and reason, so a second
// case would be handed the first one's form (the red service refuses it).
func openCaseRefusal(cases []app.RedCase, r app.RedReason) (string, bool) {
	for _, c := range cases {
		if c.Reason == r && c.Step.Open() {
			return lang.X("red.reason.case_open", "该原因已有进行中的红冲(编号 {{.ID}},{{.Step}}),请在「红冲」中先完成它",
				map[string]any{"ID": strconv.FormatInt(c.ID, 10), "Step": stepLabel(c.Step)}), true
		}
	}
	return "", false
}

// reasonHint says in a few words how much a reason may reverse.
func reasonHint(r app.RedReason) string {
	switch r {
	case app.RedReasonMistake:
		return lang.X("red.hint.01", "整张发票全额红冲")
	case app.RedReasonReturn:
		return lang.X("red.hint.02", "按退回数量或金额,可部分红冲")
	case app.RedReasonStop:
		return lang.X("red.hint.03", "按中止部分的金额,可部分红冲")
	}
	return lang.X("red.hint.04", "按折让金额,可部分红冲")
}

func (s *redChoiceStep) reason() app.RedReason { return app.RedReason(s.reasons.selected) }
func (s *redChoiceStep) partial() bool         { return s.modes.selected == modePartial }

// reasonChanged decides whether a partial red is possible for the reason:
// not before one is chosen, not for 01, not where the check says no.
func (s *redChoiceStep) reasonChanged() {
	s.reasonErr.set(nil)
	why := ""
	switch {
	case s.reason() == "":
		why = lang.X("red.partial.choose_reason", "请先选择红冲原因")
	case s.chk.PartialRefusal != "":
		why = s.chk.PartialRefusal
		if provider := s.wiz.w.missingWhy(app.FeaturePartialRed); provider != "" {
			why = provider // the provider's own reason says more than "not supported"
		}
	case s.reason() == app.RedReasonMistake:
		why = lang.X("red.partial.mistake", "开票有误(01)只能全额红冲")
	}
	s.partialNote.SetText(why)
	showIf(s.partialNote, why != "")
	s.modes.enable(modePartial, why == "")
	if s.modes.selected == "" {
		s.modes.set(modeFull)
	}
	s.picks.setReason(s.reason())
	s.recompute()
}

func (s *redChoiceStep) modeChanged() {
	s.modeErr.set(nil)
	showIf(s.picks.content, s.partial())
	s.recompute()
}

// recompute shows the red totals of what is chosen now.
func (s *redChoiceStep) recompute() {
	var lines []app.Line
	if s.partial() {
		lines = s.picks.recompute(s.showAll)
	} else {
		lines = redLineBodies(app.LeftToReverse(s.chk.Remaining))
	}
	t := app.SumLines(lines)
	s.sum.SetText(lang.X("red.sum", "红字发票:金额 {{.Amount}}   税额 {{.Tax}}   价税合计 {{.Total}}",
		map[string]any{"Amount": yuan(t.Amount), "Tax": yuan(t.Tax), "Total": yuan(t.Total)}))
}

// request is the clerk's choice as the red service takes it.
func (s *redChoiceStep) request() app.RedRequest {
	req := app.RedRequest{BlueNumber: s.chk.Number, Reason: s.reason(), Partial: s.partial()}
	if req.Partial {
		req.Picks = s.picks.requestPicks()
	}
	return req
}

// submit checks the choice as the red service will, showing every
// problem beside its choice; ok when it may be sent.
func (s *redChoiceStep) submit() (app.RedRequest, bool) {
	s.showAll = true
	s.recompute()
	req := s.request()
	if req.Reason == "" {
		s.reasonErr.set([]string{lang.X("red.reason.required", "请选择红冲原因")})
		return req, false
	}
	_, err := app.PlanRed(req, s.chk.Remaining)
	if err != nil {
		s.showErrors(err)
		s.picks.focusFirstError(s.wiz.w.win)
		return req, false
	}
	s.showErrors(nil)
	return req, true
}

// takeErrors shows the red service's refusal of the choice beside the
// choices at fault; false when err is not about the choice.
func (s *redChoiceStep) takeErrors(err error) bool {
	var verr *app.ValidationError
	if !errors.As(err, &verr) {
		return false
	}
	s.showErrors(err)
	return true
}

// showErrors hands each message to its choice; the rest go under them.
func (s *redChoiceStep) showErrors(err error) {
	m := newFieldMessages(err)
	s.reasonErr.set(m.take("reason", true))
	s.modeErr.set(m.take("partial", true))
	s.picks.clearErrors()
	for _, field := range m.fields() {
		if strings.HasPrefix(field, "picks") {
			s.picks.takeError(field, m.take(field, true))
		}
	}
	s.general.set(m.unclaimed())
}
