package app

import (
	"math"
	"strconv"
	"testing"
)

func TestSegmentAcrossAPowerOfTen(t *testing.T) {
	s, err := NewSegment("26111000000099999998", "26111000000100000007")
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 10 || s.Year != 2026 {
		t.Fatalf("segment %+v", s)
	}
	var got []string
	s.Numbers(func(n string) error { got = append(got, n); return nil })
	want := []string{"26111000000099999998", "26111000000099999999", "26111000000100000000", "26111000000100000001",
		"26111000000100000002", "26111000000100000003", "26111000000100000004", "26111000000100000005",
		"26111000000100000006", "26111000000100000007"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("number %d = %s, want %s", i, got[i], want[i])
		}
	}
	if s.Nth(9) != want[9] || s.Nth(2) != want[2] {
		t.Errorf("Nth: %s %s", s.Nth(2), s.Nth(9))
	}
}

func TestNumbersAboveUint64(t *testing.T) {
	maxU := strconv.FormatUint(math.MaxUint64, 10) // 18446744073709551615, 20 digits
	// Every number of 2026 is above uint64's range.
	s, err := NewSegment("26111999999999999990", "26112000000000000009")
	if err != nil {
		t.Fatal(err)
	}
	if s.Nth(0) <= maxU || s.Count != 20 || s.Nth(10) != "26112000000000000000" {
		t.Errorf("segment %+v, Nth(10) %s", s, s.Nth(10))
	}
	// A number just above uint64's maximum, exactly.
	above, err := NewSegment("18446744073709551614", "18446744073709551617")
	if err != nil {
		t.Fatal(err)
	}
	if above.Count != 4 || above.Nth(2) != "18446744073709551616" || above.Nth(3) != "18446744073709551617" {
		t.Errorf("across uint64's maximum: %+v %s", above, above.Nth(3))
	}
}

func TestSegmentRefusals(t *testing.T) {
	for _, c := range [][2]string{
		{"26111000000000000010", "26111000000000000001"}, // reversed
		{"25111000000000000001", "26111000000000000001"}, // two years
		{"2611100000000000001", "26111000000000000001"},  // 19 digits
		{"26111000000000000001", "26111000000100000001"}, // too many
	} {
		if _, err := NewSegment(c[0], c[1]); err == nil {
			t.Errorf("%s–%s accepted", c[0], c[1])
		}
	}
}
