package taxsync

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"testing"

	"fapiao/app"
)

// Every decoder of the service's answers must survive any input without
// panicking, and what it accepts must hold what its callers rely on. The
// seeds are seed 002's examples and near misses.

const fuzzLimit = 1 << 20

func FuzzDecodeContent(f *testing.F) {
	for _, s := range []string{
		base64.StdEncoding.EncodeToString([]byte(seedPlainPage)),
		base64.StdEncoding.EncodeToString(zipOf(map[string][]byte{"d.json": []byte(seedAdapterPage)}, "d.json")),
		"e30=", "e30", "e3\r\n0=", "UEsDBA==", "", "====", "-_-_", "A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		data, err := decodeContent(text, fuzzLimit)
		if err != nil {
			return
		}
		if len(data) > fuzzLimit {
			t.Fatalf("%d bytes accepted over the limit", len(data))
		}
		if bytes.HasPrefix(data, zipMagic) && !isZip(text) {
			t.Fatalf("returned a zip unopened")
		}
	})
}

func isZip(text string) bool {
	raw, err := decodeBase64(text)
	return err == nil && bytes.HasPrefix(raw, zipMagic)
}

// FuzzUnzipContent mutates the archive itself (mutating its Base64 would
// rarely reach the zip reader), then decodes it as the client does.
func FuzzUnzipContent(f *testing.F) {
	f.Add(zipOf(map[string][]byte{"d.json": []byte(seedPlainPage)}, "d.json"))
	f.Add(zipOf(map[string][]byte{"a": []byte("x"), "b": []byte("y")}, "b"))
	honest, liar := bomb(f, 2*fuzzLimit)
	f.Add(honest)
	f.Add(liar)
	f.Add(emptyZip())
	f.Add([]byte(seedPlainPage))
	f.Fuzz(func(t *testing.T, archive []byte) {
		data, err := decodeContent(base64.StdEncoding.EncodeToString(archive), fuzzLimit)
		if err != nil {
			return
		}
		if len(data) > fuzzLimit {
			t.Fatalf("%d bytes accepted over the limit", len(data))
		}
		if !bytes.HasPrefix(archive, zipMagic) && !bytes.Equal(data, archive) {
			t.Fatalf("plain content changed in decoding")
		}
	})
}

func FuzzDecodePage(f *testing.F) {
	for _, s := range []string{
		seedPlainPage, seedAdapterPage, smallPage,
		`{"pageSize":"3","currentPage":"2","InvoiceList":{"202401":{"FP":[{"invoiceNumber":"1"}]},"202306":{}}}`,
		`{"InvoiceList":{"202403":[],"202404":null,"x":{"FP":null}}}`,
		`{"count":"x","InvoiceList":[]}`, `{"InvoiceList":"x"}`, `{}`, `[]`, `null`, ``,
		`{"pageSize":1e9,"currentPage":1e12,"InvoiceList":[{"invoiceNumber":"1"}]}`,
		`{"InvoiceList":[{"invoiceNumber":"1","totalAmount":"1e99999","billingDate":"1582898490000"}]}`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Add([]byte(`{"InvoiceList":[`+fullEntry+`]}`), true)
	f.Fuzz(func(t *testing.T, data []byte, pastPeriods bool) {
		q := wireQuery{Page: 2, PageSize: 10, Rzzt: "10"}
		if pastPeriods {
			q.Rzzt, q.Adapter = "40", "1"
		}
		page, err := decodePage(data, q)
		if err != nil {
			return
		}
		checkPage(t, page, q)
	})
}

// checkPage holds what the sync relies on in an accepted page.
func checkPage(t *testing.T, page app.InboundPage, q wireQuery) {
	t.Helper()
	if page.Count < 0 || page.Page < 1 || page.PageSize < 1 {
		t.Fatalf("page %d of %d, count %d", page.Page, page.PageSize, page.Count)
	}
	for _, inv := range page.Invoices {
		if inv.Number == "" || inv.Key != app.InboundKey(inv.Code, inv.Number, inv.Type) ||
			string(inv.Status) != q.Rzzt || inv.Kind == "" {
			t.Fatalf("invoice %+v", inv)
		}
		if inv.Amount.Valid && (inv.Amount.Decimal.Exponent() < -maxExponent || inv.Amount.Decimal.Exponent() > maxExponent) {
			t.Fatalf("amount %v out of bounds", inv.Amount)
		}
		if _, err := json.Marshal(inv); err != nil {
			t.Fatalf("invoice cannot be stored as JSON: %v", err)
		}
	}
}

func FuzzJudgeAnswer(f *testing.F) {
	for _, s := range []string{
		okAnswer(seedPlainPage, true), okAnswer(seedAdapterPage, false), envelopeWith("1001", "签名错误", ""),
		`{"code":0,"content":{"InvoiceList":[]}}`, `{"code":"0000","content":"{}"}`, `{"code":null}`, `[]`, ``,
		`{"code":"0000","content":"UEsDBA=="}`,
	} {
		f.Add(200, []byte(s))
	}
	f.Add(403, []byte("Forbidden"))
	f.Add(503, []byte(okAnswer(smallPage, false)))
	c, err := New(testConfig("https://sync.example"))
	if err != nil {
		f.Fatal(err)
	}
	c.maxContent = fuzzLimit
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		a, pe := c.judge(status, body)
		if pe != nil {
			assertNoSecret(t, "error", pe.Error())
			if pe.Kind < app.KindTransient || pe.Kind > app.KindCredentials {
				t.Fatalf("kind %v", pe.Kind)
			}
			return
		}
		if status < 200 || status > 299 || int64(len(a.page)) > fuzzLimit+maxResponseBytes {
			t.Fatalf("accepted HTTP %d with %d bytes", status, len(a.page))
		}
	})
}
