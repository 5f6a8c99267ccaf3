package piaodanyun

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"fapiao/app"
)

// seedFaceState is the seed's queryFaceAuthState data:
// {"Yjjb":"01","Sxlb":"3","Sfsl":"Y","ItsScanFlag":"N"}.
const seedFaceState = "eyJZampiIjoiMDEiLCJTeGxiIjoiMyIsIlNmc2wiOiJZIiwiSXRzU2NhbkZsYWciOiJOIn0="

func faceStateReply(data string) string {
	return `{"code":200,"msg":"成功","data":` + data + `,"total":0}`
}

func TestFaceAuthNeededSeedExample(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathFaceState, reply(http.StatusOK, faceStateReply(jsonString(seedFaceState))))
	needed, err := newTestClient(t, fs.URL).FaceAuthNeeded(context.Background())
	if err != nil {
		t.Fatalf("FaceAuthNeeded: %v", err)
	}
	if !needed {
		t.Error("Sfsl Y read as not needed")
	}
	call := fs.recorded()[0]
	if call.Method != http.MethodPost || call.Path != "/qdjk/fullApplets/queryFaceAuthState" {
		t.Errorf("%s %s, want POST /qdjk/fullApplets/queryFaceAuthState", call.Method, call.Path)
	}
	assertFields(t, "form", call.Form, map[string]string{"nsrsbh": testTaxID, "username": testUsername})
	if len(call.Query) != 0 || call.Auth != tokenN(1) {
		t.Errorf("query %v auth %q", call.Query, call.Auth)
	}
}

func TestFaceAuthNotNeeded(t *testing.T) {
	data := base64.StdEncoding.EncodeToString([]byte(`{"Yjjb":"01","Sxlb":"3","Sfsl":"N","ItsScanFlag":"N"}`))
	fs := newFakeServer(t)
	fs.handle(pathFaceState, reply(http.StatusOK, faceStateReply(jsonString(data))))
	needed, err := newTestClient(t, fs.URL).FaceAuthNeeded(context.Background())
	if err != nil || needed {
		t.Errorf("Sfsl N: got %v, %v; want false, nil", needed, err)
	}
}

// faceStateJSON is a state object whose base64 differs between the
// standard and URL alphabets ("~" encodes to "-" or "+") and needs padding.
func faceStateJSON(key, value string) string {
	return `{"Yjjb":"01","Sxlb":"3","` + key + `":"` + value + `","ItsScanFlag":"N","Bz":"~"}`
}

func TestDecodeFaceStateToleratedVariants(t *testing.T) {
	yes := []byte(faceStateJSON("Sfsl", "Y"))
	if std, url := base64.StdEncoding.EncodeToString(yes), base64.URLEncoding.EncodeToString(yes); std == url || !strings.HasSuffix(std, "=") {
		t.Fatal("test payload does not exercise the URL alphabet and padding")
	}
	cases := map[string]struct {
		data string // the JSON value of data
		want bool
	}{
		"seed example":          {jsonString(seedFaceState), true},
		"standard, padded":      {jsonString(base64.StdEncoding.EncodeToString(yes)), true},
		"standard, unpadded":    {jsonString(base64.RawStdEncoding.EncodeToString(yes)), true},
		"URL, padded":           {jsonString(base64.URLEncoding.EncodeToString(yes)), true},
		"URL, unpadded":         {jsonString(base64.RawURLEncoding.EncodeToString(yes)), true},
		"surrounding blanks":    {jsonString(" \r\n" + seedFaceState + "\n\t "), true},
		"line-wrapped base64":   {jsonString(seedFaceState[:30] + "\n" + seedFaceState[30:]), true},
		"data an object":        {`{"Yjjb":"01","Sfsl":"N"}`, false},
		"data JSON text":        {jsonString(` {"Sfsl":"Y"} `), true},
		"lower-case key":        {jsonString(base64.StdEncoding.EncodeToString([]byte(faceStateJSON("sfsl", "N")))), false},
		"upper-case key":        {`{"SFSL":"Y"}`, true},
		"lower-case value y":    {`{"Sfsl":"y"}`, true},
		"lower-case value n":    {jsonString(base64.StdEncoding.EncodeToString([]byte(`{"sfsl":"n"}`))), false},
		"value with blanks":     {`{"Sfsl":" N "}`, false},
		"byte-order mark":       {jsonString(base64.StdEncoding.EncodeToString([]byte("\xEF\xBB\xBF" + `{"Sfsl":"Y"}`))), true},
		"repeated, same value":  {`{"Sfsl":"Y","sfsl":"Y"}`, true},
		"other keys are absent": {`{"Sfsl":"N"}`, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := decodeFaceState([]byte(tc.data))
			if err != nil || got != tc.want {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestDecodeFaceStateRefusesGarbage(t *testing.T) {
	b64 := func(s string) string { return jsonString(base64.StdEncoding.EncodeToString([]byte(s))) }
	for name, data := range map[string]string{
		"null":                  `null`,
		"empty string":          `""`,
		"blank string":          `"  "`,
		"not base64":            `"garbage!!"`,
		"a number":              `12`,
		"true":                  `true`,
		"an array":              `[{"Sfsl":"Y"}]`,
		"base64 of text":        b64("Sfsl=Y"),
		"base64 of an array":    b64(`[{"Sfsl":"Y"}]`),
		"base64 of cut JSON":    b64(`{"Sfsl":"Y"`),
		"no Sfsl":               b64(`{"Yjjb":"01","Sxlb":"3","ItsScanFlag":"Y"}`),
		"Sfsl empty":            `{"Sfsl":""}`,
		"Sfsl null":             `{"Sfsl":null}`,
		"Sfsl unknown":          b64(faceStateJSON("Sfsl", "X")),
		"Sfsl a word":           `{"Sfsl":"YES"}`,
		"Sfsl a number":         `{"Sfsl":1}`,
		"Sfsl true":             `{"Sfsl":true}`,
		"Sfsl an object":        `{"Sfsl":{"v":"Y"}}`,
		"conflicting spellings": `{"Sfsl":"Y","SFSL":"N"}`,
		"conflicting repeats":   b64(`{"Sfsl":"N","Sfsl":"Y"}`),
		"similar key only":      `{"Sfsl2":"Y","ItsScanFlag":"Y"}`,
	} {
		t.Run(name, func(t *testing.T) {
			if got, err := decodeFaceState([]byte(data)); err == nil {
				t.Errorf("accepted as %v", got)
			}
		})
	}
}

func TestFaceAuthNeededGarbageIsTransient(t *testing.T) {
	for _, data := range []string{`"garbage!!"`, `null`, `{"Sfsl":"maybe"}`} {
		fs := newFakeServer(t)
		fs.handle(pathFaceState, reply(http.StatusOK, faceStateReply(data)))
		_, err := newTestClient(t, fs.URL).FaceAuthNeeded(context.Background())
		pe := providerErr(t, err, app.KindTransient)
		if pe.Op != opFaceState || !strings.Contains(pe.Message, "格式错误") {
			t.Errorf("data %s: op %q message %q", data, pe.Op, pe.Message)
		}
	}
}
