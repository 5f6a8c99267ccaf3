//go:build e2e

package cli_test

// End-to-end tests of the real binary (built with cgo by `make e2e`, given
// in FAPIAO_BIN): the command-line contract of DESIGN §3 as a script or a
// clerk at a terminal uses it.

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm4"
	"github.com/shopspring/decimal"

	"fapiao/app"
)

func binary(t *testing.T) string {
	bin := os.Getenv("FAPIAO_BIN")
	if bin == "" {
		t.Fatal("FAPIAO_BIN is not set: run `make e2e`")
	}
	return bin
}

// fapiao runs the binary with FAPIAO_HOME=home.
func fapiao(t *testing.T, home string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(append(os.Environ(), "FAPIAO_HOME="+home), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("fapiao %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

func TestE2ESandboxIssueShowExport(t *testing.T) {
	home := t.TempDir()
	sample := filepath.Join(home, "sample.json")
	os.WriteFile(sample, []byte(sampleInvoice), 0o600)

	out, errOut, code := fapiao(t, home, nil, "issue", "-f", sample)
	number := strings.TrimSpace(out)
	if code != 0 || !regexp.MustCompile(`^\d{20}$`).MatchString(number) || !strings.HasPrefix(number, time.Now().In(app.ChinaTime).Format("06")) {
		t.Fatalf("issue: exit %d, %q, %s", code, out, errOut)
	}
	out, _, code = fapiao(t, home, nil, "show", number, "--json")
	var shown map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &shown) != nil || shown["number"] != number || shown["request_serial"] == "" {
		t.Fatalf("show --json: exit %d %s", code, out)
	}
	for _, format := range []string{"pdf", "ofd", "xml"} {
		out, errOut, code = fapiao(t, home, nil, "export", number, "--format", format, "--out", home)
		if code != 0 {
			t.Fatalf("export %s: exit %d %s", format, code, errOut)
		}
		data, err := os.ReadFile(strings.TrimSpace(out))
		if err != nil {
			t.Fatal(err)
		}
		checkExport(t, format, data, number)
		if format == "pdf" {
			text, err := exec.Command("pdftotext", strings.TrimSpace(out), "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			if !strings.Contains(string(text), "上海某某科技有限公司") {
				t.Errorf("the PDF does not show the buyer's name; pdftotext gave:\n%s", text)
			}
		}
	}
	if _, errOut, code := fapiao(t, home, nil, "show", "123"); code != 2 || !strings.Contains(errOut, "NUMBER") {
		t.Errorf("a malformed number: exit %d %s", code, errOut)
	}
}

// seedServer answers exactly as seed 001's examples and records what it got.
type seedServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
	number   string
}

type recorded struct {
	Header        http.Header
	Body          string
	Method        string
	Query         url.Values
	Path          string
	Authorization string
	Form          url.Values
	JSON          map[string]any
}

func newSeedServer(t *testing.T) *seedServer {
	s := &seedServer{number: time.Now().In(app.ChinaTime).Format("06") + "112000000064654320"}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *seedServer) serve(w http.ResponseWriter, r *http.Request) {
	rec := recorded{Method: r.Method, Query: r.URL.Query(), Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), Header: r.Header.Clone()}
	if strings.HasPrefix(r.URL.Path, "/access/") {
		body, _ := io.ReadAll(r.Body)
		rec.Body = string(body)
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		json.NewDecoder(r.Body).Decode(&rec.JSON)
	} else {
		r.ParseForm()
		rec.Form = r.PostForm
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	switch r.URL.Path {
	case "/obtainToken":
		fmt.Fprint(w, `{"code":200,"msg":"成功","data":"e2e-token-8f3a","total":0}`)
	case "/qdjk/fullExteriorInvoke/blueTicket":
		fmt.Fprintf(w, `{"code":200,"msg":"成功","data":{"Fphm":"%s","Kprq":"%s","Gmfyx":null,"GmfSsjswjgdm":null},"total":0}`,
			s.number, time.Now().In(app.ChinaTime).Format("2006-01-02 15:04:05"))
	case "/qdjk/fullExteriorInvoke/getInvoicePdfOfd":
		base := "http://" + r.Host + "/kpfw/fpjfzz/v1/exportDzfpwjEwm?Fphm=" + s.number + "&Wjgs="
		fmt.Fprintf(w, `{"code":200,"msg":"成功","message":"成功","data":{"pdfUrl":"%sPDF","ofdUrl":"%sOFD","xmlUrl":"%sXML"},"total":0}`, base, base, base)
	case "/qdjk/fullExteriorInvoke/retInviceMsg":
		// The seed's example, for the invoice asked about.
		fmt.Fprint(w, strings.ReplaceAll(seedRetInviceMsg, "24112000000064654320", r.PostForm.Get("fphm")))
	case "/qdjk/fullExteriorInvoke/hzxxbsq":
		fmt.Fprint(w, `{"code":200,"msg":"成功","message":"成功","data":{"sqsj":"2024-06-19 19:55:40","xxbztDm":"01","xxbbh":"11011424061000028528","uuid":"4e75f060b492476383338a63aa96537a","xxbzt":"无需确认"},"total":0}`)
	case "/qdjk/fullExteriorInvoke/hzfpkj":
		fmt.Fprint(w, `{"code":200,"msg":"负数发票开具成功","message":"负数发票开具成功","data":{"fphm":"24112000000064636722","kprq":"2024-06-19 19:55:40","xhdwsbh":"9111011457319202X9","ghdwsbh":"","xhdwmc":"北京民诺科技有限公司","ghdwmc":"个人","jshj":-1,"xxbbh":"11011424061000028528"},"total":0}`)
	case "/access/v2/invoke/LQKP/QDFPPLFM":
		// Seed 000's example, with real numbers where it has placeholders;
		// Data as the seed prints it (a plain object).
		yy := time.Now().In(app.ChinaTime).Format("06")
		fmt.Fprintf(w, `{"Response":{"RequestId":"a1B2c3D4e5F6g7H8","Data":{"returncode":"00","returnmsg":"成功","fpqshm":"%s111000000000000001","fpzzhm":"%s111000000000001000","lysl":"1000"}}}`, yy, yy)
	case "/qdjk/fullExteriorInvoke/getFaceImg":
		fmt.Fprint(w, seedFaceImgAnswer)
	case "/qdjk/fullApplets/queryFaceAuthState":
		fmt.Fprint(w, `{"code":200,"msg":"成功","data":"eyJZampiIjoiMDEiLCJTeGxiIjoiMyIsIlNmc2wiOiJZIiwiSXRzU2NhbkZsYWciOiJOIn0=","total":0}`)
	case "/kpfw/fpjfzz/v1/exportDzfpwjEwm":
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	default:
		fmt.Fprint(w, `{"code":999,"msg":"未查询到发票信息","data":null,"total":0}`)
	}
}

func (s *seedServer) got(path string) []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []recorded
	for _, r := range s.requests {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// The fields seed 001 documents for blueTicket.
var blueTicketFields = regexp.MustCompile(`^(username|fpqqlsh|fplxdm|tdyslxDm|kplx|qdbz|xhdwsbh|xhdwmc|xhdwdzdh|xhdwyhzh|ghdwsbh|ghdwmc|ghdwdzdh|ghdwyhzh|zsfs|fyxm\[\d+\]\[(fphxz|spmc|ggxh|dw|spsl|dj|je|sl|se|hsbz|spbm|yhzcbs|lslbs|zzstsgl)\]|hjje|hjse|jshj|kce|kpr|skr|fhr|gfkhdh|gfkhyx|slsm|bz|gfzrrbs|xfzrrbs|gfxxConfirm|spflxConfirm|sfzsgmfyhzh|sfzsxsfyhzh)$`)

func TestE2EPiaodanyunAgainstAnySeedServer(t *testing.T) {
	srv := newSeedServer(t)
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, "config.toml"), []byte(`provider = "piaodanyun"
[seller]
name = "北京民诺科技有限公司"; tax_id = "9111011457319202X9"; address = "北京市昌平区"; phone = "135819133199"
bank = "中国工商银行股份有限公司北京西三旗支行"; account = "0200240109200016984"
[piaodanyun]
base_url = "`+srv.URL+`"; phone = "13500000000"; password_env = "E2E_PDY_PASS"; tenant_id = 7; username = "bjmn"
`), 0o600)
	sample := filepath.Join(home, "sample.json")
	os.WriteFile(sample, []byte(sampleInvoice), 0o600)
	env := []string{"E2E_PDY_PASS=s3cret-pass-e2e"}

	out, errOut, code := fapiao(t, home, env, "issue", "-f", sample)
	if code != 0 || strings.TrimSpace(out) != srv.number {
		t.Fatalf("issue: exit %d %q %s", code, out, errOut)
	}
	tokens := srv.got("/obtainToken")
	if len(tokens) != 1 || tokens[0].JSON["pass"] != "s3cret-pass-e2e" || tokens[0].JSON["token_type"] != "TaxApi" || tokens[0].JSON["phone"] != "13500000000" {
		t.Errorf("obtainToken got %+v", tokens)
	}
	blue := srv.got("/qdjk/fullExteriorInvoke/blueTicket")
	if len(blue) != 1 {
		t.Fatalf("blueTicket called %d times", len(blue))
	}
	if blue[0].Authorization != "e2e-token-8f3a" {
		t.Errorf("Authorization = %q, want the token", blue[0].Authorization)
	}
	form := blue[0].Form
	for key := range form {
		if !blueTicketFields.MatchString(key) {
			t.Errorf("sent %q, which seed 001 does not document", key)
		}
	}
	want := map[string]string{
		"username": "bjmn", "fplxdm": "82", "kplx": "0", "xhdwsbh": "9111011457319202X9", "xhdwmc": "北京民诺科技有限公司",
		"ghdwsbh": "91510113MA6739XPX2", "ghdwmc": "上海某某科技有限公司",
		"fyxm[0][fphxz]": "0", "fyxm[0][spmc]": "*软件*财税管理系统", "fyxm[0][ggxh]": "V1", "fyxm[0][dw]": "年",
		"fyxm[0][sl]": "0.01", "fyxm[0][hsbz]": "1", "fyxm[0][spbm]": "1060301020100000000",
	}
	for key, value := range want {
		if got := form.Get(key); got != value {
			t.Errorf("%s = %q, want %q", key, got, value)
		}
	}
	numeric := map[string]string{"fyxm[0][je]": "1", "fyxm[0][se]": "0.01", "fyxm[0][spsl]": "1", "fyxm[0][dj]": "1", "hjje": "0.99", "hjse": "0.01", "jshj": "1"}
	for key, value := range numeric {
		if !sameNumber(form.Get(key), value) {
			t.Errorf("%s = %q, want %s", key, form.Get(key), value)
		}
	}
	if !strings.HasPrefix(form.Get("fpqqlsh"), "9111011457319202X9_") || len(form.Get("fpqqlsh")) > 40 {
		t.Errorf("fpqqlsh = %q", form.Get("fpqqlsh"))
	}

	out, errOut, code = fapiao(t, home, env, "export", srv.number, "--format", "pdf", "--out", home)
	if code != 0 {
		t.Fatalf("export: exit %d %s", code, errOut)
	}
	if data, _ := os.ReadFile(strings.TrimSpace(out)); !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Errorf("exported %q", data)
	}
	layout := srv.got("/qdjk/fullExteriorInvoke/getInvoicePdfOfd")
	if len(layout) != 1 || layout[0].Form.Get("downflag") != "1" || layout[0].Form.Get("fphm") != srv.number || layout[0].Authorization != "e2e-token-8f3a" {
		t.Errorf("getInvoicePdfOfd got %+v", layout)
	}
	if dl := srv.got("/kpfw/fpjfzz/v1/exportDzfpwjEwm"); len(dl) != 1 || dl[0].Authorization != "" {
		t.Errorf("the file URL must be fetched once, without the token: %+v", dl)
	}

	// Bad input: exit 2, and nothing reaches the server.
	before := srv.count()
	bad := filepath.Join(home, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(sampleInvoice, `"name": "上海某某科技有限公司"`, `"name": ""`, 1)), 0o600)
	if _, errOut, code := fapiao(t, home, env, "issue", "-f", bad); code != 2 || !strings.Contains(errOut, "buyer.name") {
		t.Errorf("empty buyer name: exit %d %s", code, errOut)
	}
	if srv.count() != before {
		t.Errorf("bad input reached the server")
	}
	logData, _ := os.ReadFile(filepath.Join(home, "fapiao.log"))
	if bytes.Contains(logData, []byte("s3cret-pass-e2e")) || bytes.Contains(logData, []byte("e2e-token-8f3a")) {
		t.Error("a secret reached the log")
	}
}

