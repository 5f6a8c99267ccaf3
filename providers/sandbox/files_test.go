package sandbox

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"fapiao/app"
)

// fakeRender stands in for the layout package so the envelope and link
// paths are tested on their own: it returns the format and the number.
func fakeRender(inv issuedInvoice, format app.DocFormat) ([]byte, error) {
	return []byte(string(format) + ":" + inv.Number + ":" + inv.Lines[0].Name), nil
}

// startWithRender starts a sandbox whose layout files come from render.
func startWithRender(t *testing.T, render func(issuedInvoice, app.DocFormat) ([]byte, error), edit ...func(*Options)) *env {
	t.Helper()
	e := &env{t: t, clock: newClock(testNow), dbPath: t.TempDir() + "/sandbox.db"}
	opts := Options{DBPath: e.dbPath, Now: e.clock.Now}
	for _, f := range edit {
		f(&opts)
	}
	e.openWith(opts, func(s *Server) { s.render = render })
	return e
}

func layoutForm(number, downflag string) url.Values {
	return url.Values{"username": {DemoUsername}, "downflag": {downflag}, "nsrsbh": {sellerID},
		"fphm": {number}, "kprq": {"20260315100000"}, "addSeal": {"1"}}
}

func TestLayoutFilesAsBase64(t *testing.T) {
	e := startWithRender(t, fakeRender)
	n := e.issue(seedInvoice("l1")).Fphm
	for flag, format := range map[string]string{"1": "pdf", "2": "ofd", "3": "xml"} {
		env := e.post(pathLayoutFiles, layoutForm(n, flag))
		var b64 string
		if env.Code != 200 || json.Unmarshal(env.Data, &b64) != nil {
			t.Fatalf("downflag %s: %d %q %s", flag, env.Code, env.Msg, env.Data)
		}
		file, err := base64.StdEncoding.DecodeString(b64)
		if want := format + ":" + n + ":*软件*票单云财税管理系统"; err != nil || string(file) != want {
			t.Errorf("downflag %s: file %q (%v), want %q", flag, file, err, want)
		}
	}
}

func TestLayoutFilesAsLinks(t *testing.T) {
	e := startWithRender(t, fakeRender)
	n := e.issue(seedInvoice("l2")).Fphm
	links := e.links(e.post(pathLayoutFiles, layoutForm(n, "4")))
	for format, link := range links {
		if !strings.HasPrefix(link, e.base+"/sandbox/files/"+n+"."+format+"?t=") {
			t.Errorf("%s link %q is not an absolute link on this server", format, link)
		}
		// No Authorization: the token in the link is the permission.
		resp, body := e.mustDo(mustRequest(t, link))
		if resp.StatusCode != 200 || string(body) != format+":"+n+":*软件*票单云财税管理系统" {
			t.Errorf("GET %s: %d %q", format, resp.StatusCode, body)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, contentTypes[app.DocFormat(format)]) {
			t.Errorf("%s Content-Type %q", format, ct)
		}
	}
	// A guessed or altered token finds nothing.
	wrong := strings.Replace(links["pdf"], "?t=", "?t=0", 1)
	for _, link := range []string{wrong, e.base + "/sandbox/files/" + n + ".pdf"} {
		if resp, _ := e.mustDo(mustRequest(t, link)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", link, resp.StatusCode)
		}
	}
}

func TestLayoutAsURLsOption(t *testing.T) {
	e := startWithRender(t, fakeRender, func(o *Options) { o.LayoutAsURLs = true })
	n := e.issue(seedInvoice("l3")).Fphm
	if links := e.links(e.post(pathLayoutFiles, layoutForm(n, "1"))); len(links) != 3 {
		t.Errorf("links %v", links)
	}
}

