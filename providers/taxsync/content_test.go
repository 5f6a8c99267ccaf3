package taxsync

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"io"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

const smallPage = `{"pageSize":100,"currentPage":1,"count":1,"InvoiceList":[{"invoiceNumber":"7","invoiceType":"01"}]}`

func TestContentShapes(t *testing.T) {
	plain := base64.StdEncoding.EncodeToString([]byte(smallPage))
	zipped := base64.StdEncoding.EncodeToString(zipOf(map[string][]byte{"a.json": []byte(smallPage)}, "a.json"))
	urlSafe := base64.URLEncoding.EncodeToString(zipOf(map[string][]byte{"a.json": []byte(smallPage)}, "a.json"))
	if !strings.ContainsAny(urlSafe, "-_") {
		t.Fatal("the URL-safe content has neither - nor _: it tests nothing")
	}
	wrap := func(s string) string { // a MIME encoder's line breaks
		var b strings.Builder
		for len(s) > 76 {
			b.WriteString(s[:76] + "\r\n")
			s = s[76:]
		}
		return b.String() + s
	}
	for name, answer := range map[string]string{
		"base64 only":               okAnswer(smallPage, false),
		"zipped":                    okAnswer(smallPage, true),
		"line-wrapped base64":       envelopeWith("0000", "ok", wrap(plain)),
		"line-wrapped zip":          envelopeWith("0000", "ok", " "+wrap(zipped)+"\n"),
		"no padding":                envelopeWith("0000", "ok", strings.TrimRight(plain, "=")),
		"url-safe alphabet":         envelopeWith("0000", "ok", urlSafe),
		"content as a JSON object":  `{"code":"0000","msg":"ok","content":` + smallPage + `}`,
		"content as JSON text":      envelopeWith("0000", "ok", smallPage),
		"code as a number":          `{"code":0,"msg":"ok","content":"` + plain + `"}`,
		"code 0000 with whitespace": `{"code":" 0000 ","content":"` + zipped + `"}`,
	} {
		t.Run(name, func(t *testing.T) {
			page := fetchPage(t, app.InboundUnchecked, answer)
			if len(page.Invoices) != 1 || page.Invoices[0].Number != "7" || page.Count != 1 {
				t.Errorf("page %+v", page)
			}
		})
	}
}

// The content says what it is: a zip arriving though iszip=0 was asked for
// is unzipped, and plain JSON arriving though iszip=1 is read as it is.
func TestZipIsRecognisedByItsMagic(t *testing.T) {
	for _, tc := range []struct {
		askZip, sendZip bool
	}{{false, true}, {true, false}} {
		f := newFakeSync(t, always(200, okAnswer(smallPage, tc.sendZip)))
		c, _ := newTestClient(t, f.URL, func(cfg *Config) { cfg.Zip = boolPtr(tc.askZip) })
		page, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
		if err != nil || len(page.Invoices) != 1 {
			t.Errorf("asked zip %v, sent zip %v: %+v %v", tc.askZip, tc.sendZip, page, err)
		}
	}
}

func TestOnlyTheFirstZipEntryIsRead(t *testing.T) {
	archive := zipOf(map[string][]byte{"first.json": []byte(smallPage), "second.json": []byte("not json")}, "first.json")
	data, err := decodeContent(base64.StdEncoding.EncodeToString(archive), 1<<20)
	if err != nil || string(data) != smallPage {
		t.Errorf("%q %v", data, err)
	}
}

func TestBadContentIsMalformed(t *testing.T) {
	for name, content := range map[string]string{
		"not base64":     "@@@not base64@@@",
		"empty":          "",
		"broken zip":     base64.StdEncoding.EncodeToString(append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 40)...)),
		"empty zip":      base64.StdEncoding.EncodeToString(emptyZip()),
		"not json":       base64.StdEncoding.EncodeToString([]byte("<html>oops</html>")),
		"list not shape": base64.StdEncoding.EncodeToString([]byte(`{"InvoiceList":"x"}`)),
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeSync(t, always(200, envelopeWith("0000", "ok", content)))
			c, _ := newTestClient(t, f.URL, func(cfg *Config) { cfg.Retries = -1 })
			_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
			pe := providerErr(t, err, app.KindTransient)
			if !strings.Contains(pe.Message, "响应格式错误") {
				t.Errorf("message %q", pe.Message)
			}
		})
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func emptyZip() []byte {
	var buf bytes.Buffer
	_ = zip.NewWriter(&buf).Close()
	return buf.Bytes()
}

