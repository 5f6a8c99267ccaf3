package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"
	"go.uber.org/goleak"

	"fapiao/app"
	"fapiao/ui/qrimage"
)

// needScan opens a window whose bureau wants a face scan.
func needScan(t *testing.T) (*sessionRig, *mainWindow) {
	fx := newFixture(t)
	r := withSession(fx)
	r.face.set(true)
	w := r.open()
	return r, w
}

func TestFacePanelShowsALargeCodeCountsDownAndClosesOnScan(t *testing.T) {
	r, w := needScan(t)
	if got := w.status.face.Text; got != "需要人脸认证" {
		t.Fatalf("status bar before: %q", got)
	}
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())

	tapButton(w.status.face)
	r.drain()
	p := w.facePanel
	if p == nil || p.qr == nil {
		t.Fatalf("the panel did not open with a code: %q", overlayTexts(w.win))
	}
	shown := panelText(w)
	for _, want := range []string{"请用电子税务局 App 扫描二维码完成人脸认证", "二维码 5:00 后过期", "等待扫码", "今日还可获取 19 个新二维码"} {
		if !strings.Contains(shown, want) {
			t.Errorf("panel lacks %q:\n%s", want, shown)
		}
	}
	if p.simulate.Hidden || p.refresh.Visible() {
		t.Error("sandbox mode offers 模拟扫码; a live code needs no 刷新")
	}
	if size := imageOnScreen(w.win, p.view.image); size.Width < qrimage.MinScreenSize || size.Height < qrimage.MinScreenSize {
		t.Errorf("QR code on screen is %v, want at least %d px square", size, qrimage.MinScreenSize)
	}
	if got := decodeQR(t, p.view.image.Image); got != p.qr.Content {
		t.Errorf("the image decodes to %q, want %q", got, p.qr.Content)
	}

	// The countdown runs each second.
	r.second(23 * time.Second)
	if got := p.countdown.Text; got != "二维码 4:37 后过期" {
		t.Errorf("countdown after 23 s: %q", got)
	}
	// A failing poll is shown, and polling goes on.
	r.face.mu.Lock()
	r.face.failing = []error{&app.ProviderError{Kind: app.KindTransient, Provider: "测试服务", Message: "网络超时"}}
	r.face.mu.Unlock()
	r.poll()
	r.await("the failed poll", func() bool { return strings.Contains(p.state.Text, "查询失败") })
	if want := "继续等待…… 上次查询 09:30:23"; !strings.Contains(p.state.Text, "网络超时") || !strings.Contains(p.state.Text, want) {
		t.Errorf("state after a failed poll: %q", p.state.Text)
	}
	r.poll()
	r.await("a good poll", func() bool { return p.state.Text == "等待扫码…… 上次查询 09:30:23" })

	// 模拟扫码, then the next poll sees it: the panel closes by itself.
	tapButton(p.simulate)
	r.drain()
	if !strings.Contains(p.state.Text, "已模拟手机扫码") {
		t.Errorf("state after 模拟扫码: %q", p.state.Text)
	}
	r.poll()
	r.await("the panel to close", func() bool { return w.facePanel == nil })
	if w.win.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog is still open: %q", overlayTexts(w.win))
	}
	if got := w.status.face.Text; got != "人脸认证有效至 11-23 09:30" {
		t.Errorf("status bar after the scan: %q", got)
	}
	if !stopped(r.polls, app.DefaultFacePollInterval) || !stopped(r.ticks, time.Second) {
		t.Error("the poller's or the countdown's ticker was not stopped")
	}
}

func TestFacePanelSwitchingAppWithinAMinuteKeepsTheCode(t *testing.T) {
	r, w := needScan(t)
	w.faceOnDemand()
	r.drain()
	p := w.facePanel
	first := p.qr.Content
	r.clock.advance(20 * time.Second)

	p.apps.SetSelected("个人所得税")
	r.drain()

	if p.qr.Content != first || p.apps.Selected != "电子税务局" {
		t.Errorf("the current code must stay: %q for %q", p.qr.Content, p.apps.Selected)
	}
	if !p.problemBox.Visible() || !strings.Contains(p.problem.Text, "09:31:00 后可换取") {
		t.Errorf("the limit is not explained: %q", p.problem.Text)
	}
	if _, issued := r.face.counts(); issued != 1 {
		t.Errorf("%d codes asked of the bureau, want 1", issued)
	}

	// A minute on, the other app's code comes.
	r.clock.advance(45 * time.Second)
	p.apps.SetSelected("个人所得税")
	r.drain()
	if p.qr.App != app.FaceAppIncomeTax || p.qr.Content == first || p.problemBox.Visible() {
		t.Errorf("after a minute: app %v, problem %q", p.qr.App, p.problem.Text)
	}
	if !strings.Contains(panelText(w), "请用个人所得税 App 扫描二维码完成人脸认证") {
		t.Errorf("instruction: %q", p.instruction.Text)
	}
	tapButton(p.cancelBtn)
}

