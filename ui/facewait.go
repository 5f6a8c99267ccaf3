package ui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// startPolling starts the one poller, unless it runs: it keeps waiting
// across a change of code, and ends only on success, expiry, a refusal or
// the panel closing.
func (p *facePanel) startPolling() {
	if p.polling {
		return
	}
	p.polling = true
	p.state.SetText(lang.X("face.waiting", "等待扫码……"))
	p.w.tasks.loop(func() {
		err := p.face.WaitForScan(p.ctx, func(_ app.FaceStatus, err error) {
			at := p.face.Now()
			p.w.tasks.toUI(func() { p.polled(at, err) })
		})
		p.w.tasks.toUI(func() { p.pollEnded(err) })
	})
}

// polled shows one poll: still waiting, or a passing failure (polling goes on).
func (p *facePanel) polled(at time.Time, err error) {
	if p.closed {
		return
	}
	if err != nil {
		p.state.SetText(lang.X("face.poll_failed", "查询失败({{.Error}}),继续等待…… 上次查询 {{.At}}",
			map[string]any{"Error": err.Error(), "At": clock(at)}))
		return
	}
	p.state.SetText(lang.X("face.waiting_since", "等待扫码…… 上次查询 {{.At}}", map[string]any{"At": clock(at)}))
}

func (p *facePanel) pollEnded(err error) {
	p.polling = false
	if p.closed {
		return
	}
	switch {
	case err == nil:
		p.succeed()
	case errors.Is(err, app.ErrFaceQRExpired):
		if p.face.Now().Before(p.expires) {
			// A new code came while this answer was on its way: wait for it.
			p.startPolling()
			return
		}
		p.expire()
	case p.ctx.Err() != nil:
	default:
		p.state.SetText("")
		p.showProblem(lang.X("face.poll_refused", "查询认证状态失败:{{.Error}}。可点击「刷新二维码」重试。",
			map[string]any{"Error": err.Error()}))
		p.refresh.Show()
	}
}

// renderCountdown shows the code's remaining life, each second.
func (p *facePanel) renderCountdown() {
	if p.closed {
		return
	}
	if p.qr == nil {
		p.countdown.SetText("")
		return
	}
	left := p.expires.Sub(p.face.Now())
	if left <= 0 {
		p.expire()
		return
	}
	secs := int((left + time.Second - 1) / time.Second)
	p.countdown.SetText(lang.X("face.expires_in", "二维码 {{.Left}} 后过期",
		map[string]any{"Left": fmt.Sprintf("%d:%02d", secs/60, secs%60)}))
}

// expire says the code can no longer be scanned and offers a new one.
func (p *facePanel) expire() {
	if p.expired {
		return
	}
	p.expired = true
	p.view.setExpired(true)
	p.countdown.SetText(lang.X("face.expired", "二维码已过期"))
	p.state.SetText("")
	p.showProblem(lang.X("face.expired_hint", "二维码已过期,请点击「刷新二维码」获取新的二维码。"))
	p.refresh.Show()
}