func sameNumber(a, b string) bool {
	da, err1 := decimal.NewFromString(a)
	db, err2 := decimal.NewFromString(b)
	return err1 == nil && err2 == nil && da.Equal(db)
}

func (s *seedServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// seedFaceImgAnswer is seed 001's getFaceImg example, as printed there.
const seedFaceImgAnswer = `{"code": 200, "msg": "成功", "data": {"rzid": "5246703dc22842b5a3d7826f375e6c7d",
 "nsrsbh": "9151123123122031211", "ewm": "qrcode_id=gYyixYMScMK4GQc2LfzqvKVnk33kJHs7p5wnpig3QdYFAdAvmDp7i7Yobk7zzkNM&areaPrefix=5100&int erfaceCode=0004",
 "slzt": null, "emwly": "swj"}, "total": 0}`

func TestE2EFaceCommandsAgainstAnySeedServer(t *testing.T) {
	srv := newSeedServer(t)
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, "config.toml"), []byte(`provider = "piaodanyun"
[seller]
name = "北京民诺科技有限公司"; tax_id = "9111011457319202X9"
[piaodanyun]
base_url = "`+srv.URL+`"; phone = "13500000000"; tenant_id = 7; username = "bjmn"
`), 0o600)
	env := []string{"FAPIAO_PIAODANYUN_PASSWORD=s3cret-pass-e2e"}

	out, errOut, code := fapiao(t, home, env, "face", "status", "--json")
	var st map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st["needed"] != true {
		t.Fatalf("face status: exit %d %s %s", code, out, errOut)
	}
	state := srv.got("/qdjk/fullApplets/queryFaceAuthState")
	if len(state) != 1 || state[0].Method != "POST" || state[0].Form.Get("nsrsbh") != "9111011457319202X9" || state[0].Form.Get("username") != "bjmn" || state[0].Authorization != "e2e-token-8f3a" {
		t.Errorf("queryFaceAuthState got %+v", state)
	}

	pngPath := filepath.Join(home, "face.png")
	out, errOut, code = fapiao(t, home, env, "face", "qr", "--png", pngPath)
	const seedEwm = "qrcode_id=gYyixYMScMK4GQc2LfzqvKVnk33kJHs7p5wnpig3QdYFAdAvmDp7i7Yobk7zzkNM&areaPrefix=5100&int erfaceCode=0004"
	if code != 0 || strings.TrimSpace(out) != seedEwm {
		t.Fatalf("face qr: exit %d %q %s", code, out, errOut)
	}
	if got := decodePNG(t, pngPath); got != seedEwm {
		t.Errorf("the PNG decodes to %q", got)
	}
	qr := srv.got("/qdjk/fullExteriorInvoke/getFaceImg")
	if len(qr) != 1 || qr[0].Method != "GET" || qr[0].Query.Get("nsrsbh") != "9111011457319202X9" || qr[0].Query.Get("type") != "1" || qr[0].Query.Get("username") != "bjmn" || qr[0].Authorization != "e2e-token-8f3a" {
		t.Errorf("getFaceImg got %+v", qr)
	}
	// A second process within the QR's life reuses it: no second request.
	if out, _, code = fapiao(t, home, env, "face", "qr"); code != 0 || strings.TrimSpace(out) != seedEwm || len(srv.got("/qdjk/fullExteriorInvoke/getFaceImg")) != 1 {
		t.Errorf("the QR was not reused across runs")
	}
}

