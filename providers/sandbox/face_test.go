package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"testing"
	"time"
)

// seedFaceStateY is seed 001's queryFaceAuthState example (a scan needed).
const seedFaceStateY = "eyJZampiIjoiMDEiLCJTeGxiIjoiMyIsIlNmc2wiOiJZIiwiSXRzU2NhbkZsYWciOiJOIn0="

// mustNeedFace checks a blueTicket was refused with 420 and stored nothing.
func (e *env) mustNeedFace(form url.Values) {
	e.t.Helper()
	if e.token == "" {
		e.token = e.obtainToken()
	}
	resp, body, err := e.postFormRaw(pathBlueTicket, e.token, form)
	if err != nil {
		e.t.Fatal(err)
	}
	env := e.decode(resp, body)
	if env.Code != 420 || env.Msg != "需要进行人脸识别认证,请扫码认证后重试" || string(env.Data) != "null" {
		e.t.Fatalf("blueTicket with face auth lapsed: %s", body)
	}
	if q := e.query(form.Get("fpqqlsh"), ""); q.Code != 999 {
		e.t.Errorf("a blueTicket refused with 420 was stored: %d %s", q.Code, q.Data)
	}
}

func TestFreshSandboxIssuesAtOnce(t *testing.T) {
	e := start(t)
	if e.faceScanNeeded(sellerID) {
		t.Error("a fresh sandbox asks for a face scan")
	}
	if n := e.issue(seedInvoice("fresh")).Fphm; n != "26112000000000000001" {
		t.Errorf("first number %s", n)
	}
}

func TestFaceLapseByControlRefusesIssuing(t *testing.T) {
	e := start(t)
	e.token = e.obtainToken()
	// Lapse before the seller was ever seen: it still applies to it.
	if status, body := e.control(pathFaceLapse, nil); status != 200 || body["code"] != 200.0 {
		t.Fatalf("lapse: %d %v", status, body)
	}
	e.mustNeedFace(seedInvoice("l1"))
	if !e.faceScanNeeded(sellerID) {
		t.Error("queryFaceAuthState says N after a lapse")
	}
	// Issuing resumes after a scan, and the refused call used no number.
	if code, body := e.scanFace(e.newFaceQR(sellerID).Rzid); code != 200 {
		t.Fatalf("scan: %d %v", code, body)
	}
	if n := e.issue(seedInvoice("l1")).Fphm; n != "26112000000000000001" {
		t.Errorf("number after the refusal %s, want sequence 1", n)
	}
}

func TestFaceLapseForOneSeller(t *testing.T) {
	e := start(t)
	if status, body := e.control(pathFaceLapse, url.Values{"nsrsbh": {sellerID}}); status != 200 || body["nsrsbh"] != sellerID {
		t.Fatalf("lapse one: %d %v", status, body)
	}
	if !e.faceScanNeeded(sellerID) || e.faceScanNeeded(buyerID) {
		t.Error("lapse of one seller: want Y for it and N for another")
	}
	if status, _ := e.control(pathFaceLapse, url.Values{"nsrsbh": {"123"}}); status != http.StatusBadRequest {
		t.Errorf("lapse of a malformed ID: HTTP %d, want 400", status)
	}
}

func TestFaceLapseByClock(t *testing.T) {
	// By default the login lapses after 24 h, before the face scan: keep
	// it longer here to see the face window alone.
	e := start(t, func(o *Options) { o.LoginValidity = 72 * time.Hour })
	e.issue(seedInvoice("c1")) // first sight: verified now
	e.advance(48 * time.Hour)
	e.issue(seedInvoice("c2")) // exactly 48 h: still valid
	e.advance(time.Second)
	e.mustNeedFace(seedInvoice("c3"))
	// Go API: the scan renews it.
	if err := e.srv.SimulateFaceScan(e.newFaceQR(sellerID).Rzid); err != nil {
		t.Fatal(err)
	}
	e.issue(seedInvoice("c3"))
}

func TestLapseFaceAuthGoAPI(t *testing.T) {
	e := start(t)
	e.issue(seedInvoice("g1"))
	e.srv.LapseFaceAuth()
	e.mustNeedFace(seedInvoice("g2"))
}

