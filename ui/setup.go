package ui

import (
	"fyne.io/fyne/v2"

	"fapiao/assets"
)

// SetupApp prepares the application before any window is built: the theme
// with the CJK font, the icon, the translations and the language saved in
// the preferences (Chinese by default).
func SetupApp(a fyne.App) {
	a.Settings().SetTheme(newAppTheme())
	a.SetIcon(assets.Icon)
	if err := applyLanguage(savedLanguage(a)); err != nil {
		fyne.LogError("loading translations", err)
	}
}
