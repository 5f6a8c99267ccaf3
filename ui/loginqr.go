package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/png" // providers send login QR codes as PNG
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// qrLoginKinds are the QR login kinds, in the order the tab offers them.
var qrLoginKinds = []app.QRLoginKind{app.QRLoginTaxApp, app.QRLoginFace}

// qrLogin is the login dialog's QR tab: a login QR code and the one poller
// that waits for it to be confirmed on the phone.
type qrLogin struct {
	d        *loginDialog
	kinds    *widget.RadioGroup
	view     *qrView
	state    *widget.Label
	problems *errorLabel
	refresh  *widget.Button
	simulate *widget.Button // sandbox mode only
	current  *app.QRLogin
	stopWait context.CancelFunc // ends the wait for the current code
	started  bool
	attempt  int // numbers codes asked for, so that only the latest counts
	content  fyne.CanvasObject
}

func newQRLogin(d *loginDialog) *qrLogin {
	q := &qrLogin{d: d, problems: newErrorLabel()}
	labels := make([]string, len(qrLoginKinds))
	for i, k := range qrLoginKinds {
		labels[i] = qrLoginKindLabel(k)
	}
	q.kinds = widget.NewRadioGroup(labels, func(string) {
		if q.started {
			q.start()
		}
	})
	q.kinds.Horizontal = true
	q.kinds.Required = true
	q.kinds.SetSelected(labels[0])
	q.view = newQRView(d.w.win, lang.X("face.qr_expired_veil", "已过期"))
	q.state = centredLabel(false, theme.SizeNameText)
	q.refresh = widget.NewButtonWithIcon(lang.X("face.refresh", "刷新二维码"), theme.ViewRefreshIcon(), q.start)
	q.refresh.Hide()
	q.simulate = widget.NewButtonWithIcon(lang.X("face.simulate", "模拟扫码(沙箱)"), theme.MediaPlayIcon(), q.simulateScan)
	if tools := d.w.svc.SandboxTools; tools == nil || tools.SimulateQRLoginScan == nil {
		q.simulate.Hide()
	}
	q.content = container.NewPadded(container.NewVBox(
		container.NewCenter(q.kinds),
		container.NewCenter(q.view.content),
		fixedWidth(q.state, panelWidth),
		q.problems,
		container.NewCenter(container.NewHBox(q.refresh, q.simulate)),
	))
	return q
}

// startOnce asks for the first code when the tab is first shown.
func (q *qrLogin) startOnce() {
	if !q.started {
		q.started = true
		q.start()
	}
}

// start asks for a new code of the chosen kind; the wait for the previous
// one ends.
func (q *qrLogin) start() {
	q.stop()
	q.attempt++
	n, kind := q.attempt, q.kind()
	q.current = nil
	q.problems.set(nil)
	q.refresh.Hide()
	q.state.SetText("")
	q.view.showMessage(lang.X("face.fetching", "正在获取二维码……"))
	d := q.d
	d.w.tasks.run(func() {
		login, err := d.login.StartQRLogin(d.ctx, kind)
		d.w.tasks.toUI(func() {
			if !d.closed && n == q.attempt {
				q.got(login, err)
			}
		})
	})
}

func (q *qrLogin) got(login app.QRLogin, err error) {
	if err == nil {
		err = q.draw(login)
	}
	if err != nil {
		q.view.showMessage(lang.X("face.no_qr", "暂无二维码"))
		q.problems.set([]string{lang.X("login.qr.failed", "获取登录二维码失败:{{.Error}}", map[string]any{"Error": loginErrorText(err)})})
		q.refresh.Show()
		return
	}
	q.current = &login
	q.state.SetText(qrLoginInstruction(login.Kind))
	q.wait(login)
}

// draw shows the provider's picture of the code, or draws its text.
func (q *qrLogin) draw(login app.QRLogin) error {
	if len(login.Image) > 0 {
		img, _, err := image.Decode(bytes.NewReader(login.Image))
		if err == nil {
			q.view.showImage(img)
			return nil
		}
		if login.Content == "" {
			return fmt.Errorf("二维码图片无法解码: %w", err)
		}
	}
	return q.view.showContent(login.Content)
}

// wait runs the one poller for login until it is confirmed, expires, is
// refused, or the dialog closes or asks for another code.
func (q *qrLogin) wait(login app.QRLogin) {
	ctx, stop := context.WithCancel(q.d.ctx)
	q.stopWait = stop
	n, d := q.attempt, q.d
	d.w.tasks.loop(func() {
		err := d.login.WaitForQRLogin(ctx, login, func(err error) {
			at := d.login.Now()
			d.w.tasks.toUI(func() {
				if !d.closed && n == q.attempt {
					q.polled(at, err)
				}
			})
		})
		stop()
		d.w.tasks.toUI(func() {
			if !d.closed && n == q.attempt {
				q.ended(err)
			}
		})
	})
}

func (q *qrLogin) polled(at time.Time, err error) {
	if err != nil {
		q.state.SetText(lang.X("face.poll_failed", "查询失败({{.Error}}),继续等待…… 上次查询 {{.At}}",
			map[string]any{"Error": loginErrorText(err), "At": clock(at)}))
		return
	}
	q.state.SetText(lang.X("login.qr.waiting", "等待手机确认…… 上次查询 {{.At}}", map[string]any{"At": clock(at)}))
}

func (q *qrLogin) ended(err error) {
	switch {
	case err == nil:
		q.d.succeeded()
	case errors.Is(err, context.Canceled):
	case errors.Is(err, app.ErrQRLoginExpired):
		q.view.setExpired(true)
		q.state.SetText(lang.X("face.expired", "二维码已过期"))
		q.refresh.Show()
	default:
		q.problems.set([]string{loginErrorText(err)})
		q.refresh.Show()
	}
}

func (q *qrLogin) stop() {
	if q.stopWait != nil {
		q.stopWait()
		q.stopWait = nil
	}
}

// simulateScan plays the phone confirming the login (sandbox mode).
func (q *qrLogin) simulateScan() {
	tools := q.d.w.svc.SandboxTools
	if q.current == nil || tools == nil || tools.SimulateQRLoginScan == nil {
		return
	}
	id, d := q.current.ID, q.d
	d.w.tasks.run(func() {
		err := tools.SimulateQRLoginScan(d.ctx, id)
		d.w.tasks.toUI(func() {
			switch {
			case d.closed:
			case err != nil:
				q.problems.set([]string{lang.X("face.simulate_failed", "模拟扫码失败:{{.Error}}", map[string]any{"Error": err.Error()})})
			default:
				q.state.SetText(lang.X("face.simulated", "已模拟手机扫码,下一次查询时确认……"))
			}
		})
	})
}

func (q *qrLogin) kind() app.QRLoginKind {
	for _, k := range qrLoginKinds {
		if qrLoginKindLabel(k) == q.kinds.Selected {
			return k
		}
	}
	return app.QRLoginTaxApp
}

// qrLoginKindLabel names a QR login kind in the UI's language.
func qrLoginKindLabel(k app.QRLoginKind) string {
	if k == app.QRLoginFace {
		return lang.X("login.qr.face", "人脸二维码")
	}
	return lang.X("login.qr.taxapp", "税务App扫码")
}

// qrLoginInstruction says what to do with the phone.
func qrLoginInstruction(k app.QRLoginKind) string {
	if k == app.QRLoginFace {
		return lang.X("login.qr.instruction_face", "请用电子税务局App扫描二维码,完成人脸识别后即登录")
	}
	return lang.X("login.qr.instruction_taxapp", "请用税务App扫描二维码,并在手机上确认登录")
}