func TestLayoutFilesRefusals(t *testing.T) {
	e := startWithRender(t, fakeRender)
	n := e.issue(seedInvoice("l4")).Fphm
	other := layoutForm(n, "1")
	other.Set("nsrsbh", buyerID)
	wrongDate := layoutForm(n, "1")
	wrongDate.Set("kprq", "20260315100001")
	dashed := layoutForm(n, "1")
	dashed.Set("kprq", "2026-03-15 10:00:00")
	for name, tc := range map[string]struct {
		form url.Values
		code int
		msg  string
	}{
		"unknown number":   {layoutForm("26112000000000000099", "1"), 999, "未查询到发票信息"},
		"another seller's": {other, 999, "未查询到发票信息"},
		"wrong kprq":       {wrongDate, 999, "kprq"},
		"dashed kprq":      {dashed, 200, "成功"},
		"bad downflag":     {layoutForm(n, "5"), 999, "downflag"},
		"no number":        {layoutForm("", "1"), 999, "fphm"},
	} {
		env := e.post(pathLayoutFiles, tc.form)
		if env.Code != tc.code || !strings.Contains(env.Msg, tc.msg) {
			t.Errorf("%s: %d %q, want %d %q", name, env.Code, env.Msg, tc.code, tc.msg)
		}
	}
}

func TestLayoutRenderFailureIsServerError(t *testing.T) {
	e := startWithRender(t, func(issuedInvoice, app.DocFormat) ([]byte, error) { return nil, errors.New("boom") })
	n := e.issue(seedInvoice("l5")).Fphm
	e.token = e.obtainToken()
	resp, body, err := e.postFormRaw(pathLayoutFiles, e.token, layoutForm(n, "1"))
	if err != nil || resp.StatusCode != http.StatusInternalServerError || strings.Contains(string(body), "boom") {
		t.Errorf("render failure: %v %d %s", err, resp.StatusCode, body)
	}
}

// TestLayoutFilesReal renders through the real layout package. It fails
// while layout is still the stub that returns an error.
func TestLayoutFilesReal(t *testing.T) {
	e := start(t)
	n := e.issue(discounted("real", "-10", "-1.15")).Fphm
	files := map[string][]byte{}
	for flag, format := range map[string]string{"1": "pdf", "2": "ofd", "3": "xml"} {
		e.token = e.obtainToken()
		resp, body, err := e.postFormRaw(pathLayoutFiles, e.token, layoutForm(n, flag))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("downflag %s: %v HTTP %d %s", flag, err, resp.StatusCode, body)
		}
		var b64 string
		if env := e.decode(resp, body); env.Code != 200 || json.Unmarshal(env.Data, &b64) != nil {
			t.Fatalf("downflag %s: %d %q", flag, env.Code, env.Msg)
		}
		file, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		files[format] = file
	}
	checkPDF(t, files["pdf"])
	checkOFD(t, files["ofd"])
	checkXML(t, files["xml"])

	// The links serve the same kinds of files.
	links := e.links(e.post(pathLayoutFiles, layoutForm(n, "4")))
	resp, body := e.mustDo(mustRequest(t, links["pdf"]))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("GET pdf link: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	checkPDF(t, body)
}

func checkPDF(t *testing.T, file []byte) {
	t.Helper()
	if !bytes.HasPrefix(file, []byte("%PDF")) {
		t.Errorf("PDF starts %q", head(file))
	}
}

func checkOFD(t *testing.T, file []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Errorf("OFD is not a zip: %v", err)
		return
	}
	for _, f := range zr.File {
		if f.Name == "OFD.xml" {
			return
		}
	}
	t.Error("OFD has no OFD.xml at its root")
}

func checkXML(t *testing.T, file []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(file))
	elements := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("XML does not parse: %v", err)
			return
		}
		if _, ok := tok.(xml.StartElement); ok {
			elements++
		}
	}
	if elements == 0 {
		t.Error("XML has no elements")
	}
}

func head(b []byte) []byte { return b[:min(len(b), 16)] }

// links decodes a downflag 4 answer into format → URL.
func (e *env) links(env envelope) map[string]string {
	e.t.Helper()
	var l fileLinks
	if env.Code != 200 || json.Unmarshal(env.Data, &l) != nil {
		e.t.Fatalf("links: %d %q %s", env.Code, env.Msg, env.Data)
	}
	return map[string]string{"pdf": l.PDF, "ofd": l.OFD, "xml": l.XML}
}

func mustRequest(t *testing.T, link string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, link, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