// seedRetInviceMsg is seed 001's retInviceMsg example.
const seedRetInviceMsg = `{"code": 200, "msg": "成功", "message": "成功", "data": {"fphm": "24112000000064654320",
 "message": "成功,本张发票可以开负数!", "xhdwsbh": "9111011457319202X9", "xhdwmc": "北京民诺科技有限公司", "ghdwsbh": null,
 "ghdwmc": "个人", "kprq": "2024-06-19 19:34:07", "hjje": -0.99, "hjse": -0.01, "fplxdm": "82", "tdyslxdm": null, "zsfs": "0",
 "jbr": null, "XfsytDm": "00", "ZzsytDm": "03", "FprzztDm": "00", "mxzb": [{"xh": 1, "sl": 0.01, "dw": "年",
 "spmc": "*软件*票单云财税管理系统", "se": -0.01, "je": -0.99, "spdj": "0.990099009901", "ggxh": "V1", "spsl": "-1",
 "spbm": "1060301020100000000", "zxbm": "", "hsbz": "", "yhzcbs": "0", "bb": "", "zzstsgl": null, "sqdh": "", "lslbs": ""}]}, "total": 0}`

func TestE2ERedFlowAgainstAnySeedServer(t *testing.T) {
	srv := newSeedServer(t)
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, "config.toml"), []byte(`provider = "piaodanyun"
[seller]
name = "北京民诺科技有限公司"; tax_id = "9111011457319202X9"
[piaodanyun]
base_url = "`+srv.URL+`"; phone = "13500000000"; tenant_id = 7; username = "bjmn"
`), 0o600)
	env := []string{"FAPIAO_PIAODANYUN_PASSWORD=s3cret-pass-e2e"}
	out, errOut, code := fapiao(t, home, env, "red", srv.number, "--reason", "01", "--json")
	var c map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &c) != nil {
		t.Fatalf("red: exit %d %q %s", code, out, errOut)
	}
	if c["step"] != "issued" || c["red_number"] != "24112000000064636722" || c["total"] != "-1.00" || c["form_number"] != "11011424061000028528" {
		t.Errorf("red case %v", c)
	}
	check := srv.got("/qdjk/fullExteriorInvoke/retInviceMsg")
	if len(check) != 1 || check[0].Form.Get("sqyy[0]") != "2" || check[0].Form.Get("fphm") != srv.number || check[0].Authorization != "e2e-token-8f3a" {
		t.Errorf("retInviceMsg got %+v", check)
	}
	form := srv.got("/qdjk/fullExteriorInvoke/hzxxbsq")
	if len(form) != 1 || form[0].Form.Get("yfphm") != srv.number || form[0].Form.Get("chyydm") != "01" || form[0].Form.Get("sqyy") != "2" || form[0].Form.Has("hzxxbcheck") {
		t.Errorf("hzxxbsq got %+v", form)
	}
	red := srv.got("/qdjk/fullExteriorInvoke/hzfpkj")
	if len(red) != 1 || red[0].Form.Get("tzdbh") != "11011424061000028528" || red[0].Form.Get("yfphm") != srv.number || !strings.HasPrefix(red[0].Form.Get("fpqqlsh"), "9111011457319202X9_") {
		t.Errorf("hzfpkj got %+v", red)
	}
	out, _, code = fapiao(t, home, env, "show", "24112000000064636722", "--json")
	var shown map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &shown) != nil || shown["total"] != "-1.00" || shown["total_tax"] != "-0.01" {
		t.Errorf("show the red invoice: %d %s", code, out)
	}
}

