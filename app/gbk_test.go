package app

import (
	"errors"
	"testing"
)

func TestGBKLen(t *testing.T) {
	cases := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc 123", 7},
		{"软件", 4},
		{"*软件*V1", 8},
		{"(株)", 4}, // full-width parentheses are 2 bytes each
		{"上海某某科技有限公司", 20},
	}
	for _, c := range cases {
		got, err := GBKLen(c.s)
		if err != nil || got != c.want {
			t.Errorf("GBKLen(%q) = %d, %v; want %d", c.s, got, err, c.want)
		}
	}
}

func TestGBKLenRefusesUnencodable(t *testing.T) {
	for s, pos := range map[string]int{"软件😀": 3, "𠀀": 1, "名称\u0378": 3} {
		_, err := GBKLen(s)
		var ue *UnencodableError
		if !errors.As(err, &ue) {
			t.Errorf("GBKLen(%q): want UnencodableError, got %v", s, err)
			continue
		}
		if ue.Position != pos {
			t.Errorf("GBKLen(%q): position %d, want %d", s, ue.Position, pos)
		}
	}
}
