package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
)

// settingsTestTimeout bounds 测试连接; the tester bounds each call itself.
const settingsTestTimeout = time.Minute

// testNow runs 测试连接 in the background with the form as it is: the
// configuration checked first, then each connection tried with the typed
// secrets or the stored ones. Nothing is saved.
func (s *settingsScreen) testNow() {
	if s.busy {
		return
	}
	cfg, ok := s.checked()
	if !ok {
		return
	}
	typed := s.typed()
	s.begin(lang.X("settings.testing", "正在测试连接……"))
	s.tasks.run(func() {
		ctx, cancel := context.WithTimeout(s.ctx, settingsTestTimeout)
		defer cancel()
		report, err := s.svc.Test(ctx, cfg, typed)
		s.tasks.toUI(func() { s.tested(report, err) })
	})
}

// tested shows the report; a failure as the provider said it, with what
// passed before it.
func (s *settingsScreen) tested(report string, err error) {
	s.end()
	var verr *app.ValidationError
	switch {
	case errors.As(err, &verr):
		s.showErrors(err) // the summary says it; the result would only repeat it
		s.setResult("", widget.MediumImportance)
	case err != nil:
		s.showErrors(nil)
		text := lang.X("settings.test_failed", "连接测试失败:{{.Error}}", map[string]any{"Error": err.Error()})
		if report != "" {
			text += "\n" + lang.X("settings.test_passed_before", "此前通过的部分:") + "\n" + report
		}
		s.setResult(text, widget.DangerImportance)
	default:
		s.showErrors(nil)
		s.setResult(lang.X("settings.test_ok", "连接测试通过:")+"\n"+report, widget.SuccessImportance)
	}
}

// saveNow runs 保存 in the background: the typed secrets into the
// keyring, then config.toml.
func (s *settingsScreen) saveNow() {
	if s.busy {
		return
	}
	cfg, ok := s.checked()
	if !ok {
		return
	}
	typed := s.typed()
	s.begin(lang.X("settings.saving", "正在保存……"))
	s.tasks.run(func() {
		err := s.svc.Save(cfg, typed)
		s.tasks.toUI(func() { s.saved(cfg, err) })
	})
}

// saved shows 保存's outcome. Saved secrets leave their entries: the hint
// now says they are stored.
func (s *settingsScreen) saved(cfg app.Config, err error) {
	s.end()
	var verr *app.ValidationError
	switch {
	case errors.As(err, &verr):
		s.showErrors(err)
		s.setResult("", widget.MediumImportance)
	case err != nil:
		s.showErrors(nil)
		s.setResult(lang.X("settings.save_failed", "保存失败:{{.Error}}", map[string]any{"Error": err.Error()}), widget.DangerImportance)
	default:
		s.base = cfg
		s.loading = true
		for _, r := range s.secrets {
			r.entry.SetText("")
		}
		s.loading = false
		s.showErrors(nil)
		s.setResult(lang.X("settings.saved", "已保存,重新启动 Fapiao 后生效"), widget.SuccessImportance)
	}
	// A keyring write may have happened even when config.toml was not.
	s.showSecrets()
}

// checked is the form's configuration when the config checks pass; else
// every problem is shown beside its field, the numbers' with the rest.
func (s *settingsScreen) checked() (app.Config, bool) {
	cfg, err := s.current()
	if err == nil {
		return cfg, true
	}
	all := err.(*app.ValidationError).Errors
	var verr *app.ValidationError
	if errors.As(app.ValidateConfig(cfg), &verr) {
		all = append(all, verr.Errors...)
	}
	s.showErrors(&app.ValidationError{Errors: all})
	s.setResult("", widget.MediumImportance)
	return cfg, false
}

// forget asks, then removes a secret from the keyring at once.
func (s *settingsScreen) forget(r *secretRow) {
	name := map[string]any{"Label": r.field.caption.Text}
	showConfirm(s.win, lang.X("settings.forget.title", "清除密钥"),
		lang.X("settings.forget.confirm", "从系统钥匙串中删除{{.Label}}?删除后需重新输入,或改用环境变量。", name),
		func(ok bool) {
			if !ok {
				return
			}
			s.tasks.run(func() {
				err := s.svc.Forget(r.secret)
				s.tasks.toUI(func() {
					if err != nil {
						name["Error"] = err.Error()
						s.setResult(lang.X("settings.forget_failed", "删除{{.Label}}失败:{{.Error}}", name), widget.DangerImportance)
					} else {
						s.setResult(lang.X("settings.forgotten", "已从系统钥匙串删除{{.Label}}", name), widget.MediumImportance)
					}
					s.showSecret(r)
				})
			})
		})
}

// begin shows the wait and blocks the buttons.
func (s *settingsScreen) begin(text string) {
	s.busy = true
	s.test.Disable()
	s.save.Disable()
	s.progress.Show()
	s.progress.Start()
	s.setResult(text, widget.MediumImportance)
}

func (s *settingsScreen) end() {
	s.busy = false
	s.test.Enable()
	s.save.Enable()
	s.progress.Stop()
	s.progress.Hide()
}

func (s *settingsScreen) setResult(text string, importance widget.Importance) {
	s.result.SetText(text)
	s.result.Importance = importance
	s.result.Refresh()
	showIf(s.result, text != "")
}
