package sandbox

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	smcipher "github.com/emmansun/gmsm/cipher"
	"github.com/emmansun/gmsm/padding"
	"github.com/emmansun/gmsm/sm4"

	"fapiao/app"
)

// The tests speak 乐企 with their own SM4 (gmsm directly), not the
// sandbox's sealer, so a mistake there cannot hide itself.

// testCapability is the nlbm the tests call with.
const testCapability = "LQKP"

// sm4Seal is Base64(SM4-ECB(PKCS7(plain))) under key.
func sm4Seal(t *testing.T, key, plain []byte) string {
	t.Helper()
	block, err := sm4.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	padded := padding.NewPKCS7Padding(sm4.BlockSize).Pad(append([]byte(nil), plain...))
	out := make([]byte, len(padded))
	smcipher.NewECBEncrypter(block).CryptBlocks(out, padded)
	return base64.StdEncoding.EncodeToString(out)
}

// sm4Open reverses sm4Seal.
func sm4Open(t *testing.T, key []byte, text string) []byte {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(raw)%sm4.BlockSize != 0 {
		t.Fatalf("Data %q is not base64 of SM4 blocks: %v", text, err)
	}
	block, err := sm4.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, len(raw))
	smcipher.NewECBDecrypter(block).CryptBlocks(out, raw)
	plain, err := padding.NewPKCS7Padding(sm4.BlockSize).Unpad(out)
	if err != nil {
		t.Fatalf("Data does not decrypt with the key: %v", err)
	}
	return plain
}