func TestFacePanelExpiryStopsThePollerAndOffersANewCode(t *testing.T) {
	r, w := needScan(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	w.faceOnDemand()
	r.drain()
	p := w.facePanel
	first := p.qr.Content

	r.second(app.DefaultFaceQRLifetime)
	if p.countdown.Text != "二维码已过期" || !p.refresh.Visible() || !p.view.veil.Visible() {
		t.Errorf("at expiry: %q, 刷新 shown %v, veil %v", p.countdown.Text, p.refresh.Visible(), p.view.veil.Visible())
	}
	r.poll() // the poller sees the expiry and ends
	r.await("the poller to end", func() bool { return !p.polling })
	if !stopped(r.polls, app.DefaultFacePollInterval) {
		t.Error("the poller's ticker is still running after expiry")
	}

	tapButton(p.refresh)
	r.drain()
	if p.qr.Content == first || p.expired || !p.polling || p.refresh.Visible() {
		t.Fatalf("刷新二维码 should show a new code and poll again (expired %v, polling %v)", p.expired, p.polling)
	}
	if got := decodeQR(t, p.view.image.Image); got != p.qr.Content {
		t.Errorf("the new image decodes to %q", got)
	}
	tapButton(p.cancelBtn)
	r.await("the poller to end", func() bool { return !p.polling })
}

func TestFacePanelStopsItsGoroutinesWhenCancelledOrTheWindowCloses(t *testing.T) {
	t.Run("cancel", func(t *testing.T) {
		r, w := needScan(t)
		defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
		w.faceOnDemand()
		r.drain()
		p := w.facePanel
		r.poll()
		r.await("a poll", func() bool { return strings.Contains(p.state.Text, "上次查询") })

		pressKey(w.win, "Escape")
		if w.facePanel != nil || w.win.Canvas().Overlays().Top() != nil {
			t.Fatal("Escape should close the panel")
		}
		r.await("the poller to end", func() bool { return !p.polling })
	})
	t.Run("window closed", func(t *testing.T) {
		defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
		r, w := needScan(t)
		w.faceOnDemand()
		r.drain()
		p := w.facePanel
		w.win.Close()
		r.await("the poller to end", func() bool { return !p.polling })
		if !stopped(r.ticks, time.Second) || !stopped(r.ticks, rerenderInterval) {
			t.Error("the countdown or the status bar's minute ticker outlived the window")
		}
	})
}

func TestARefusedPollEndsWaitingAndSaysWhy(t *testing.T) {
	r, w := needScan(t)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	w.faceOnDemand()
	r.drain()
	p := w.facePanel
	r.face.mu.Lock()
	r.face.failing = []error{&app.ProviderError{Kind: app.KindLogin, Provider: "测试服务", Code: "419", Message: "请先登录电子税务局"}}
	r.face.mu.Unlock()
	r.poll()
	r.await("the poller to end", func() bool { return !p.polling })
	if !strings.Contains(p.problem.Text, "请先登录电子税务局") || !p.refresh.Visible() {
		t.Errorf("refusal: %q, 刷新 shown %v", p.problem.Text, p.refresh.Visible())
	}
	if !stopped(r.polls, app.DefaultFacePollInterval) {
		t.Error("the poller's ticker is still running after a refusal")
	}
	tapButton(p.refresh) // the live code again, and a new poller
	r.drain()
	if !p.polling {
		t.Error("刷新二维码 should poll again")
	}
	if _, issued := r.face.counts(); issued != 1 {
		t.Errorf("the live code should be reused; %d asked for", issued)
	}
	tapButton(p.cancelBtn)
	r.await("the poller to end", func() bool { return !p.polling })
}

func TestAnIssuanceRefusedForFaceAuthResumesWithTheSameSerial(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	w := r.open()
	fx.fillValidInvoice()
	r.face.set(true)

	w.form.issue()
	r.drain()
	p := w.facePanel
	if p == nil {
		t.Fatalf("a 420 should open the QR panel: %q", overlayTexts(w.win))
	}
	held := fx.issuer.received[0].RequestSerial
	if !strings.Contains(panelText(w), held) || !strings.Contains(panelText(w), "无需重新录入") {
		t.Errorf("the panel should say the invoice will go on: %q", panelText(w))
	}
	if w.form.buyer.name.Text != "" {
		t.Error("the held invoice must leave the form")
	}
	if got := w.status.face.Text; got != "需要人脸认证" {
		t.Errorf("status bar: %q", got)
	}

	tapButton(p.simulate)
	r.drain()
	r.poll()
	r.await("the success dialog", func() bool { return strings.Contains(overlayTexts(w.win), "开具成功") })

	if n := fx.issuer.receivedCount(); n != 2 || fx.issuer.received[1].RequestSerial != held {
		t.Fatalf("issuer received %d requests; the second must reuse serial %s", n, held)
	}
	if list := w.list.invoices; len(list) != 1 || list[0].Status != app.StatusIssued || list[0].RequestSerial != held {
		t.Errorf("list = %+v, want the one invoice, issued", list)
	}
}

func TestCancellingThePanelOfARefusedIssuanceSaysWhereTheInvoiceIs(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	w := r.open()
	fx.fillValidInvoice()
	r.face.set(true)
	w.form.issue()
	r.drain()

	tapButton(w.facePanel.cancelBtn)
	r.drain()
	if shown := overlayTexts(w.win); !strings.Contains(shown, "需要人脸认证") || !strings.Contains(shown, "重新提交") {
		t.Errorf("after cancelling: %q", shown)
	}
	if fx.issuer.receivedCount() != 1 {
		t.Error("nothing may be sent again without a scan")
	}
}

func TestOnDemandWhenNoScanIsNeededAsksFirst(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	w := r.open()
	tapButton(w.status.face)
	if w.facePanel != nil || !strings.Contains(overlayTexts(w.win), "税局目前不要求人脸认证") {
		t.Fatalf("should ask first: %q", overlayTexts(w.win))
	}
	pressKey(w.win, "Escape")
	if _, issued := r.face.counts(); issued != 0 {
		t.Error("declining must not spend a code")
	}
	tapButton(w.status.face)
	pressKey(w.win, "Return")
	r.drain()
	if w.facePanel == nil || w.facePanel.qr == nil {
		t.Fatal("confirming should open the panel")
	}
	tapButton(w.facePanel.cancelBtn)
}

// The code sits on white whatever the theme; checked in the dark one.
func TestTheCodeIsOnWhiteInTheDarkTheme(t *testing.T) {
	fx := newFixture(t)
	fx.app.Settings().SetTheme(variantTheme{Theme: newAppTheme(), variant: theme.VariantDark})
	r := withSession(fx)
	r.face.set(true)
	w := r.open()
	w.faceOnDemand()
	r.drain()
	v := w.facePanel.view
	if !isWhite(v.paper.FillColor) {
		t.Errorf("the code's background is %v, want white", v.paper.FillColor)
	}
	relayout(w.win.Canvas())
	if v.paper.Size().Width < v.image.Size().Width+2 || v.paper.Size().Height < v.image.Size().Height+2 {
		t.Errorf("the white (%v) must surround the code (%v)", v.paper.Size(), v.image.Size())
	}
	// What the window shows decodes too: the code is readable off the screen.
	if got := decodeQR(t, w.win.Canvas().Capture()); got != w.facePanel.qr.Content {
		t.Errorf("the window decodes to %q", got)
	}
	tapButton(w.facePanel.cancelBtn)
}

func TestNoFaceOrLoginMeansNothingAboutThem(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	if w.status.face.Visible() || w.status.login.Visible() || w.status.faceError.Visible() {
		t.Error("without face auth or login the status bar says nothing of them")
	}
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if strings.Contains(it.Label, "人脸") || strings.Contains(it.Label, "登录") {
				t.Errorf("menu offers %q", it.Label)
			}
		}
	}
	w.faceOnDemand()
	w.loginOnDemand()
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("nothing to open")
	}
	// A 420 still says what to do.
	fx.fillValidInvoice()
	fx.issuer.issue = func(app.Invoice) (app.IssueResult, error) {
		return app.IssueResult{}, &app.ProviderError{Kind: app.KindFaceAuth, Provider: "测试服务", Message: "需要人脸认证"}
	}
	w.form.issue()
	if !strings.Contains(overlayTexts(w.win), "重新提交") {
		t.Errorf("held message: %q", overlayTexts(w.win))
	}
}

