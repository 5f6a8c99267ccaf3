package piaodanyun

import (
	"encoding/json"
	"testing"
)

func TestFlexString(t *testing.T) {
	for in, want := range map[string]string{
		`"abc"`: "abc", `" x "`: "x", `12`: "12", `0.990099009901`: "0.990099009901",
		`null`: "", `true`: "true", `"\u7a0e"`: "税",
	} {
		var s flexString
		if err := json.Unmarshal([]byte(in), &s); err != nil || s.String() != want {
			t.Errorf("%s → %q, %v; want %q", in, s.String(), err, want)
		}
	}
	for _, bad := range []string{`{}`, `[1]`} {
		var s flexString
		if err := json.Unmarshal([]byte(bad), &s); err == nil {
			t.Errorf("%s accepted as text", bad)
		}
	}
}

func TestFlexDecimal(t *testing.T) {
	for in, want := range map[string]string{
		`"0.990000000000000000"`: "0.99", `0.990099009901`: "0.990099009901", `1`: "1",
		`"-1.15"`: "-1.15", `" 3 "`: "3", `1e2`: "100",
	} {
		var d flexDecimal
		if err := json.Unmarshal([]byte(in), &d); err != nil || !d.Valid || d.Value.String() != want {
			t.Errorf("%s → %+v, %v; want %s", in, d, err, want)
		}
	}
	for _, invalid := range []string{`null`, `""`, `"abc"`, `"1e999999999"`, `"1e-999"`} {
		var d flexDecimal
		if err := json.Unmarshal([]byte(invalid), &d); err != nil || d.Valid {
			t.Errorf("%s → %+v, %v; want invalid without error", invalid, d, err)
		}
	}
}

func TestFlexInt(t *testing.T) {
	for in, want := range map[string]int64{`"1"`: 1, `2`: 2, `2.0`: 2, `"-3"`: -3} {
		var n flexInt
		if err := json.Unmarshal([]byte(in), &n); err != nil || !n.Valid || n.Value != want {
			t.Errorf("%s → %+v, %v; want %d", in, n, err, want)
		}
	}
	for _, invalid := range []string{`null`, `"1.5"`, `"x"`, `1e30`} {
		var n flexInt
		if err := json.Unmarshal([]byte(invalid), &n); err != nil || n.Valid {
			t.Errorf("%s → %+v, %v; want invalid", invalid, n, err)
		}
	}
}

func TestEnvelopeCodeSpellings(t *testing.T) {
	for _, body := range []string{`{"code":200}`, `{"code":"200"}`, `{"code":200.0}`, `{"code":" 200 "}`} {
		env, err := decodeEnvelope([]byte(body))
		if err != nil || env.code() != codeOK {
			t.Errorf("%s → code %q, %v", body, env.code(), err)
		}
	}
	env, _ := decodeEnvelope([]byte(`{"code":999,"msg":"","message":"说明"}`))
	if env.text() != "说明" {
		t.Errorf("text %q, want the message field when msg is empty", env.text())
	}
}
