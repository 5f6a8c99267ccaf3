package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// faceCheckTimeout bounds the start-up question to the bureau.
const faceCheckTimeout = 30 * time.Second

// sessionView is what the window adds to the services' own session state:
// the outcome of the start-up question to the bureau, and the
// subscriptions that keep the status bar current.
type sessionView struct {
	faceCheckErr error     // the last failed question to the bureau, if any
	faceCheckAt  time.Time // when it failed
	unwatch      []func()
}

func (s *sessionView) stopWatching() {
	for _, stop := range s.unwatch {
		stop()
	}
	s.unwatch = nil
}

// watchSession keeps the status bar's login and face indicators current:
// through the services' change notices, a local re-render each minute (see
// startMinuteLoop), and one question to the bureau about face
// authentication now.
func (w *mainWindow) watchSession() {
	face, login := w.svc.Face, w.svc.Login
	if face == nil && login == nil {
		return
	}
	// Notices come from whichever goroutine changed the state.
	changed := func() { w.tasks.toUI(w.renderSession) }
	if face != nil {
		w.session.unwatch = append(w.session.unwatch, face.OnChange(changed))
	}
	if login != nil {
		w.session.unwatch = append(w.session.unwatch, login.OnChange(changed))
	}
	w.checkFace()
}

// checkFace asks the bureau, in the background, whether a scan is needed;
// a failure is shown in the status bar until the state is heard of again.
func (w *mainWindow) checkFace() {
	face := w.svc.Face
	if face == nil {
		return
	}
	w.tasks.run(func() {
		ctx, cancel := context.WithTimeout(w.ctx, faceCheckTimeout)
		defer cancel()
		_, err := face.Refresh(ctx)
		at := face.Now()
		w.tasks.toUI(func() {
			w.session.faceCheckErr, w.session.faceCheckAt = err, at
			w.renderSession()
		})
	})
}

// renderSession shows the local session state in the status bar; it asks
// no one.
func (w *mainWindow) renderSession() {
	if w.status == nil || w.ctx.Err() != nil {
		return
	}
	// A local read; not tied to w.ctx, whose end must not be mistaken
	// for a broken state store.
	ctx := context.Background()
	if login := w.svc.Login; login != nil {
		w.status.showLogin(login.Status(ctx), login.Now())
	}
	if face := w.svc.Face; face != nil {
		st := face.Status(ctx)
		checkErr := w.session.faceCheckErr
		if checkErr != nil && st.CheckedAt.After(w.session.faceCheckAt) {
			checkErr = nil // heard from the bureau since
		}
		w.status.showFace(st, checkErr)
	}
}

// faceOnDemand opens the QR panel from the status bar or the menu. When no
// scan is known to be needed it asks first: every new code counts against
// the bureau's 20 a day.
func (w *mainWindow) faceOnDemand() {
	face := w.svc.Face
	if face == nil {
		return
	}
	st := face.Status(context.Background())
	if st.Needed || st.QR != nil {
		w.openFacePanel("", nil, nil)
		return
	}
	showConfirm(w.win, lang.X("face.title", "人脸认证"),
		lang.X("face.confirm_unneeded", "税局目前不要求人脸认证。仍要获取认证二维码吗?税局每天最多发放 {{.Max}} 个。",
			map[string]any{"Max": app.MaxFaceQRsPerDay}),
		func(ok bool) {
			if ok {
				w.openFacePanel("", nil, nil)
			}
		})
}

// loginOnDemand opens the login dialog from the status bar or the menu.
func (w *mainWindow) loginOnDemand() {
	w.openLoginDialog("", nil, nil)
}