// bomb is a zip whose first entry inflates to size bytes of zeros. liar is
// the same archive with a central directory claiming 100 bytes, as a real
// bomb would, to slip past a check of the declared size.
func bomb(t testing.TB, size int64) (honest, liar []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "data.json", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(chunk)) {
		_, _ = w.Write(chunk[:min(left, int64(len(chunk)))])
	}
	_ = zw.Close()
	honest = buf.Bytes()
	liar = bytes.Clone(honest)
	// The uncompressed size is at offset 24 of the central directory record.
	dir := bytes.LastIndex(liar, []byte("PK\x01\x02")) + 24
	liar[dir], liar[dir+1], liar[dir+2], liar[dir+3] = 100, 0, 0, 0
	return honest, liar
}

// Each layer of the defence refuses its own kind of bomb: the declared size
// an honest one without inflating it, archive/zip's own check one that
// lies about its size, and the limited read whatever gets past both.
func TestZipBombIsRefused(t *testing.T) {
	honest, liar := bomb(t, 3<<20)
	for name, tc := range map[string]struct {
		archive []byte
		words   string
	}{"honest": {honest, "声明解压后 3145728 字节"}, "liar": {liar, "大于其声明的大小"}} {
		_, err := decodeContent(base64.StdEncoding.EncodeToString(tc.archive), 1<<20)
		if err == nil || !strings.Contains(err.Error(), tc.words) || !strings.Contains(err.Error(), "压缩炸弹") {
			t.Errorf("%s: %v", name, err)
		}
	}
	big := &countingReader{r: bytes.NewReader(make([]byte, 4<<20))}
	if data, err := readLimited(big, 1<<20); err == nil || !strings.Contains(err.Error(), "超过 1 MB") || data != nil {
		t.Errorf("an entry four times the limit: %d bytes, %v", len(data), err)
	}
	if big.n > 1<<20+1 {
		t.Errorf("read %d bytes of an entry to refuse it: memory is not bounded by the limit", big.n)
	}
	if data, err := readLimited(bytes.NewReader(make([]byte, 1<<20)), 1<<20); err != nil || len(data) != 1<<20 {
		t.Errorf("an entry of exactly the limit: %d bytes, %v", len(data), err)
	}
	// Exactly the limit is fine.
	honest, _ = bomb(t, 1<<20)
	data, err := decodeContent(base64.StdEncoding.EncodeToString(honest), 1<<20)
	if err != nil || len(data) != 1<<20 {
		t.Errorf("%d bytes, %v", len(data), err)
	}
}

// The real limit, end to end: a 350 KB answer that would inflate to 257 MB
// is refused as malformed, whether its header admits the size or not.
func TestZipBombThroughTheClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 257 MB bomb")
	}
	started := time.Now()
	honest, liar := bomb(t, maxContentBytes+1<<20)
	t.Logf("bomb: %d bytes, built in %v", len(honest), time.Since(started).Round(time.Millisecond))
	for name, archive := range map[string][]byte{"honest": honest, "liar": liar} {
		started := time.Now()
		f := newFakeSync(t, always(200, envelopeWith("0000", "ok", base64.StdEncoding.EncodeToString(archive))))
		c, _ := newTestClient(t, f.URL, func(cfg *Config) { cfg.Retries = -1 })
		_, err := c.FetchInbound(t.Context(), app.InboundFetch{Status: app.InboundUnchecked})
		pe := providerErr(t, err, app.KindTransient)
		if !strings.Contains(pe.Message, "压缩炸弹") {
			t.Errorf("%s: message %q", name, pe.Message)
		}
		t.Logf("%s: refused in %v", name, time.Since(started).Round(time.Millisecond))
	}
}
