package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// hex32 is the shape of rzid, ewmid and the login uuid.
var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

// get sends a GET with the env's token and decodes the envelope.
func (e *env) get(path string, query url.Values) envelope {
	e.t.Helper()
	resp, body := e.getRaw(path, query)
	return e.decode(resp, body)
}

func (e *env) getRaw(path string, query url.Values) (*http.Response, []byte) {
	e.t.Helper()
	if e.token == "" {
		e.token = e.obtainToken()
	}
	req, _ := http.NewRequest(http.MethodGet, e.base+path+"?"+query.Encode(), nil)
	req.Header.Set("Authorization", e.token)
	return e.mustDo(req)
}

// faceImg asks getFaceImg for the seller with type typ ("" leaves it out).
func (e *env) faceImg(taxID, typ string) envelope {
	e.t.Helper()
	q := url.Values{"nsrsbh": {taxID}, "username": {DemoUsername}}
	if typ != "" {
		q.Set("type", typ)
	}
	return e.get(pathFaceImg, q)
}

// faceQRData is getFaceImg's data.
type faceQRData struct {
	Rzid   string  `json:"rzid"`
	Nsrsbh string  `json:"nsrsbh"`
	Ewm    string  `json:"ewm"`
	Slzt   *string `json:"slzt"`
	Emwly  string  `json:"emwly"`
}

// newFaceQR asks for a face QR code that must be issued.
func (e *env) newFaceQR(taxID string) faceQRData {
	e.t.Helper()
	env := e.faceImg(taxID, "")
	if env.Code != 200 {
		e.t.Fatalf("getFaceImg: %d %s", env.Code, env.Msg)
	}
	var d faceQRData
	if err := json.Unmarshal(env.Data, &d); err != nil {
		e.t.Fatalf("getFaceImg data %s: %v", env.Data, err)
	}
	return d
}

// faceState asks queryFaceAuthState and returns the envelope.
func (e *env) faceState(taxID string) envelope {
	e.t.Helper()
	return e.post(pathFaceState, url.Values{"nsrsbh": {taxID}, "username": {DemoUsername}})
}

// faceScanNeeded decodes queryFaceAuthState's Sfsl: true for Y.
func (e *env) faceScanNeeded(taxID string) bool {
	e.t.Helper()
	env := e.faceState(taxID)
	if env.Code != 200 {
		e.t.Fatalf("queryFaceAuthState: %d %s", env.Code, env.Msg)
	}
	state := decodeFaceState(e.t, env.Data)
	switch state["Sfsl"] {
	case "Y":
		return true
	case "N":
		return false
	}
	e.t.Fatalf("Sfsl %q", state["Sfsl"])
	return false
}

// decodeFaceState decodes queryFaceAuthState's data: a JSON string holding
// base64 of a JSON object.
func decodeFaceState(t *testing.T, data json.RawMessage) map[string]any {
	t.Helper()
	var b64 string
	if err := json.Unmarshal(data, &b64); err != nil {
		t.Fatalf("data %s is not a string: %v", data, err)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("data %q is not standard base64: %v", b64, err)
	}
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatalf("decoded %s: %v", raw, err)
	}
	return state
}

// control posts to a control endpoint (no token) and returns the status
// and the decoded JSON body.
func (e *env) control(path string, form url.Values) (int, map[string]any) {
	e.t.Helper()
	resp, body, err := e.postFormRaw(path, "", form)
	if err != nil {
		e.t.Fatalf("POST %s: %v", path, err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		e.t.Fatalf("%s: Content-Type %q, want JSON", path, ct)
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		e.t.Fatalf("%s answered %s: %v", path, body, err)
	}
	return resp.StatusCode, m
}

// scanFace posts the face scan of rzid and returns the status and body.
func (e *env) scanFace(rzid string) (int, map[string]any) {
	e.t.Helper()
	return e.control(faceScanPrefix+rzid+"/scan", nil)
}

// loginForm is a loginDppt form with the demo credentials plus extra.
func loginForm(extra ...string) url.Values {
	f := url.Values{"nsrsbh": {sellerID}, "username": {DemoUsername}, "password": {DemoEtaxPassword}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Set(extra[i], extra[i+1])
	}
	return f
}

// loginEnvelope is loginDppt's answer, which also carries message.
type loginEnvelope struct {
	envelope
	Message string `json:"message"`
}

// login posts loginDppt and decodes its answer.
func (e *env) login(form url.Values) loginEnvelope {
	e.t.Helper()
	if e.token == "" {
		e.token = e.obtainToken()
	}
	resp, body, err := e.postFormRaw(pathLoginDppt, e.token, form)
	if err != nil {
		e.t.Fatalf("loginDppt: %v", err)
	}
	e.decode(resp, body) // status and content type
	var env loginEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		e.t.Fatalf("loginDppt %s: %v", body, err)
	}
	if env.Message != env.Msg {
		e.t.Errorf("loginDppt message %q differs from msg %q", env.Message, env.Msg)
	}
	return env
}

// mustLogIn checks a loginDppt answer is a completed login: a uuid.
func mustLogIn(t *testing.T, env loginEnvelope) {
	t.Helper()
	var uuid string
	if env.Code != 200 || json.Unmarshal(env.Data, &uuid) != nil || !hex32.MatchString(uuid) {
		t.Fatalf("login: %d %q data %s, want 200 and a 32-hex uuid", env.Code, env.Msg, env.Data)
	}
}

// mustRefuse checks an answer is the bureau's 999 with msg.
func mustRefuse(t *testing.T, what string, code int, msg, wantMsg string) {
	t.Helper()
	if code != 999 || msg != wantMsg {
		t.Errorf("%s: %d %q, want 999 %q", what, code, msg, wantMsg)
	}
}

// readQR decodes a base64 PNG QR code back to its text.
func readQR(t *testing.T, b64 string) string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("ewm is not base64: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("ewm is not a PNG: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("ewm is not a readable QR code: %v", err)
	}
	return res.GetText()
}

// advance moves the clock on and drops the token, which may have expired
// meanwhile: the next call obtains a fresh one.
func (e *env) advance(d time.Duration) {
	e.clock.Advance(d)
	e.token = ""
}
