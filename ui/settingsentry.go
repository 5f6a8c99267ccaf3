package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// shortcutSave saves the settings (Ctrl+S); shortcutSettings opens them
// from the main window (Ctrl+,).
var (
	shortcutSave     = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSettings = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
)

// settingsEntry is an entry of the settings screen. A focused entry takes
// every shortcut and drops those it does not know, so this one hands the
// screen's own (Ctrl+S) back to it: the clerk saves from where they typed.
type settingsEntry struct {
	widget.Entry
	onShortcut func(fyne.Shortcut) bool // true when the screen took it
}

func newSettingsEntry(password bool) *settingsEntry {
	e := &settingsEntry{}
	e.Password = password
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut gives the screen first say, then the entry (copy, paste…).
func (e *settingsEntry) TypedShortcut(s fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
