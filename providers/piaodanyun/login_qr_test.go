package piaodanyun

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"
	qrcode "github.com/skip2/go-qrcode"

	"fapiao/app"
)

const loginQRText = "https://etax.example.gov.cn/login?ewmid=7c1f0e&type=10"

// loginQRPNG is a real QR code drawn by skip2/go-qrcode.
func loginQRPNG(t *testing.T) []byte {
	t.Helper()
	img, err := qrcode.Encode(loginQRText, qrcode.Medium, 256)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// readQR decodes a QR code image back to its text, as a phone would.
func readQR(t *testing.T, img []byte) string {
	t.Helper()
	decoded, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(decoded)
	if err != nil {
		t.Fatal(err)
	}
	result, err := zxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code in the image: %v", err)
	}
	return result.GetText()
}

func qrStartReply(data string) string {
	return `{"code":200,"msg":"成功","message":"成功","data":` + data + `,"total":0}`
}

func TestStartQRLoginImageShapes(t *testing.T) {
	img := loginQRPNG(t)
	std := base64.StdEncoding.EncodeToString(img)
	for name, tc := range map[string]struct {
		data string
		id   string
	}{
		"ewmid and ewm":           {fmt.Sprintf(`{"ewmid":"e-1","ewm":%q}`, std), "e-1"},
		"ewmId and data: URL":     {fmt.Sprintf(`{"ewmId":"e-2","ewmBase64":%q}`, "data:image/png;base64,"+std), "e-2"},
		"EWMID number, base64":    {fmt.Sprintf(`{"EWMID":12345,"base64":%q}`, base64.RawURLEncoding.EncodeToString(img)), "12345"},
		"id and img, wrapped":     {fmt.Sprintf(`{"id":"e-4","img":%q}`, std[:64]+"\r\n"+std[64:]), "e-4"},
		"qrcode, extra fields":    {fmt.Sprintf(`{"ewmid":" e-5 ","qrcode":%q,"expire":120,"ewm":null}`, std), "e-5"},
		"image after empty ewm":   {fmt.Sprintf(`{"ewmid":"e-6","ewm":"","image":%q}`, std), "e-6"},
		"ewmid preferred over id": {fmt.Sprintf(`{"id":"other","ewmid":"e-7","ewm":%q}`, std), "e-7"},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathLogin, reply(http.StatusOK, qrStartReply(tc.data)))
			q, err := newTestClient(t, fs.URL).StartQRLogin(context.Background(), app.QRLoginTaxApp)
			if err != nil {
				t.Fatalf("StartQRLogin: %v", err)
			}
			if q.ID != tc.id || q.Kind != app.QRLoginTaxApp || q.Content != "" {
				t.Errorf("got ID %q kind %d content %q", q.ID, q.Kind, q.Content)
			}
			if !bytes.Equal(q.Image, img) {
				t.Fatalf("image is %d bytes, not the %d sent", len(q.Image), len(img))
			}
			if got := readQR(t, q.Image); got != loginQRText {
				t.Errorf("QR reads %q", got)
			}
			assertLoginCall(t, fs.recorded()[0], map[string]string{"ewmlx": "10"})
		})
	}
}

func TestStartQRLoginTextShapes(t *testing.T) {
	for name, tc := range map[string]struct{ data, content string }{
		"URL":                {`{"ewmid":"e-1","ewm":"https://etax.example.gov.cn/qr?a=1&b=2"}`, "https://etax.example.gov.cn/qr?a=1&b=2"},
		"qrcode_id string":   {`{"ewmid":"e-1","qrcode":"qrcode_id=gYyix&areaPrefix=5100&int erfaceCode=0004"}`, "qrcode_id=gYyix&areaPrefix=5100&int erfaceCode=0004"},
		"base64-like text":   {`{"ewmid":"e-1","ewm":"abcd1234"}`, "abcd1234"},
		"surrounding blanks": {`{"ewmid":"e-1","ewm":"  qrcode_id=x \n"}`, "qrcode_id=x"},
		"Chinese text":       {`{"ewmid":"e-1","ewm":"税务登录 7c1f"}`, "税务登录 7c1f"},
	} {
		t.Run(name, func(t *testing.T) {
			q, err := decodeQRLoginData([]byte(tc.data))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if q.Content != tc.content || q.Image != nil || q.ID != "e-1" {
				t.Errorf("got %+v", q)
			}
		})
	}
}

func TestStartQRLoginFields(t *testing.T) {
	fs := newFakeServer(t)
	fs.handle(pathLogin, reply(http.StatusOK, qrStartReply(`{"ewmid":"e-1","ewm":"qrcode_id=x"}`)))
	c := newTestClient(t, fs.URL)
	if _, err := c.StartQRLogin(context.Background(), app.QRLoginFace); err != nil {
		t.Fatal(err)
	}
	assertLoginCall(t, fs.recorded()[0], map[string]string{"ewmlx": "1"})

}

