package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// fetch asks for faceApp's code: the live one, or a new one within the
// bureau's limits.
func (p *facePanel) fetch(faceApp app.FaceApp) {
	p.fetches++
	n := p.fetches
	p.refresh.Disable()
	p.w.tasks.run(func() {
		qr, err := p.face.QR(p.ctx, faceApp)
		p.w.tasks.toUI(func() {
			if !p.closed && n == p.fetches {
				p.fetched(qr, err)
			}
		})
	})
}

func (p *facePanel) fetched(qr app.FaceQR, err error) {
	p.refresh.Enable()
	if err != nil {
		p.showProblem(faceQRErrorText(err, p.qr != nil && !p.expired))
		if p.qr != nil {
			p.selectApp(p.qr.App) // the current code stays
		} else {
			p.view.showMessage(lang.X("face.no_qr", "暂无二维码"))
			p.refresh.Show()
		}
		return
	}
	p.show(qr)
	p.startPolling()
}

// show puts a code on screen with its instruction and countdown.
func (p *facePanel) show(qr app.FaceQR) {
	p.qr, p.expires, p.expired = &qr, qr.IssuedAt.Add(p.face.QRLifetime), false
	if err := p.view.showContent(qr.Content); err != nil {
		p.view.showMessage(lang.X("face.draw_failed", "无法显示二维码"))
		p.showProblem(err.Error())
	} else {
		p.hideProblem()
	}
	p.selectApp(qr.App)
	p.instruction.SetText(lang.X("face.instruction", "请用{{.App}} App 扫描二维码完成人脸认证",
		map[string]any{"App": faceAppLabel(qr.App)}))
	p.quota.SetText(lang.X("face.quota", "今日还可获取 {{.Left}} 个新二维码(税局每分钟最多 1 个)",
		map[string]any{"Left": p.face.Status(context.Background()).QRsLeftToday}))
	p.refresh.Hide()
	p.renderCountdown()
}

// refreshQR fetches a code again for the chosen app: after expiry a new
// one (the service keeps to the bureau's limits), after a refusal the live
// one; polling starts again.
func (p *facePanel) refreshQR() {
	a := app.FaceAppTax
	if p.qr != nil {
		a = p.qr.App
	}
	for _, fa := range faceApps {
		if faceAppLabel(fa) == p.apps.Selected {
			a = fa
		}
	}
	p.fetch(a)
}

// simulateScan plays the phone scanning the code (sandbox mode); the
// poller sees it on its next poll.
func (p *facePanel) simulateScan() {
	tools := p.w.svc.SandboxTools
	if p.qr == nil || tools == nil || tools.SimulateFaceScan == nil {
		return
	}
	id := p.qr.AuthID
	p.w.tasks.run(func() {
		err := tools.SimulateFaceScan(p.ctx, id)
		p.w.tasks.toUI(func() {
			switch {
			case p.closed:
			case err != nil:
				p.showProblem(lang.X("face.simulate_failed", "模拟扫码失败:{{.Error}}", map[string]any{"Error": err.Error()}))
			default:
				p.state.SetText(lang.X("face.simulated", "已模拟手机扫码,下一次查询时确认……"))
			}
		})
	})
}
