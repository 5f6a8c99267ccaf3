package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"fapiao/assets"
)

// appTheme is Fyne's default theme with the bundled CJK font: Fyne's own
// fonts have no Chinese glyphs. Runes the CJK font lacks fall back to
// Fyne's Noto Sans, so Latin text still renders.
type appTheme struct {
	fyne.Theme
}

func newAppTheme() fyne.Theme {
	return &appTheme{Theme: theme.DefaultTheme()}
}

// Font returns the CJK font for every style: Droid Sans Fallback has no
// bold or italic faces, and a Latin-only font would turn Chinese into boxes.
func (t *appTheme) Font(fyne.TextStyle) fyne.Resource {
	return assets.CJKFont
}
