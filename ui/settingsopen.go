package ui

// openSettings shows 设置 in a window of its own, or brings the open one
// to the front. It closes with the main window.
func (w *mainWindow) openSettings() {
	if w.svc.Settings == nil {
		return
	}
	if w.settings != nil {
		w.settings.win.RequestFocus()
		return
	}
	s := newSettingsScreen(w.app, w.svc.Settings, w.tasks)
	s.onClosed = func() { w.settings = nil }
	w.settings = s
	s.win.Show()
}

// closeSettings closes the settings window, if open.
func (w *mainWindow) closeSettings() {
	if w.settings != nil {
		w.settings.win.Close()
	}
}
