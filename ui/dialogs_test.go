package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func pressKey(w fyne.Window, name fyne.KeyName) {
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

func TestDialogsAnswerFromKeyboard(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))

	showMessage(w, "已导出", "已保存到 /tmp/x.pdf")
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("the message is not shown")
	}
	pressKey(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the message")
	}

	answers := []bool{}
	showConfirm(w, "清空表单", "清空?", func(ok bool) { answers = append(answers, ok) })
	pressKey(w, fyne.KeyReturn)
	showConfirm(w, "清空表单", "清空?", func(ok bool) { answers = append(answers, ok) })
	pressKey(w, fyne.KeyEscape)
	if len(answers) != 2 || !answers[0] || answers[1] {
		t.Errorf("answers = %v, want [true false] (Enter yes, Escape no)", answers)
	}
	if w.Canvas().OnTypedKey() != nil {
		t.Error("the window's own key handler (none here) was not restored")
	}
}
