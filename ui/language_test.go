package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"fapiao/app"
	"fapiao/assets"
)

func TestChineseByDefaultWhateverTheLocale(t *testing.T) {
	for _, env := range []map[string]string{
		{"LANG": "en_US.UTF-8"},
		{"LC_ALL": "C"},
		{"LANG": "POSIX", "LANGUAGE": "de"},
	} {
		fx := newFixture(t)
		for k, v := range env {
			t.Setenv(k, v)
		}
		SetupApp(fx.app)
		if got := lang.X("nav.issue", "?"); got != "开票" {
			t.Errorf("env %v: nav.issue = %q, want 开票", env, got)
		}
	}
}

func TestSwitchingLanguageChangesTheLabelsAndKeepsTheForm(t *testing.T) {
	fx := newFixture(t)
	w := fx.open()
	test.Type(w.form.buyer.name, "上海某某科技有限公司")
	test.Type(w.form.buyer.taxID, "91510113MA6739XPX3")
	w.tabs.SelectIndex(tabIssued)

	w.setLanguage(langEnglish)
	if got := w.form.issueButton.Text; got != "Issue (Ctrl+Enter)" {
		t.Errorf("issue button = %q in English", got)
	}
	if got := w.tabs.Items[tabIssued].Text; got != "Issued invoices" {
		t.Errorf("tab = %q in English", got)
	}
	if got := lang.X("statusbar.sandbox", "?"); !strings.HasPrefix(got, "Sandbox") {
		t.Errorf("lang.X in English = %q", got)
	}
	if fx.app.Preferences().String(prefLanguage) != langEnglish {
		t.Error("the choice is not remembered")
	}
	if w.form.buyer.name.Text != "上海某某科技有限公司" || !w.form.buyer.fields["buyer.tax_id"].errors.Visible() {
		t.Error("switching language must keep the typed form and its errors")
	}
	if w.tabs.SelectedIndex() != tabIssued {
		t.Error("switching language must keep the selected tab")
	}

	// And back, through the status bar's select.
	w.status.language.SetSelected("中文")
	if got := w.form.issueButton.Text; got != "开具 (Ctrl+Enter)" {
		t.Errorf("issue button = %q back in Chinese", got)
	}
	if got := lang.X("statusbar.sandbox", "?"); got != "沙箱模式:发票仅用于演示,不报送税局" {
		t.Errorf("lang.X back in Chinese = %q", got)
	}
	if fx.app.Preferences().String(prefLanguage) != langChinese {
		t.Error("the choice back is not remembered")
	}
}

func TestSavedLanguageAppliesAtStart(t *testing.T) {
	fx := newFixture(t)
	fx.app.Preferences().SetString(prefLanguage, langEnglish)
	SetupApp(fx.app)
	w := fx.open()
	if got := w.tabs.Items[tabIssue].Text; got != "Issue" {
		t.Errorf("tab = %q, want Issue", got)
	}
	if got := statusLabel(app.StatusHeld); got != "On hold" {
		t.Errorf("status label = %q", got)
	}
}

// The keys of lang.X calls with a literal key, as written in ui/*.go.
var langCall = regexp.MustCompile(`lang\.X\(\s*"([^"]+)",`)

func TestEveryTranslationKeyIsInBothFiles(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range langCall.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	// statusLabel builds its keys: status.<status>.
	for _, s := range []app.Status{app.StatusPending, app.StatusUnknown, app.StatusIssued, app.StatusRejected, app.StatusHeld} {
		used["status."+string(s)] = true
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys: is the scan broken?", len(used))
	}
	reserved := map[string]bool{"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
		"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true, "translation": true}
	for _, name := range []string{"fapiao.zh_Hans.json", "fapiao.en.json"} {
		data, err := assets.Translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]string
		if err := json.Unmarshal(data, &tr); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var missing, unused []string
		for k := range used {
			if strings.TrimSpace(tr[k]) == "" {
				missing = append(missing, k)
			}
		}
		for k := range tr {
			if !used[k] {
				unused = append(unused, k)
			}
			if reserved[strings.ToLower(k)] {
				t.Errorf("%s: %q is a reserved key of Fyne's lang", name, k)
			}
		}
		sort.Strings(missing)
		sort.Strings(unused)
		if len(missing) > 0 {
			t.Errorf("%s lacks %v", name, missing)
		}
		if len(unused) > 0 {
			t.Errorf("%s has keys no code uses: %v", name, unused)
		}
	}
}
