package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// redCheckStep is ① 核对蓝字发票: the blue invoice as the bureau sees it —
// buyer, date, what can still be reversed (negative), what was reversed
// before, and whether the buyer must confirm the form.
type redCheckStep struct {
	wiz       *redWizard
	number    *keyEntry
	numberErr *errorLabel
	bar       *widget.ProgressBarInfinite
	progress  fyne.CanvasObject
	details   *fyne.Container

	chk     app.RedCheck
	checked string // the number chk is about; "" before a check succeeded
	left    bool   // something is left to reverse
	content fyne.CanvasObject
}

func newRedCheckStep(wiz *redWizard, number string) *redCheckStep {
	s := &redCheckStep{wiz: wiz, numberErr: newErrorLabel(), details: container.NewVBox()}
	s.number = newKeyEntry()
	s.number.SetPlaceHolder(lang.X("red.number.placeholder", "20位数电发票号码"))
	s.number.SetText(number)
	s.number.OnChanged = func(string) { wiz.render() }
	s.number.OnSubmitted = func(string) { wiz.goNext() }
	s.number.onEscape = wiz.close
	s.bar = widget.NewProgressBarInfinite()
	s.bar.Stop()
	checking := lang.X("red.checking", "正在向税局核对蓝字发票……")
	if wiz.w.directRed() {
		checking = lang.X("red.direct.checking", "正在核对本机的开具记录……")
	}
	s.progress = container.NewVBox(widget.NewLabel(checking), s.bar)
	s.progress.Hide()
	row := container.NewBorder(nil, nil, widget.NewLabel(lang.X("red.number", "蓝字发票号码")), nil, s.number)
	s.content = container.NewBorder(container.NewVBox(row, s.numberErr, s.progress), nil, nil, nil,
		container.NewVScroll(s.details))
	return s
}

// ready reports whether the check on screen is of the number typed and
// leaves something to reverse: the wizard may go on.
func (s *redCheckStep) ready() bool {
	return s.checked != "" && s.checked == strings.TrimSpace(s.number.Text) && s.left
}

// run asks the bureau about the typed number.
func (s *redCheckStep) run() {
	number := strings.TrimSpace(s.number.Text)
	if number == "" {
		s.numberErr.set([]string{lang.X("red.number.required", "请输入蓝字发票号码")})
		return
	}
	s.checked, s.left = "", false
	s.numberErr.set(nil)
	s.details.Objects = nil
	s.details.Refresh()
	s.progress.Show()
	s.bar.Start()
	s.wiz.setRunning(true)
	w := s.wiz.w
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(w.ctx, redCheckTimeout)
		defer cancel()
		chk, err := w.svc.Red.Check(ctx, number)
		w.tasks.toUI(func() { s.answered(number, chk, err) })
	})
}

// answered shows the bureau's answer, or why there is none.
func (s *redCheckStep) answered(number string, chk app.RedCheck, err error) {
	s.bar.Stop()
	s.progress.Hide()
	s.wiz.running = false
	if s.wiz.closed {
		return
	}
	if err != nil {
		say := func() {
			s.wiz.running = false
			s.numberErr.set([]string{redErrorText(err)})
			s.wiz.render()
		}
		if s.wiz.w.takeOverSession(err, s.run, say) {
			s.wiz.running = true // until the scan or the login, then the check again
			s.wiz.render()
			return
		}
		say()
		return
	}
	s.chk, s.checked = chk, number
	s.left = len(app.LeftToReverse(chk.Remaining)) > 0
	s.wiz.choice = nil // a new answer: the choices are made afresh
	s.showDetails()
	s.wiz.render()
}