func TestStartQRLoginRefusesUnknownKind(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	for _, kind := range []app.QRLoginKind{0, 2, 11} {
		_, err := c.StartQRLogin(context.Background(), kind)
		validationErr(t, err, "ewmlx", "one_of")
		_, err = c.CheckQRLogin(context.Background(), app.QRLogin{Kind: kind, ID: "e-1"})
		validationErr(t, err, "ewmlx", "one_of")
	}
	_, err := c.CheckQRLogin(context.Background(), app.QRLogin{Kind: app.QRLoginFace, ID: " "})
	validationErr(t, err, "ewmid", "required")
	if n := len(fs.recorded()) + fs.tokenCount(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestStartQRLoginMalformedAnswers(t *testing.T) {
	for name, data := range map[string]string{
		"data null":                `null`,
		"data a string":            `"iVBORw0KGgo="`,
		"data an array":            `[{"ewmid":"e","ewm":"x"}]`,
		"no id":                    `{"ewm":"qrcode_id=x"}`,
		"blank id":                 `{"ewmid":"  ","ewm":"qrcode_id=x"}`,
		"id an object":             `{"ewmid":{},"ewm":"qrcode_id=x"}`,
		"no image":                 `{"ewmid":"e-1"}`,
		"image null":               `{"ewmid":"e-1","ewm":null}`,
		"image an object":          `{"ewmid":"e-1","ewm":{"png":"x"}}`,
		"data: URL, bad base64":    `{"ewmid":"e-1","ewm":"data:image/png;base64,!!!"}`,
		"data: URL, not an image":  `{"ewmid":"e-1","ewm":"data:image/png;base64,aGVsbG8gd29ybGQ="}`,
		"control characters":       `{"ewmid":"e-1","ewm":"a\u0001b"}`,
		"conflicting ids":          `{"ewmid":"e-1","EWMID":"e-2","ewm":"qrcode_id=x"}`,
		"text too long for a code": `{"ewmid":"e-1","ewm":"` + strings.Repeat("x", maxQRText+1) + `"}`,
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathLogin, reply(http.StatusOK, qrStartReply(data)))
			_, err := newTestClient(t, fs.URL).StartQRLogin(context.Background(), app.QRLoginFace)
			pe := providerErr(t, err, app.KindTransient)
			if pe.Op != opLogin || !strings.Contains(pe.Message, "格式错误") {
				t.Errorf("op %q message %q", pe.Op, pe.Message)
			}
		})
	}
}

func TestCheckQRLogin(t *testing.T) {
	q := app.QRLogin{Kind: app.QRLoginTaxApp, ID: "e-77", Content: "qrcode_id=x"}
	for name, tc := range map[string]struct {
		status   int
		body     string
		loggedIn bool
		kind     app.ErrorKind // 0: no error
	}{
		"logged in":                  {200, loginOK, true, 0},
		"logged in, null data":       {200, loginSent, true, 0},
		"not scanned":                {200, `{"code":999,"msg":"二维码未扫描"}`, false, 0},
		"waiting":                    {200, `{"code":"999","message":"等待用户扫码"}`, false, 0},
		"not confirmed":              {200, `{"code":500,"msg":"用户未确认登录"}`, false, 0},
		"not yet":                    {200, `{"code":999,"msg":"用户尚未完成认证"}`, false, 0},
		"scanning":                   {200, `{"code":999,"msg":"扫码中"}`, false, 0},
		"refused":                    {200, loginRefused, false, app.KindCredentials},
		"expired QR code":            {200, `{"code":999,"msg":"二维码已失效,请重新获取"}`, false, app.KindCredentials},
		"419 mentioning waiting":     {200, `{"code":419,"msg":"等待短信验证"}`, false, app.KindLogin},
		"420 mentioning waiting":     {200, `{"code":420,"msg":"等待人脸认证"}`, false, app.KindFaceAuth},
		"HTTP 503 mentioning wait":   {503, `{"code":999,"msg":"等待"}`, false, app.KindTransient},
		"unreadable, saying waiting": {200, `<html>请等待</html>`, false, app.KindTransient},
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathLogin, reply(tc.status, tc.body))
			loggedIn, err := newTestClient(t, fs.URL).CheckQRLogin(context.Background(), q)
			if tc.kind == 0 && err != nil {
				t.Fatalf("CheckQRLogin: %v", err)
			}
			if tc.kind != 0 {
				providerErr(t, err, tc.kind)
			}
			if loggedIn != tc.loggedIn {
				t.Errorf("logged in = %v, want %v", loggedIn, tc.loggedIn)
			}
			assertLoginCall(t, fs.recorded()[0], map[string]string{"ewmlx": "10", "ewmid": "e-77"})
		})
	}
}
