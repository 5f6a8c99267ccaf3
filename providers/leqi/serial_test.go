package leqi

import (
	"strings"
	"testing"
)

func TestNewBusinessSerial(t *testing.T) {
	const n = 1000
	seen := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		s := NewBusinessSerial(testPlatform)
		if strings.Count(s, testPlatform) != 1 || !strings.HasPrefix(s, testPlatform) {
			t.Fatalf("%s: the platform number should lead, once", s)
		}
		suffix := strings.TrimPrefix(s, testPlatform)
		if len(suffix) != 32 || strings.Trim(suffix, "0123456789abcdef") != "" {
			t.Fatalf("%s: suffix %q is not 32 hex characters", s, suffix)
		}
		if len(s) > 64 {
			t.Fatalf("%s: %d characters", s, len(s))
		}
		if seen[s] {
			t.Fatalf("%s made twice", s)
		}
		seen[s] = true
	}
}

func TestLongestAcceptedPlatformNumberFitsTheSerial(t *testing.T) {
	longest := strings.Repeat("7", maxPlatformNumberLength)
	cfg := testConfig("https://lqpt.example")
	cfg.Jrdwptbh = longest
	if _, err := New(cfg); err != nil {
		t.Fatalf("refused a %d-character platform number: %v", len(longest), err)
	}
	if s := NewBusinessSerial(longest); len(s) > 64 {
		t.Errorf("serial of %d characters", len(s))
	}
}
