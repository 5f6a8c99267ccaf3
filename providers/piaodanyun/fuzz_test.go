package piaodanyun

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

// Every decoder of provider answers must survive any input without
// panicking; the seeds are the seed document's examples and near misses.

func FuzzDecodeEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"code":200,"msg":"成功","data":"x","total":0}`, `{"code":"420","message":"人脸"}`,
		`{"code":200.5}`, `[]`, ``, `{"code":{}}`, `{"code":1e999999}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := decodeEnvelope(body)
		if err == nil && env.code() == "" {
			t.Fatal("accepted an envelope without a code")
		}
		c := &Client{cfg: Config{Password: "pw"}, tokens: newTokenSource(nil, time.Now)}
		_ = c.judge(opBlueTicket, 200, body)
	})
}

func FuzzDecodeTokenData(f *testing.F) {
	for _, s := range []string{
		`"88a5cfc741ff48eeb11d9d30b6b32a81"`, `{"token":"a","expires_in":7200}`,
		`{"accessToken":"a","expireTime":"2025-01-01 00:00:00"}`, `{"access_token":"a","expiresIn":"-1"}`,
		`{"token":"a","expires_in":1e400}`, `null`,
	} {
		f.Add([]byte(s))
	}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, app.ChinaTime)
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := decodeTokenData(data, now)
		if err == nil && (checkToken(tok.value) != nil || !tok.expiresAt.After(now) || tok.expiresAt.After(now.Add(maxTokenTTL))) {
			t.Fatalf("accepted %+v", tok)
		}
	})
}

func FuzzDecodeBlueTicketData(f *testing.F) {
	for _, s := range []string{
		`{"Fphm":"22111111111111111180","Kprq":"2022-11-28 15:28:11","Gmfyx":null}`,
		`{"fphm":22111111111111111180,"kprq":"20221128152811"}`, `{"Fphm":[]}`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := decodeBlueTicketData(data)
		if err == nil && len(res.Number) != app.InvoiceNumberLength {
			t.Fatalf("accepted number %q", res.Number)
		}
	})
}

func FuzzDecodeQueryData(f *testing.F) {
	if seed, err := os.ReadFile("testdata/invoice_query_seed.json"); err == nil {
		var env struct{ Data json.RawMessage }
		if json.Unmarshal(seed, &env) == nil {
			f.Add([]byte(env.Data))
		}
	}
	for _, s := range []string{
		`{"fphm":"24112000000064654320","kprq":"20240619193407","zbmx":[{"je":"1","se":0.01,"sl":"13%","fphxz":"9"}]}`,
		`[{"fphm":"1"}]`, `[[]]`, `{"zbmx":{}}`, `{"hjje":"1e99999"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		q, found, err := decodeQueryData(data)
		if err != nil || !found {
			return
		}
		if inv, err := q.toInvoice(); err == nil {
			_ = app.FormatMoney(inv.Total)
			for _, l := range inv.Lines {
				_ = app.FormatMoney(l.Amount)
			}
		}
	})
}

func FuzzDecodeLayoutData(f *testing.F) {
	for _, s := range []string{
		`"JVBERi0xLjcK"`, `"data:application/pdf;base64,JVBE\nRi0xLjcK"`,
		`{"pdfUrl":"https://dppt.example/x?Wjgs=PDF","ofdUrl":"","xmlUrl":null}`, `"https://x/y"`, `{"pdfUrl":{}}`,
	} {
		f.Add([]byte(s), uint8(0))
	}
	formats := []app.DocFormat{app.FormatPDF, app.FormatOFD, app.FormatXML}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		format := formats[int(which)%len(formats)]
		layout, err := decodeLayoutData(data, format)
		if err != nil {
			return
		}
		if layout.url == "" {
			_ = checkFormat(layout.content, format)
		}
	})
}

func FuzzDecodeFaceState(f *testing.F) {
	for _, s := range []string{
		`"eyJZampiIjoiMDEiLCJTeGxiIjoiMyIsIlNmc2wiOiJZIiwiSXRzU2NhbkZsYWciOiJOIn0="`,
		`"eyJZampiIjoiMDEiLCJTeGxiIjoiMyIsIlNmc2wiOiJOIiwiSXRzU2NhbkZsYWciOiJOIiwiQnoiOiJ-In0"`,
		`{"SFSL":"y"}`, `"{\"sfsl\":\"N\"}"`, `{"Sfsl":"Y","sfsl":"N"}`, `"garbage!!"`, `null`, `"\ufeff{}"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		needed, err := decodeFaceState(data)
		if err != nil {
			return
		}
		// The same object must read the same whether sent as an object or
		// wrapped in base64, in either alphabet.
		object := bytes.TrimSpace(data)
		if object[0] != '{' {
			return
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawURLEncoding} {
			wrapped, _ := json.Marshal(enc.EncodeToString(object))
			again, err := decodeFaceState(wrapped)
			if err != nil || again != needed {
				t.Fatalf("object read %v, its base64 %v (%v)", needed, again, err)
			}
		}
	})
}

func FuzzDecodeFaceQRData(f *testing.F) {
	for _, s := range []string{
		`{"rzid":"5246703dc22842b5a3d7826f375e6c7d","nsrsbh":"9151123123122031211","ewm":"qrcode_id=gY&areaPrefix=5100&int erfaceCode=0004","slzt":null,"emwly":"swj"}`,
		`{"rzid":1,"ewm":" "}`, `{"ewm":null}`, `[]`, `{"rzid":"a","ewm":"\u0000"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		authID, content, err := decodeFaceQRData(data)
		if err != nil {
			return
		}
		if authID == "" || authID != strings.TrimSpace(authID) || strings.TrimSpace(content) == "" {
			t.Fatalf("accepted rzid %q ewm %q", authID, content)
		}
	})
}

func FuzzDecodeQRLoginData(f *testing.F) {
	png := base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	for _, s := range []string{
		`{"ewmid":"e-1","ewm":"` + png + `"}`, `{"ewmId":2,"ewmBase64":"data:image/png;base64,` + png + `"}`,
		`{"id":"x","qrcode":"https://etax.example/qr?a=1"}`, `{"EWMID":"a","img":"qrcode_id=1&int erfaceCode=2"}`,
		`{"ewmid":"a","EWMID":"b","ewm":"x"}`, `{"ewmid":"a","image":"data:,"}`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := decodeQRLoginData(data)
		if err != nil {
			return
		}
		if q.ID == "" || q.ID != strings.TrimSpace(q.ID) {
			t.Fatalf("accepted ewmid %q", q.ID)
		}
		switch {
		case q.Image != nil && q.Content != "":
			t.Fatal("both an image and text")
		case q.Image != nil && !isImage(q.Image):
			t.Fatalf("accepted %d bytes that are no image", len(q.Image))
		case q.Image == nil && !looksLikeQRText(q.Content):
			t.Fatalf("accepted text %q", q.Content)
		}
	})
}