func TestTheInvoiceMenuOffersFaceAuthAndLogin(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	r.face.set(true)
	w := r.open()
	items := map[string]func(){}
	for _, it := range w.win.MainMenu().Items[0].Items {
		items[it.Label] = it.Action
	}
	face, login := items["人脸认证…"], items["登录电子税务局…"]
	if face == nil || login == nil {
		t.Fatalf("发票 menu: %v", items)
	}
	face()
	r.drain()
	if w.facePanel == nil {
		t.Fatal("人脸认证… should open the QR panel")
	}
	tapButton(w.facePanel.cancelBtn)
	login()
	if w.loginBox == nil {
		t.Fatal("登录电子税务局… should open the login dialog")
	}
	w.loginBox.dialog.Hide()
}

func TestResubmittingAHeldInvoiceThatMeets420OpensThePanel(t *testing.T) {
	fx := newFixture(t)
	r := withSession(fx)
	held := fx.store.put(app.Invoice{RequestSerial: "91510100MA6CXP8Q2Q_251121093000HELD", Status: app.StatusHeld,
		Type: app.TypeOrdinary, Buyer: app.Party{Name: "某公司"}})
	r.face.set(true)
	w := r.open()
	dismissOverlays(w.win)
	w.tabs.SelectIndex(tabIssued)
	w.list.table.Select(0)
	w.list.detail.resubmit.OnTapped()
	r.drain()
	if w.facePanel == nil {
		t.Fatalf("a 420 on resubmission should open the panel: %q", overlayTexts(w.win))
	}
	tapButton(w.facePanel.simulate)
	r.drain()
	r.poll()
	r.await("the success dialog", func() bool { return strings.Contains(overlayTexts(w.win), "开具成功") })
	if n := fx.issuer.receivedCount(); n != 2 || fx.issuer.received[1].RequestSerial != held.RequestSerial {
		t.Errorf("issuer received %d; both must carry %s", n, held.RequestSerial)
	}
}
