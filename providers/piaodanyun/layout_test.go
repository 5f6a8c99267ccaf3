package piaodanyun

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

var (
	pdfBytes = []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
	ofdBytes = []byte("PK\x03\x04\x14\x00\x00\x00OFD.xml")
	xmlBytes = []byte("\xEF\xBB\xBF\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><EInvoice/>")
)

func issuedInvoice() app.Invoice {
	return app.Invoice{Number: "24112000000064654320", IssuedAt: time.Date(2024, 6, 19, 19, 34, 7, 0, app.ChinaTime)}
}

func TestDocumentBase64Answer(t *testing.T) {
	encoded := base64.StdEncoding.EncodeToString(pdfBytes)
	wrapped := "data:application/pdf;base64," + encoded[:10] + "\r\n" + encoded[10:20] + "\n " + encoded[20:]
	fs := newFakeServer(t)
	fs.handle(pathLayout, reply(http.StatusOK, fmt.Sprintf(`{"code":200,"msg":"成功","data":%q,"total":0}`, wrapped)))

	got, err := newTestClient(t, fs.URL).Document(context.Background(), issuedInvoice(), app.FormatPDF)
	if err != nil {
		t.Fatalf("Document: %v", err)
	}
	if !bytes.Equal(got, pdfBytes) {
		t.Errorf("got %q", got)
	}
	call := fs.recorded()[0]
	want := map[string]string{
		"username": testUsername, "downflag": "1", "nsrsbh": testTaxID,
		"fphm": "24112000000064654320", "kprq": "20240619193407", "addSeal": "1",
	}
	for k, v := range want {
		if call.Form.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, call.Form.Get(k), v)
		}
	}
	if len(call.Form) != len(want) || call.Auth != tokenN(1) {
		t.Errorf("form %v auth %q", call.Form, call.Auth)
	}
}

// fileServer serves layout files and records whether a request carried an
// Authorization header.
type fileServer struct {
	*httptest.Server
	mu    sync.Mutex
	auths []string
}

