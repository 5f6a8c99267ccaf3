// Package assets embeds what the app ships inside its binary: the CJK font,
// the icon, and the zh and en translations.
package assets

import (
	"embed"
	_ "embed"

	"fyne.io/fyne/v2"
)

// CJKFontTTF is Droid Sans Fallback (Apache-2.0): Fyne's bundled fonts have
// no Chinese glyphs, so the theme and the invoice renderer use this one.
//
//go:embed DroidSansFallbackFull.ttf
var CJKFontTTF []byte

// CJKFont is the font as a Fyne resource.
var CJKFont = fyne.NewStaticResource("DroidSansFallbackFull.ttf", CJKFontTTF)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)

// Translations holds translations/fapiao.<lang>.json, loaded with
// lang.AddTranslationsFS(Translations, "translations").
//
//go:embed translations
var Translations embed.FS
