package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// Keyboard shortcuts. They live in the main menu because the menu sees them
// first: a focused entry swallows shortcuts meant for the window.
var (
	shortcutIssue   = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutAddLine = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
)

func (w *mainWindow) mainMenu() *fyne.MainMenu {
	issue := fyne.NewMenuItem(lang.X("menu.issue", "开具"), func() {
		w.showForm()
		w.form.issue()
	})
	issue.Shortcut = shortcutIssue
	addLine := fyne.NewMenuItem(lang.X("menu.add_line", "添加明细行"), func() {
		w.showForm()
		w.form.lines.add(true)
	})
	addLine.Shortcut = shortcutAddLine
	clear := fyne.NewMenuItem(lang.X("menu.clear", "清空表单"), func() {
		w.showForm()
		w.form.confirmClear()
	})
	items := []*fyne.MenuItem{issue, addLine, fyne.NewMenuItemSeparator(), clear}
	if w.svc.Red != nil {
		items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(lang.X("menu.red", "红冲…"), func() {
			w.showRed()
			w.openRedWizard("")
		}))
	}
	if w.svc.Face != nil || w.svc.Login != nil {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	if w.svc.Face != nil {
		items = append(items, fyne.NewMenuItem(lang.X("menu.face", "人脸认证…"), w.faceOnDemand))
	}
	if w.svc.Login != nil {
		items = append(items, fyne.NewMenuItem(lang.X("menu.login", "登录电子税务局…"), w.loginOnDemand))
	}
	if w.svc.Settings != nil {
		settings := fyne.NewMenuItem(lang.X("menu.settings", "设置…"), w.openSettings)
		settings.Shortcut = shortcutSettings
		items = append(items, fyne.NewMenuItemSeparator(), settings)
	}
	invoice := fyne.NewMenu(lang.X("menu.invoice", "发票"), items...)

	chinese := fyne.NewMenuItem(languageNames[langChinese], func() { w.setLanguage(langChinese) })
	english := fyne.NewMenuItem(languageNames[langEnglish], func() { w.setLanguage(langEnglish) })
	current := savedLanguage(w.app)
	chinese.Checked, english.Checked = current == langChinese, current == langEnglish
	language := fyne.NewMenu("语言 Language", chinese, english)
	return fyne.NewMainMenu(invoice, language)
}
