package app

import "testing"

func TestValidateTaxID(t *testing.T) {
	cases := []struct {
		id   string
		rule string // "" when valid
	}{
		{"9111011457319202X9", ""},
		{"91510113MA6739XPX2", ""},
		{"91510100MA6CXP8Q2Q", ""},
		{"91510113MA6739XPX3", "check_digit"},
		{"9111011457319202X8", "check_digit"},
		{"91510113MA6739XPXI", "charset"}, // I is not in the alphabet
		{"91510113ma6739xpx2", "charset"}, // lower case is not normalised here
		{"110101199003077", ""},           // 15-character old ID
		{"11010119900307751", ""},         // 17
		{"11010119900307751X00", ""},      // 20
		{"1101011990030775", "length"},    // 16
		{"12345", "length"},
		{"11010119900307-", "charset"},
	}
	for _, c := range cases {
		err := ValidateTaxID(c.id)
		switch {
		case c.rule == "" && err != nil:
			t.Errorf("%s: want valid, got %v", c.id, err)
		case c.rule != "" && err == nil:
			t.Errorf("%s: want %s error, got valid", c.id, c.rule)
		case c.rule != "" && err.Rule != c.rule:
			t.Errorf("%s: want rule %s, got %s (%s)", c.id, c.rule, err.Rule, err.Message)
		}
	}
}

func TestCheckDigitMessageNamesExpectedChar(t *testing.T) {
	err := ValidateTaxID("91510113MA6739XPX3")
	if err == nil || !contains(err.Message, "应为 2") {
		t.Fatalf("message should name the expected check character: %v", err)
	}
}

func TestProvinceOfTaxID(t *testing.T) {
	for id, want := range map[string]string{
		"91510113MA6739XPX2": "51",
		"9111011457319202X9": "11",
		"110101199003077":    "",
		"91A10113MA6739XPX2": "",
	} {
		if got := ProvinceOfTaxID(id); got != want {
			t.Errorf("ProvinceOfTaxID(%s) = %q, want %q", id, got, want)
		}
	}
}