func TestFaceCheckedBeforeTheInvoice(t *testing.T) {
	e := start(t)
	e.srv.LapseFaceAuth()
	bad := seedInvoice("bad")
	bad.Set("hjje", "9") // wrong totals: the bureau would refuse it, but asks for the scan first
	e.token = e.obtainToken()
	e.mustNeedFace(bad)
	// No seller named: nothing to check, so the invoice check answers.
	bad.Del("xhdwsbh")
	if env := e.post(pathBlueTicket, bad); env.Code != 999 {
		t.Errorf("blueTicket without seller: %d %q", env.Code, env.Msg)
	}
}

func TestGetFaceImgShape(t *testing.T) {
	e := start(t)
	resp, body := e.getRaw(pathFaceImg, url.Values{"nsrsbh": {sellerID}, "username": {DemoUsername}})
	if resp.StatusCode != 200 {
		t.Fatalf("HTTP %d", resp.StatusCode)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		t.Fatal(err)
	}
	if keys := sortedKeys(top); !slices.Equal(keys, []string{"code", "data", "msg", "total"}) {
		t.Errorf("keys %v", keys)
	}
	if string(top["code"]) != "200" || string(top["msg"]) != `"成功"` || string(top["total"]) != "0" {
		t.Errorf("envelope %s", body)
	}
	var data map[string]json.RawMessage
	if err := json.Unmarshal(top["data"], &data); err != nil {
		t.Fatal(err)
	}
	if keys := sortedKeys(data); !slices.Equal(keys, []string{"emwly", "ewm", "nsrsbh", "rzid", "slzt"}) {
		t.Errorf("data keys %v", keys)
	}
	if string(data["slzt"]) != "null" || string(data["emwly"]) != `"swj"` || string(data["nsrsbh"]) != `"`+sellerID+`"` {
		t.Errorf("data %s", top["data"])
	}
	var d faceQRData
	_ = json.Unmarshal(top["data"], &d)
	if !hex32.MatchString(d.Rzid) {
		t.Errorf("rzid %q is not 32 lowercase hex", d.Rzid)
	}
	ewm := regexp.MustCompile(`^qrcode_id=[A-Za-z0-9]{64}&areaPrefix=1100&interfaceCode=0004$`)
	if !ewm.MatchString(d.Ewm) {
		t.Errorf("ewm %q", d.Ewm)
	}
	// A Sichuan seller's code names its province; codes differ each time.
	other := e.newFaceQR(buyerID)
	if !regexp.MustCompile(`&areaPrefix=5100&`).MatchString(other.Ewm) || other.Rzid == d.Rzid || other.Ewm[:74] == d.Ewm[:74] {
		t.Errorf("Sichuan QR %+v after %+v", other, d)
	}
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestGetFaceImgTypes(t *testing.T) {
	e := start(t)
	for i, tc := range []struct{ typ, emwly string }{{"1", "swj"}, {"2", "grsds"}, {"", "swj"}} {
		e.advance(time.Minute)
		env := e.faceImg(sellerID, tc.typ)
		var d faceQRData
		if env.Code != 200 || json.Unmarshal(env.Data, &d) != nil || d.Emwly != tc.emwly {
			t.Errorf("%d: type %q: %d %q %s, want emwly %s", i, tc.typ, env.Code, env.Msg, env.Data, tc.emwly)
		}
	}
	e.advance(time.Minute)
	if env := e.faceImg(sellerID, "3"); env.Code != 999 || string(env.Data) != "null" {
		t.Errorf("type 3: %d %q", env.Code, env.Msg)
	}
	for name, q := range map[string]url.Values{
		"no nsrsbh":   {"username": {DemoUsername}},
		"no username": {"nsrsbh": {sellerID}},
		"bad nsrsbh":  {"nsrsbh": {"9111011457319202X8"}, "username": {DemoUsername}},
	} {
		if env := e.get(pathFaceImg, q); env.Code != 999 {
			t.Errorf("%s: %d %q", name, env.Code, env.Msg)
		}
	}
}

func TestGetFaceImgRateLimits(t *testing.T) {
	e := start(t)
	e.newFaceQR(sellerID)
	e.advance(59 * time.Second)
	env := e.faceImg(sellerID, "2") // the limit covers both apps
	mustRefuse(t, "second QR within 60 s", env.Code, env.Msg, "获取人脸二维码过于频繁,请1分钟后再试")
	e.newFaceQR(buyerID) // another seller has its own limit
	e.advance(time.Second)
	e.newFaceQR(sellerID) // 60 s after the first: allowed (2 today)
	for i := 3; i <= 20; i++ {
		e.advance(61 * time.Second)
		e.newFaceQR(sellerID)
	}
	e.advance(time.Hour)
	env = e.faceImg(sellerID, "")
	mustRefuse(t, "21st QR of the day", env.Code, env.Msg, "今日获取人脸二维码次数已达上限(20次)")
	// The count starts over at midnight in China (16:00 UTC).
	e.advance(time.Date(2026, 3, 15, 16, 0, 0, 0, time.UTC).Sub(e.clock.Now()))
	e.newFaceQR(sellerID)
}

func TestFaceScanThenStateThenIssue(t *testing.T) {
	e := start(t)
	e.srv.LapseFaceAuth()
	env := e.faceState(sellerID)
	var b64 string
	if err := json.Unmarshal(env.Data, &b64); err != nil || env.Code != 200 || b64 != seedFaceStateY {
		t.Errorf("lapsed state %s, want exactly the seed's %s", env.Data, seedFaceStateY)
	}
	qr := e.newFaceQR(sellerID)
	code, body := e.scanFace(qr.Rzid)
	if code != 200 || body["code"] != 200.0 || body["nsrsbh"] != sellerID {
		t.Fatalf("scan: %d %v", code, body)
	}
	if e.faceScanNeeded(sellerID) {
		t.Error("Sfsl still Y after the scan")
	}
	e.issue(seedInvoice("s1"))
	// The scan counts from its own moment: valid for 48 h, with the login
	// renewed on the way (it lasts 24 h).
	e.advance(47 * time.Hour)
	mustLogIn(t, e.login(loginForm("cert", "1")))
	if e.faceScanNeeded(sellerID) {
		t.Error("Sfsl Y 47 h after the scan")
	}
	e.advance(time.Hour + time.Second)
	if !e.faceScanNeeded(sellerID) {
		t.Error("Sfsl N 48 h after the scan")
	}
}

func TestQueryFaceAuthStateExactKeys(t *testing.T) {
	e := start(t)
	state := decodeFaceState(t, e.faceState(sellerID).Data)
	want := map[string]any{"Yjjb": "01", "Sxlb": "3", "Sfsl": "N", "ItsScanFlag": "N"}
	if fmt.Sprint(state) != fmt.Sprint(want) {
		t.Errorf("state %v, want %v", state, want)
	}
	if env := e.post(pathFaceState, url.Values{"nsrsbh": {sellerID}}); env.Code != 999 {
		t.Errorf("without username: %d %q", env.Code, env.Msg)
	}
}

func TestFaceScanRefusals(t *testing.T) {
	e := start(t)
	code, body := e.scanFace("0123456789abcdef0123456789abcdef")
	if code != http.StatusNotFound || body["code"] != 404.0 {
		t.Errorf("unknown rzid: %d %v", code, body)
	}
	if err := e.srv.SimulateFaceScan("nope"); !errors.Is(err, ErrUnknownQR) {
		t.Errorf("SimulateFaceScan(unknown) = %v", err)
	}
	qr := e.newFaceQR(sellerID)
	e.srv.LapseFaceAuth()
	e.advance(5*time.Minute + time.Second)
	code, body = e.scanFace(qr.Rzid)
	if code != http.StatusConflict || body["code"] != 409.0 || body["msg"] != "二维码已过期" || len(body) != 2 {
		t.Errorf("expired QR: %d %v", code, body)
	}
	if err := e.srv.SimulateFaceScan(qr.Rzid); !errors.Is(err, ErrQRExpired) {
		t.Errorf("SimulateFaceScan(expired) = %v", err)
	}
	if !e.faceScanNeeded(sellerID) {
		t.Error("an expired QR's scan counted")
	}
	if code, _ := e.control(faceScanPrefix+qr.Rzid+"/other", nil); code != http.StatusNotFound {
		t.Errorf("malformed scan path: %d", code)
	}
}

func TestFaceQRWithinLifetimeScans(t *testing.T) {
	e := start(t)
	qr := e.newFaceQR(sellerID)
	e.srv.LapseFaceAuth()
	e.advance(5 * time.Minute) // the last moment of its life
	if code, body := e.scanFace(qr.Rzid); code != 200 {
		t.Errorf("scan at 5 min: %d %v", code, body)
	}
}