func TestE2EPoolReplenishAgainstASeed000Server(t *testing.T) {
	srv := newSeedServer(t)
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, "config.toml"), []byte(`provider = "sandbox"
[leqi]
base_url = "`+srv.URL+`"; jrdwptbh = "JRDW0001"; key_env = "E2E_LEQI_KEY"
`), 0o600)
	const key = "00112233445566778899aabbccddeeff"
	env := []string{"E2E_LEQI_KEY=" + key}
	out, errOut, code := fapiao(t, home, env, "pool", "replenish")
	if code != 0 || !strings.Contains(out, "1000 个") {
		t.Fatalf("pool replenish: exit %d %s %s", code, out, errOut)
	}
	calls := srv.got("/access/v2/invoke/LQKP/QDFPPLFM")
	if len(calls) != 1 || calls[0].Header.Get("fwbm") != "QDFPPLFM" || calls[0].Header.Get("nlbm") != "LQKP" || calls[0].Header.Get("jrdwptbh") != "JRDW0001" {
		t.Fatalf("QDFPPLFM got %+v", calls)
	}
	plain := openSM4(t, key, calls[0].Body)
	var req struct {
		Nsrsbh string `json:"nsrsbh"`
		Lysl   int    `json:"lysl"`
		Ywlsh  string `json:"ywlsh"`
	}
	if err := json.Unmarshal(plain, &req); err != nil || req.Lysl != 1000 || req.Nsrsbh != app.DemoSeller.TaxID ||
		!strings.HasPrefix(req.Ywlsh, "JRDW0001") || strings.Count(req.Ywlsh, "JRDW0001") != 1 {
		t.Errorf("request %s (%v)", plain, err)
	}
	out, _, code = fapiao(t, home, env, "pool", "status", "--json")
	var p map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &p) != nil || p["remaining"] != float64(1000) {
		t.Errorf("pool status after replenish: %d %s", code, out)
	}
	if log, _ := os.ReadFile(filepath.Join(home, "fapiao.log")); bytes.Contains(log, []byte(key)) {
		t.Error("the 乐企 key reached the log")
	}
}

// openSM4 decrypts a 乐企 request body: Base64(SM4-ECB-PKCS7(JSON)).
func openSM4(t *testing.T, hexKey, body string) []byte {
	t.Helper()
	key, _ := hex.DecodeString(hexKey)
	sealed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(body))
	if err != nil || len(sealed)%16 != 0 || len(sealed) == 0 {
		t.Fatalf("request body is not base64 of whole SM4 blocks: %v", err)
	}
	block, err := sm4.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	plain := make([]byte, len(sealed))
	for i := 0; i < len(sealed); i += 16 {
		block.Decrypt(plain[i:i+16], sealed[i:i+16])
	}
	pad := int(plain[len(plain)-1])
	if pad < 1 || pad > 16 {
		t.Fatalf("bad PKCS7 padding %d", pad)
	}
	return plain[:len(plain)-pad]
}