// showDetails lays out the answer.
func (s *redCheckStep) showDetails() {
	chk := s.chk
	pair := func(caption, value string) []fyne.CanvasObject {
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		return []fyne.CanvasObject{captionLabel(caption), v}
	}
	var fields []fyne.CanvasObject
	fields = append(fields, pair(lang.X("detail.date", "开票日期"), formatTime(chk.IssuedAt))...)
	fields = append(fields, pair(lang.X("detail.type", "发票类型"), typeLabel(chk.Type))...)
	fields = append(fields, pair(lang.X("detail.buyer", "购买方"), joinLabel(chk.Buyer.Name, chk.Buyer.TaxID))...)
	direct := s.wiz.w.directRed()
	if !direct { // the local record knows nothing of what the buyer did
		fields = append(fields, pair(lang.X("red.buyer_did", "购买方处理"), buyerUseText(chk.BlueCheck))...)
	}
	if chk.Message != "" {
		caption := lang.X("red.bureau_says", "税局答复")
		if direct {
			caption = lang.X("red.direct.check_result", "核对结果")
		}
		fields = append(fields, pair(caption, chk.Message)...)
	}
	if chk.Status.Label != "" {
		fields = append(fields, pair(lang.X("red.reversed_before", "已红冲"),
			lang.X("red.reversed_before.value", "{{.Label}},已红冲价税合计 {{.Amount}}",
				map[string]any{"Label": chk.Status.Label, "Amount": yuan(chk.Status.Reversed)}))...)
	}
	if open := openCasesText(chk.Cases); open != "" {
		fields = append(fields, pair(lang.X("red.open_cases", "进行中的红冲"), open)...)
	}
	banner := confirmationBanner(chk.BlueCheck)
	if direct {
		banner = directRedBanner(s.wiz.w.providerLabel())
	}
	objects := []fyne.CanvasObject{container.New(newTwoColumns(), fields...), banner}
	left := app.LeftToReverse(chk.Remaining)
	if len(left) == 0 {
		nothing := widget.NewLabel(lang.X("red.nothing_left", "没有可红冲的金额:剩余金额已全部在进行中的红冲里。请在「红冲」中处理那一笔。"))
		nothing.Wrapping = fyne.TextWrapWord
		nothing.Importance = widget.DangerImportance
		objects = append(objects, nothing)
	} else {
		objects = append(objects, sectionTitle(lang.X("red.reversible", "可红冲明细(红字为负数)")), redLinesView(left))
	}
	s.details.Objects = objects
	s.details.Refresh()
}

// buyerUseText says what the buyer did with the invoice.
func buyerUseText(c app.BlueCheck) string {
	var did []string
	if c.BuyerUsed {
		did = append(did, lang.X("red.buyer_used", "购方已用途确认"))
	}
	if c.BuyerBooked {
		did = append(did, lang.X("red.buyer_booked", "购方已入账"))
	}
	if len(did) == 0 {
		return lang.X("red.buyer_untouched", "购方未用途确认、未入账")
	}
	return strings.Join(did, "、")
}

// confirmationBanner says, in large type, whether the form will have to
// wait for the buyer: the one thing that decides how long this takes.
func confirmationBanner(c app.BlueCheck) fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	if c.NeedsBuyerConfirmation() {
		l.Text = lang.X("red.needs_buyer", "需要购买方确认确认单:申请后须等购买方在72小时内确认,才能开具红字发票")
		l.Importance = widget.WarningImportance
	} else {
		l.Text = lang.X("red.no_buyer_needed", "无需购买方确认:申请确认单后即可开具红字发票")
		l.Importance = widget.SuccessImportance
	}
	return l
}

// directRedBanner is confirmationBanner for a provider that issues red
// invoices straight against the blue one: there is no form, and nobody
// to wait for.
func directRedBanner(provider string) fyne.CanvasObject {
	l := widget.NewLabel(lang.X("red.direct.banner", "{{.Provider}}按蓝票号码直接开具红字发票:无需红字确认单,也无需等待购买方确认",
		map[string]any{"Provider": provider}))
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Bold = true
	l.SizeName = theme.SizeNameSubHeadingText
	l.Importance = widget.SuccessImportance
	return l
}

// openCasesText lists the cases still in progress, e.g.
// "编号 3:等待对方确认".
func openCasesText(cases []app.RedCase) string {
	var parts []string
	for _, c := range cases {
		if c.Step.Open() {
			parts = append(parts, lang.X("red.case_ref", "编号 {{.ID}}({{.Reason}},{{.Step}})",
				map[string]any{"ID": strconv.FormatInt(c.ID, 10), "Reason": reasonName(c.Reason), "Step": stepLabel(c.Step)}))
		}
	}
	return strings.Join(parts, ";")
}
