package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"fapiao/assets"
)

// The languages the UI speaks, as stored in the preferences.
const (
	langChinese = "zh"
	langEnglish = "en"
	// prefLanguage is the preference key holding langChinese or langEnglish.
	prefLanguage = "language"
)

// savedLanguage is the language the clerk chose, Chinese unless English was
// chosen: the app is for Chinese invoicing clerks whatever the OS locale.
func savedLanguage(a fyne.App) string {
	if a.Preferences().StringWithFallback(prefLanguage, langChinese) == langEnglish {
		return langEnglish
	}
	return langChinese
}

// applyLanguage makes lang.X answer in the given language. Fyne's lang has
// no setter: it picks the locale from the environment when translations are
// added (github.com/jeandeaual/go-locale reads the first non-empty of LC_ALL,
// LC_MESSAGES and LANG; "C" or "POSIX" there means no locale at all, and
// otherwise LANGUAGE wins). So LANGUAGE is set, a C/POSIX locale is lifted
// to C.UTF-8 so that LANGUAGE counts, and the translations are added again,
// which rebuilds lang's localizer.
func applyLanguage(code string) error {
	locale := "zh_CN"
	if code == langEnglish {
		locale = "en"
	}
	if err := os.Setenv("LANGUAGE", locale); err != nil {
		return err
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if v == "C" || v == "POSIX" {
			if err := os.Setenv(name, "C.UTF-8"); err != nil {
				return err
			}
		}
		break
	}
	return lang.AddTranslationsFS(assets.Translations, "translations")
}
