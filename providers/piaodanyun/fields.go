package piaodanyun

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// field is one member of a JSON object, in the order sent.
type field struct {
	key   string
	value json.RawMessage
}

// objectFields splits a JSON object into its members, keeping repeated
// keys: a map would silently keep the last of {"Sfsl":"Y","Sfsl":"N"}, and
// which one the server meant is not ours to guess.
func objectFields(raw []byte) ([]field, error) {
	raw = bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(raw), []byte("\xEF\xBB\xBF")))
	if len(raw) == 0 || raw[0] != '{' || !json.Valid(raw) {
		return nil, errors.New("不是JSON对象")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, errors.New("不是JSON对象")
	}
	var fields []field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, errors.New("不是JSON对象")
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, errors.New("不是JSON对象")
		}
		fields = append(fields, field{key: key, value: value})
	}
	return fields, nil
}

// lookupText returns the text under the first of names (matched without
// regard to case) that has a value other than null or blanks. Repeats of
// one name that disagree are an error; a value that is not a string, number
// or boolean is too. The text is returned as sent, untrimmed.
func lookupText(fields []field, names ...string) (value string, found bool, err error) {
	for _, name := range names {
		for _, f := range fields {
			if !strings.EqualFold(f.key, name) {
				continue
			}
			var v flexString
			if err := json.Unmarshal(f.value, &v); err != nil {
				return "", false, errors.New(name + " 不是文本")
			}
			if found && string(v) != value {
				return "", false, errors.New(name + " 出现多次且取值不同")
			}
			value, found = string(v), true
		}
		if found && strings.TrimSpace(value) != "" {
			return value, true, nil
		}
		value, found = "", false
	}
	return "", false, nil
}