func demoKey(t *testing.T) []byte {
	t.Helper()
	key, err := hex.DecodeString(DemoLeqiKey)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// leqiReply is an answer: the envelope, Data decrypted.
type leqiReply struct {
	Status    int
	RequestID string
	Data      json.RawMessage // decrypted; nil on an Error
	Error     *leqiError
}

var requestIDShape = regexp.MustCompile(`^[A-Za-z0-9]{16}$`)

// leqiPost posts a body to path with the headers and decodes the envelope.
func (e *env) leqiPost(path string, headers map[string]string, body string) leqiReply {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, raw := e.mustDo(req)
	var env struct {
		Response struct {
			RequestID string     `json:"RequestId"`
			Data      *string    `json:"Data"`
			Error     *leqiError `json:"Error"`
		} `json:"Response"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		e.t.Fatalf("POST %s: HTTP %d %q is not the envelope: %v", path, resp.StatusCode, raw, err)
	}
	r := env.Response
	if !requestIDShape.MatchString(r.RequestID) {
		e.t.Errorf("RequestId %q is not 16 letters and digits", r.RequestID)
	}
	if (r.Data == nil) == (r.Error == nil) {
		e.t.Fatalf("answer %s has both or neither of Data and Error", raw)
	}
	reply := leqiReply{Status: resp.StatusCode, RequestID: r.RequestID, Error: r.Error}
	if r.Data != nil {
		reply.Data = sm4Open(e.t, demoKey(e.t), *r.Data)
	}
	return reply
}

// leqiHeaders are the headers of a call to fwbm from the demo unit.
func leqiHeaders(fwbm string) map[string]string {
	return map[string]string{"fwbm": fwbm, "nlbm": testCapability, "jrdwptbh": DemoJrdwptbh}
}

// newLeqiRequest is a correct call of fwbm with the JSON plain, unsent.
func newLeqiRequest(t *testing.T, e *env, fwbm, plain string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.base+leqiPrefix+testCapability+"/"+fwbm,
		strings.NewReader(sm4Seal(t, demoKey(t), []byte(plain))))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range leqiHeaders(fwbm) {
		req.Header.Set(k, v)
	}
	return req
}

// mustJSON marshals v.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// leqiCall invokes fwbm with req, as a correct client does.
func (e *env) leqiCall(fwbm string, req any) leqiReply {
	e.t.Helper()
	plain, err := json.Marshal(req)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.leqiPost(leqiPrefix+testCapability+"/"+fwbm, leqiHeaders(fwbm), sm4Seal(e.t, demoKey(e.t), plain))
}

// leqiData is a Data's returncode and returnmsg, and whatever else it holds.
type leqiData struct {
	Returncode, Returnmsg string
	Fpqshm, Fpzzhm, Lysl  string // QDFPPLFM
	Sllsh                 string // QDFPSC
	Clzt, Fphm, Kprq      string // CXQDFPSCJG
	Cwxx                  string
	Zsxed, Sysxed         string // CXSXED
	Ysysxed               string
}

// data decodes Data; the call must have passed the envelope.
func (r leqiReply) data(t *testing.T) leqiData {
	t.Helper()
	if r.Error != nil || r.Status != http.StatusOK {
		t.Fatalf("HTTP %d, envelope error %+v", r.Status, r.Error)
	}
	var d leqiData
	if err := json.Unmarshal(r.Data, &d); err != nil {
		t.Fatalf("Data %s: %v", r.Data, err)
	}
	return d
}

// leqiOK invokes fwbm and requires returncode 00.
func (e *env) leqiOK(fwbm string, req any) leqiData {
	e.t.Helper()
	d := e.leqiCall(fwbm, req).data(e.t)
	if d.Returncode != "00" || d.Returnmsg != "成功" {
		e.t.Fatalf("%s: returncode %q %q", fwbm, d.Returncode, d.Returnmsg)
	}
	return d
}

// leqiRefused invokes fwbm and requires returncode code with a message
// containing each of want.
func (e *env) leqiRefused(fwbm string, req any, code string, want ...string) {
	e.t.Helper()
	d := e.leqiCall(fwbm, req).data(e.t)
	if d.Returncode != code {
		e.t.Errorf("%s: returncode %q %q, want %s", fwbm, d.Returncode, d.Returnmsg, code)
	}
	for _, w := range want {
		if !strings.Contains(d.Returnmsg, w) {
			e.t.Errorf("%s: returnmsg %q does not say %q", fwbm, d.Returnmsg, w)
		}
	}
}

// newYwlsh is a well-formed business serial.
func newYwlsh(suffix string) string { return DemoJrdwptbh + suffix }

// grant asks QDFPPLFM for n numbers for the seller and checks the answer's
// shape.
func (e *env) grant(n int, ywlsh string) app.NumberSegment {
	e.t.Helper()
	d := e.leqiOK(fwbmSegment, map[string]any{"nsrsbh": sellerID, "lysl": n, "ywlsh": ywlsh})
	seg, err := app.NewSegment(d.Fpqshm, d.Fpzzhm)
	if err != nil {
		e.t.Fatalf("granted %s–%s: %v", d.Fpqshm, d.Fpzzhm, err)
	}
	if d.Lysl != fmt.Sprint(n) || seg.Count != int64(n) {
		e.t.Fatalf("asked %d, granted %s–%s with lysl %q", n, d.Fpqshm, d.Fpzzhm, d.Lysl)
	}
	return seg
}

// kprqOf writes t as kprq.
func kprqOf(t time.Time) string { return t.In(app.ChinaTime).Format(time.DateTime) }

// leqiInvoice is a good fpxx for number, dated kprq: two lines at 13%, the
// second with its price excluding tax derived from a tax-inclusive one, as
// the client sends it (3 × 1.12 = 3.36 incl. → tax 0.39, je 2.97, dj
// 1.12 / 1.13 = 0.99115044).
func leqiInvoice(number, suffix, kprq string) map[string]any {
	return map[string]any{
		"fphm": number, "kprq": kprq, "fpqqlsh": sellerID + "_" + suffix, "fplxdm": "82", "kplx": "0",
		"xhdwsbh": sellerID, "xhdwmc": "北京民诺科技有限公司", "xhdwdzdh": "北京市昌平区东小口镇 13581913319",
		"xhdwyhzh": "中国工商银行北京西三旗支行 0200240109200016984",
		"ghdwsbh":  buyerID, "ghdwmc": "上海市某某科技有限公司", "ghdwdzdh": "", "ghdwyhzh": "", "gfzrrbs": "N",
		"hjje": "2002.97", "hjse": "260.39", "jshj": "2263.36", "kpr": "张三", "bz": "乐企上传",
		"mxxx": []map[string]any{
			{"xh": 1, "fphxz": "0", "spmc": "*计算机外部设备*激光打印机", "spbm": codePrinter, "ggxh": "P1",
				"dw": "台", "spsl": "2", "dj": "1000", "je": "2000.00", "sl": "0.13", "se": "260.00"},
			{"xh": 2, "fphxz": "0", "spmc": "*纸制品*A4复印纸", "spbm": codePaper, "ggxh": "",
				"dw": "包", "spsl": "3", "dj": "0.99115044", "je": "2.97", "sl": "0.13", "se": "0.39"},
		},
	}
}

// upload sends fpxx for the seller and returns the ticket.
func (e *env) upload(fpxx map[string]any) string {
	e.t.Helper()
	d := e.leqiOK(fwbmUpload, map[string]any{"nsrsbh": sellerID, "fpxx": fpxx})
	if !regexp.MustCompile(`^\d{20}$`).MatchString(d.Sllsh) {
		e.t.Fatalf("sllsh %q is not 20 digits", d.Sllsh)
	}
	return d.Sllsh
}

// uploadResult asks CXQDFPSCJG by ticket and/or number.
func (e *env) uploadResult(ticket, number string) leqiData {
	e.t.Helper()
	return e.leqiOK(fwbmUploadResult, map[string]any{"nsrsbh": sellerID, "sllsh": ticket, "fphm": number})
}

// rejected uploads fpxx and requires the verdict 03 with a cwxx containing
// each of want.
func (e *env) rejected(what string, fpxx map[string]any, want ...string) {
	e.t.Helper()
	res := e.uploadResult(e.upload(fpxx), "")
	if res.Clzt != "03" {
		e.t.Errorf("%s: clzt %q, want 03 (rejected)", what, res.Clzt)
		return
	}
	for _, w := range want {
		if !strings.Contains(res.Cwxx, w) {
			e.t.Errorf("%s: cwxx %q does not say %q", what, res.Cwxx, w)
		}
	}
}
