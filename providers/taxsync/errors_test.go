package taxsync

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fapiao/app"
)

func TestClipKeepsCharactersWhole(t *testing.T) {
	long := "x" + strings.Repeat("中", 200) // 601 bytes: byte 300 is inside a character
	got := clip(long)
	if !utf8.ValidString(got) || !strings.HasSuffix(got, "…") || len(got) > maxClip+len("…") {
		t.Errorf("clip gave %d bytes: %q", len(got), got)
	}
	if got := clip(" short \xff "); got != "short \uFFFD" {
		t.Errorf("clip(short) = %q", got)
	}
}

// The secret is blanked before a long message is cut, so no piece of it
// survives at the cut.
func TestRedactBeforeClip(t *testing.T) {
	c, err := New(testConfig("https://sync.example"))
	if err != nil {
		t.Fatal(err)
	}
	msg := strings.Repeat("x", maxClip-1) + testSecret
	pe := c.classifyRefusal("2001", msg, "")
	if pe.Kind != app.KindBusiness || strings.Contains(pe.Message, "x"+testSecret[:1]) {
		t.Errorf("message %q", pe.Message)
	}
	if !strings.HasSuffix(pe.Message, "…") {
		t.Errorf("a long message is not clipped: %d bytes", len(pe.Message))
	}
}