func newFileServer(t *testing.T, files map[string][]byte) *fileServer {
	t.Helper()
	s := &fileServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.auths = append(s.auths, r.Header.Get("Authorization"))
		s.mu.Unlock()
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

func urlAnswer(base string) string {
	return fmt.Sprintf(`{"code":200,"msg":"成功","message":"成功","data":{"pdfUrl":"%[1]s/f.pdf","ofdUrl":"%[1]s/f.ofd","xmlUrl":"%[1]s/f.xml"},"total":0}`, base)
}

func TestDocumentURLAnswer(t *testing.T) {
	files := newFileServer(t, map[string][]byte{"/f.pdf": pdfBytes, "/f.ofd": ofdBytes, "/f.xml": xmlBytes})
	fs := newFakeServer(t)
	fs.handle(pathLayout, reply(http.StatusOK, urlAnswer(files.URL)))
	c := newTestClient(t, fs.URL)
	for format, want := range map[app.DocFormat][]byte{app.FormatPDF: pdfBytes, app.FormatOFD: ofdBytes, app.FormatXML: xmlBytes} {
		got, err := c.Document(context.Background(), issuedInvoice(), format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: got %q", format, got)
		}
	}
	for _, call := range fs.recorded() {
		if want := map[string]string{"1": "pdf", "2": "ofd", "3": "xml"}[call.Form.Get("downflag")]; want == "" {
			t.Errorf("downflag %q", call.Form.Get("downflag"))
		}
	}
	for _, auth := range files.auths {
		if auth != "" {
			t.Errorf("the file download carried Authorization %q", auth)
		}
	}
	if len(files.auths) != 3 {
		t.Errorf("%d downloads, want 3", len(files.auths))
	}
}

func TestDocumentRefusesWhatIsNotTheFile(t *testing.T) {
	htmlPage := []byte("<!DOCTYPE html><html><body>系统维护中</body></html>")
	files := newFileServer(t, map[string][]byte{
		"/f.pdf": htmlPage, "/f.ofd": []byte(`{"code":500,"msg":"文件不存在"}`), "/f.xml": htmlPage,
		"/empty.pdf": {},
	})
	big := bytes.Repeat([]byte("%PDF"), (maxDocumentBytes/4)+1)
	bigFiles := newFileServer(t, map[string][]byte{"/f.pdf": big})
	tlsFiles := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(pdfBytes) }))
	defer tlsFiles.Close()

	cases := []struct {
		name   string
		answer string
		format app.DocFormat
		want   string
	}{
		{"HTML instead of PDF", urlAnswer(files.URL), app.FormatPDF, "不是PDF"},
		{"JSON instead of OFD", urlAnswer(files.URL), app.FormatOFD, "不是OFD"},
		{"HTML instead of XML", urlAnswer(files.URL), app.FormatXML, "不是XML"},
		{"404", `{"code":200,"data":{"pdfUrl":"` + files.URL + `/missing.pdf"}}`, app.FormatPDF, "HTTP 404"},
		{"empty file", `{"code":200,"data":{"pdfUrl":"` + files.URL + `/empty.pdf"}}`, app.FormatPDF, "为空"},
		{"over 20 MB", urlAnswer(bigFiles.URL), app.FormatPDF, "20MB"},
		{"untrusted certificate", `{"code":200,"data":{"pdfUrl":"` + tlsFiles.URL + `/f.pdf"}}`, app.FormatPDF, "网络错误"},
		{"no URL for the format", `{"code":200,"data":{"pdfUrl":"` + files.URL + `/f.pdf"}}`, app.FormatXML, "没有XML"},
		{"not a URL", `{"code":200,"data":{"pdfUrl":"ftp://x/f.pdf"}}`, app.FormatPDF, "地址无效"},
		{"base64 of HTML", fmt.Sprintf(`{"code":200,"data":%q}`, base64.StdEncoding.EncodeToString(htmlPage)), app.FormatPDF, "不是PDF"},
		{"not base64", `{"code":200,"data":"%%%not base64%%%"}`, app.FormatPDF, "base64"},
		{"data null", `{"code":200,"data":null}`, app.FormatPDF, "data 为空"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFakeServer(t)
			fs.handle(pathLayout, reply(http.StatusOK, tc.answer))
			_, err := newTestClient(t, fs.URL).Document(context.Background(), issuedInvoice(), tc.format)
			pe := providerErr(t, err, app.KindTransient)
			if !strings.Contains(pe.Message, tc.want) {
				t.Errorf("message %q does not contain %q", pe.Message, tc.want)
			}
		})
	}
}

func TestDocumentRefusesBeforeSending(t *testing.T) {
	fs := newFakeServer(t)
	c := newTestClient(t, fs.URL)
	_, err := c.Document(context.Background(), issuedInvoice(), "docx")
	providerErr(t, err, app.KindBusiness)
	_, err = c.Document(context.Background(), app.Invoice{}, app.FormatPDF)
	providerErr(t, err, app.KindBusiness)
	if len(fs.recorded())+fs.tokenCount() != 0 {
		t.Error("a request was sent")
	}
}

func TestCheckFormat(t *testing.T) {
	for _, tc := range []struct {
		content string
		format  app.DocFormat
		ok      bool
	}{
		{"%PDF-1.4", app.FormatPDF, true},
		{" %PDF-1.4", app.FormatPDF, false},
		{"PK\x03\x04", app.FormatOFD, true},
		{"%PDF", app.FormatOFD, false},
		{"<?xml version='1.0'?><a/>", app.FormatXML, true},
		{"\xEF\xBB\xBF  \r\n<a/>", app.FormatXML, true},
		{"<HTML><body>", app.FormatXML, false},
		{"{}", app.FormatXML, false},
		{"", app.FormatXML, false},
	} {
		if err := checkFormat([]byte(tc.content), tc.format); (err == nil) != tc.ok {
			t.Errorf("checkFormat(%q, %s) = %v, want ok=%v", tc.content, tc.format, err, tc.ok)
		}
	}
}
