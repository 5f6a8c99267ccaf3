package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// panelWidth is the width of the QR panel's text: a little wider than the
// code, so that instructions and errors wrap into a few short lines.
const panelWidth = 440

// faceApps are the apps a face QR code can be made for, in the order the
// panel offers them.
var faceApps = []app.FaceApp{app.FaceAppTax, app.FaceAppIncomeTax}

// facePanel is the face-authentication QR panel: a large QR code on white,
// the app to scan it with, the code's remaining life, and the live state of
// the poller that waits for the scan. It closes itself when the scan
// succeeds, and then calls onScanned.
//
// Its goroutines — the poller (WaitForScan, one at a time) and the
// countdown — run under ctx, which ends when the panel closes for any
// reason, including the window closing.
type facePanel struct {
	w           *mainWindow
	face        *app.FaceAuthService
	ctx         context.Context
	cancel      context.CancelFunc
	onScanned   func()
	onCancelled func()

	qr       *app.FaceQR // the code shown; nil until one arrives
	expires  time.Time
	fetches  int  // numbers QR requests, so that only the latest one's answer counts
	polling  bool // WaitForScan is running
	expired  bool
	scanned  bool
	closed   bool
	choosing int // >0 while the panel sets the app choice itself

	apps        *widget.RadioGroup
	view        *qrView
	instruction *widget.Label
	countdown   *widget.Label
	state       *widget.Label // the poller's live state
	problem     *widget.Label // limits, expiry, refusals
	problemBox  fyne.CanvasObject
	quota       *widget.Label
	refresh     *widget.Button
	simulate    *widget.Button // sandbox mode only
	cancelBtn   *widget.Button
	dialog      *dialog.CustomDialog
}

// openFacePanel shows the QR panel and fetches a code (the live one when
// there is one). reason, when not empty, says why it opened; onScanned runs
// after a successful scan, onCancelled when the clerk closes the panel
// without one. Either may be nil. One panel at a time: it is modal, so a
// second request can only come from the menu, and is ignored.
func (w *mainWindow) openFacePanel(reason string, onScanned, onCancelled func()) {
	if w.svc.Face == nil || w.facePanel != nil {
		return
	}
	p := &facePanel{w: w, face: w.svc.Face, onScanned: onScanned, onCancelled: onCancelled}
	p.ctx, p.cancel = context.WithCancel(w.ctx)
	w.facePanel = p
	p.build(reason)
	p.dialog.Show()
	w.tasks.every(p.ctx, time.Second, p.renderCountdown)

	first := app.FaceAppTax
	if st := p.face.Status(context.Background()); st.QR != nil {
		first = st.QR.App // reuse the live code rather than spend a new one
	}
	p.selectApp(first)
	p.fetch(first)
}

// build makes the panel's widgets and lays them out in a dialog.
func (p *facePanel) build(reason string) {
	p.makeWidgets()
	p.dialog = dialog.NewCustomWithoutButtons(lang.X("face.title", "人脸认证"), p.layout(reason), p.w.win)
	p.dialog.SetButtons([]fyne.CanvasObject{p.refresh, p.simulate, p.cancelBtn})
	// Escape closes; Enter fetches a new code when one is needed.
	answerFromKeyboard(p.w.win, p.dialog, func() {
		if p.refresh.Visible() {
			p.refreshQR()
		}
	})
	p.dialog.SetOnClosed(p.dismissed)
	p.view.showMessage(lang.X("face.fetching", "正在获取二维码……"))
	p.renderCountdown()
}

func (p *facePanel) makeWidgets() {
	labels := make([]string, len(faceApps))
	for i, a := range faceApps {
		labels[i] = faceAppLabel(a)
	}
	p.apps = widget.NewRadioGroup(labels, p.appChosen)
	p.apps.Horizontal = true
	p.apps.Required = true
	p.view = newQRView(p.w.win, lang.X("face.qr_expired_veil", "已过期"))
	p.instruction = centredLabel(true, theme.SizeNameSubHeadingText)
	p.countdown = centredLabel(true, theme.SizeNameHeadingText)
	p.state = centredLabel(false, theme.SizeNameText)
	p.problem = centredLabel(false, theme.SizeNameText)
	p.problem.Importance = widget.WarningImportance
	p.problemBox = fixedWidth(p.problem, panelWidth)
	p.problemBox.Hide()
	p.quota = centredLabel(false, theme.SizeNameCaptionText)
	p.refresh = widget.NewButtonWithIcon(lang.X("face.refresh", "刷新二维码"), theme.ViewRefreshIcon(), p.refreshQR)
	p.refresh.Importance = widget.HighImportance
	p.refresh.Hide()
	p.simulate = widget.NewButtonWithIcon(lang.X("face.simulate", "模拟扫码(沙箱)"), theme.MediaPlayIcon(), p.simulateScan)
	if p.w.svc.SandboxTools == nil || p.w.svc.SandboxTools.SimulateFaceScan == nil {
		p.simulate.Hide()
	}
	p.cancelBtn = widget.NewButtonWithIcon(lang.X("dialog.cancel", "取消"), theme.CancelIcon(), func() { p.dialog.Hide() })
}

// layout stacks the panel: why it opened, the app choice, the code, then
// what to do and how long is left, large enough to read at a glance.
func (p *facePanel) layout(reason string) fyne.CanvasObject {
	rows := []fyne.CanvasObject{}
	if reason != "" {
		why := widget.NewLabel(reason)
		why.Wrapping = fyne.TextWrapWord
		rows = append(rows, fixedWidth(why, panelWidth), widget.NewSeparator())
	}
	chooser := container.NewHBox(widget.NewLabel(lang.X("face.app", "扫码 App:")), p.apps)
	rows = append(rows,
		container.NewCenter(chooser),
		container.NewCenter(p.view.content),
		fixedWidth(p.instruction, panelWidth),
		fixedWidth(p.countdown, panelWidth),
		fixedWidth(p.state, panelWidth),
		p.problemBox,
		fixedWidth(p.quota, panelWidth),
	)
	return container.NewVBox(rows...)
}

// appChosen fetches the chosen app's code.
func (p *facePanel) appChosen(label string) {
	if p.choosing > 0 {
		return
	}
	for _, a := range faceApps {
		if faceAppLabel(a) == label {
			p.fetch(a)
		}
	}
}

// selectApp shows which app the code is for, without fetching.
func (p *facePanel) selectApp(a app.FaceApp) {
	p.choosing++
	defer func() { p.choosing-- }()
	p.apps.SetSelected(faceAppLabel(a))
}

// succeed closes the panel, then runs the continuation.
func (p *facePanel) succeed() {
	p.scanned = true
	p.dialog.Hide()
	if p.onScanned != nil {
		p.onScanned()
	}
}

// dismissed runs however the panel closes: it stops the poller and the
// countdown, and tells the opener when no scan happened.
func (p *facePanel) dismissed() {
	if p.closed {
		return
	}
	p.closed = true
	p.cancel()
	p.w.facePanel = nil
	if !p.scanned && p.onCancelled != nil {
		p.onCancelled()
	}
}

func (p *facePanel) showProblem(text string) {
	p.problem.SetText(text)
	p.problemBox.Show()
}

func (p *facePanel) hideProblem() {
	p.problem.SetText("")
	p.problemBox.Hide()
}
