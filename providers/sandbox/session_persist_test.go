package sandbox

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"testing"
	"time"
)

// reopen closes the sandbox and opens a new one on the same file and clock.
func (e *env) reopen() {
	e.t.Helper()
	if err := e.srv.Close(); err != nil {
		e.t.Fatal(err)
	}
	e.open(Options{DBPath: e.dbPath, Now: e.clock.Now})
}

func TestSessionStateSurvivesReopen(t *testing.T) {
	e := start(t)
	e.issue(seedInvoice("r1"))
	e.srv.LapseFaceAuth()
	qr := e.newFaceQR(sellerID)
	e.login(loginForm()) // an SMS sent before the restart
	e.reopen()

	e.mustNeedFace(seedInvoice("r2"))
	env := e.faceImg(sellerID, "")
	mustRefuse(t, "rate limit after reopen", env.Code, env.Msg, "获取人脸二维码过于频繁,请1分钟后再试")
	if code, body := e.scanFace(qr.Rzid); code != 200 {
		t.Fatalf("scan of a QR issued before reopen: %d %v", code, body)
	}
	e.reopen()
	e.issue(seedInvoice("r2")) // the scan survived
	// The SMS sent before the restarts still logs in.
	e.srv.LapseLogin()
	e.reopen()
	e.mustNeedLogin()
	e.advance(time.Minute)
	mustLogIn(t, e.login(loginForm("sms", DemoSMSCode)))
	e.reopen()
	e.issue(seedInvoice("r3"))
}

func TestUnseenSellerLapseSurvivesReopen(t *testing.T) {
	e := start(t)
	e.srv.LapseFaceAuth() // no seller seen yet
	e.reopen()
	e.token = e.obtainToken()
	e.mustNeedFace(seedInvoice("u1"))
}

func TestStatsCountSessionCalls(t *testing.T) {
	e := start(t)
	e.newFaceQR(sellerID)
	e.faceImg(sellerID, "") // refused (too soon), still counted
	e.faceState(sellerID)
	rzid := e.newFaceQR(buyerID).Rzid
	e.scanFace(rzid)
	e.scanFace("0123456789abcdef0123456789abcdef")
	e.login(loginForm())
	e.control(pathLoginLapse, nil)
	stats := e.srv.Stats()
	for path, want := range map[string]int{
		pathFaceImg: 3, pathFaceState: 1, pathLoginDppt: 1, pathLoginLapse: 1,
		faceScanPrefix + "{rzid}/scan": 2,
	} {
		if stats[path] != want {
			t.Errorf("Stats()[%s] = %d, want %d (all: %v)", path, stats[path], want, stats)
		}
	}
	if _, ok := stats[faceScanPrefix+rzid+"/scan"]; ok {
		t.Error("a scan path is counted under its own rzid")
	}
}

func TestSessionControlIgnoresFaults(t *testing.T) {
	e := start(t)
	rzid := e.newFaceQR(sellerID).Rzid
	e.srv.SetFaults(Faults{ErrorRate: 1})
	for _, path := range []string{pathFaceLapse, pathLoginLapse, faceScanPrefix + rzid + "/scan"} {
		if code, body := e.control(path, url.Values{}); code != 200 {
			t.Errorf("%s under faults: %d %v", path, code, body)
		}
	}
	resp, _, err := e.postFormRaw(pathFaceState, e.token, url.Values{"nsrsbh": {sellerID}, "username": {DemoUsername}})
	if err != nil || resp.StatusCode != 503 {
		t.Errorf("queryFaceAuthState under faults: %v %v", resp, err)
	}
}

func TestSessionCallsNeedToken(t *testing.T) {
	e := start(t)
	for _, path := range []string{pathFaceState, pathLoginDppt} {
		resp, body, err := e.postFormRaw(path, "", loginForm())
		if err != nil {
			t.Fatal(err)
		}
		if env := e.decode(resp, body); env.Code != 401 {
			t.Errorf("%s without token: %d", path, env.Code)
		}
	}
	resp, body := e.mustDo(mustRequest(t, e.base+pathFaceImg+"?nsrsbh="+sellerID+"&username=demo"))
	if env := e.decode(resp, body); env.Code != 401 {
		t.Errorf("getFaceImg without token: %d", env.Code)
	}
}

// TestUpgradeFromFirstSchema opens a sandbox.db written before the session
// tables existed: its sellers start logged in and authenticated.
func TestUpgradeFromFirstSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if err := applyMigration(context.Background(), db, 1, migrations[0]); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	e := start(t, func(o *Options) { o.DBPath = path })
	e.issue(seedInvoice("old1"))
	if e.faceScanNeeded(sellerID) {
		t.Error("an upgraded sandbox asks for a face scan")
	}
}
