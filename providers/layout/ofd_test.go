package layout

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"

	"fapiao/app"
)

// ofdPackage is an OFD file opened for inspection: its entries by path.
type ofdPackage struct {
	names   []string // in zip order
	entries map[string][]byte
}

func openOFD(t *testing.T, inv app.Invoice) ofdPackage {
	t.Helper()
	data, err := OFD(inv)
	if err != nil {
		t.Fatalf("OFD: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("OFD is not a zip: %v", err)
	}
	pkg := ofdPackage{entries: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		pkg.names = append(pkg.names, f.Name)
		pkg.entries[f.Name] = body
	}
	return pkg
}

func (p ofdPackage) entry(t *testing.T, name string) []byte {
	t.Helper()
	body, ok := p.entries[name]
	if !ok {
		t.Fatalf("OFD has no %s (entries: %v)", name, p.names)
	}
	return body
}

// decode unmarshals an entry into v; the structs below name elements by
// namespace, so an element outside the OFD namespace is not found.
func (p ofdPackage) decode(t *testing.T, name string, v any) {
	t.Helper()
	if err := xml.Unmarshal(p.entry(t, name), v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

type testOFDRoot struct {
	XMLName xml.Name `xml:"http://www.ofdspec.org/2016 OFD"`
	DocID   string   `xml:"http://www.ofdspec.org/2016 DocBody>DocInfo>DocID"`
	Title   string   `xml:"http://www.ofdspec.org/2016 DocBody>DocInfo>Title"`
	Created string   `xml:"http://www.ofdspec.org/2016 DocBody>DocInfo>CreationDate"`
	DocRoot string   `xml:"http://www.ofdspec.org/2016 DocBody>DocRoot"`
}

type testOFDDocument struct {
	XMLName     xml.Name `xml:"http://www.ofdspec.org/2016 Document"`
	MaxUnitID   int      `xml:"http://www.ofdspec.org/2016 CommonData>MaxUnitID"`
	PhysicalBox string   `xml:"http://www.ofdspec.org/2016 CommonData>PageArea>PhysicalBox"`
	PublicRes   string   `xml:"http://www.ofdspec.org/2016 CommonData>PublicRes"`
	Pages       []struct {
		ID      string `xml:"ID,attr"`
		BaseLoc string `xml:"BaseLoc,attr"`
	} `xml:"http://www.ofdspec.org/2016 Pages>Page"`
	Attachments string `xml:"http://www.ofdspec.org/2016 Attachments"`
}

type testOFDRes struct {
	Fonts []struct {
		ID       string `xml:"ID,attr"`
		FontName string `xml:"FontName,attr"`
	} `xml:"http://www.ofdspec.org/2016 Fonts>Font"`
}

type testOFDAttachs struct {
	Attachments []struct {
		ID      string `xml:"ID,attr"`
		Name    string `xml:"Name,attr"`
		FileLoc string `xml:"http://www.ofdspec.org/2016 FileLoc"`
	} `xml:"http://www.ofdspec.org/2016 Attachment"`
}

type testOFDPage struct {
	Texts []struct {
		Font     string `xml:"Font,attr"`
		Boundary string `xml:"Boundary,attr"`
		Code     struct {
			X      string `xml:"X,attr"`
			Y      string `xml:"Y,attr"`
			DeltaX string `xml:"DeltaX,attr"`
			Text   string `xml:",chardata"`
		} `xml:"http://www.ofdspec.org/2016 TextCode"`
	} `xml:"http://www.ofdspec.org/2016 Content>Layer>TextObject"`
	Paths []struct {
		Boundary string `xml:"Boundary,attr"`
		Data     string `xml:"http://www.ofdspec.org/2016 AbbreviatedData"`
	} `xml:"http://www.ofdspec.org/2016 Content>Layer>PathObject"`
}

// text joins a page's text runs in drawing order; the runs of one string
// are consecutive, so names and amounts appear whole.
func (p testOFDPage) text() string {
	var b strings.Builder
	for _, t := range p.Texts {
		b.WriteString(t.Code.Text)
	}
	return b.String()
}

// resolve follows a reference made from inside file from.
func resolve(from, loc string) string { return path.Join(path.Dir(from), loc) }

func TestOFDIsAZipWithOFDXMLAtItsRoot(t *testing.T) {
	inv := seedInvoice(t)
	pkg := openOFD(t, inv)
	if pkg.names[0] != "OFD.xml" {
		t.Errorf("first entry = %s, want OFD.xml", pkg.names[0])
	}
	var root testOFDRoot
	pkg.decode(t, "OFD.xml", &root)
	if root.DocRoot != "Doc_0/Document.xml" || len(root.DocID) != 32 || root.Created != "2025-06-19" {
		t.Errorf("OFD.xml = %+v", root)
	}
	if root.Title != "电子发票（普通发票）" {
		t.Errorf("title = %q", root.Title)
	}
}

func TestOFDEveryXMLPartIsWellFormedUTF8(t *testing.T) {
	pkg := openOFD(t, markupInvoice(t))
	for _, name := range pkg.names {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		body := pkg.entries[name]
		if !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
			t.Errorf("%s lacks the UTF-8 declaration", name)
		}
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
				break
			}
		}
	}
}

func TestOFDReferencesResolveAndIDsAreUniqueUpToMaxUnitID(t *testing.T) {
	inv := manyLinesInvoice(t, 60)
	pkg := openOFD(t, inv)
	var root testOFDRoot
	pkg.decode(t, "OFD.xml", &root)
	var doc testOFDDocument
	pkg.decode(t, root.DocRoot, &doc)
	if doc.PhysicalBox != "0 0 241 140" {
		t.Errorf("PhysicalBox = %q", doc.PhysicalBox)
	}
	var res testOFDRes
	pkg.decode(t, resolve(root.DocRoot, doc.PublicRes), &res)
	fonts := map[string]bool{}
	for _, f := range res.Fonts {
		fonts[f.ID] = true
	}
	if len(res.Fonts) == 0 || res.Fonts[0].FontName != "宋体" {
		t.Errorf("fonts = %+v, want 宋体 declared first", res.Fonts)
	}

	sheets, err := layoutInvoice(inv)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != len(sheets) || len(doc.Pages) < 2 {
		t.Fatalf("OFD has %d pages, the layout %d (want several)", len(doc.Pages), len(sheets))
	}
	for _, pg := range doc.Pages {
		var page testOFDPage
		pkg.decode(t, resolve(root.DocRoot, pg.BaseLoc), &page)
		for _, txt := range page.Texts {
			if !fonts[txt.Font] {
				t.Errorf("%s: text %q uses undeclared font %s", pg.BaseLoc, txt.Code.Text, txt.Font)
			}
		}
	}

	ids := map[int]string{}
	maxID := 0
	for _, name := range pkg.names {
		dec := xml.NewDecoder(bytes.NewReader(pkg.entries[name]))
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			start, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			for _, a := range start.Attr {
				if a.Name.Local != "ID" {
					continue
				}
				id, err := strconv.Atoi(a.Value)
				if err != nil {
					t.Errorf("%s: ID %q is not a number", name, a.Value)
					continue
				}
				if prev, dup := ids[id]; dup {
					t.Errorf("ID %d used in %s and again in %s", id, prev, name)
				}
				ids[id] = name
				maxID = max(maxID, id)
			}
		}
	}
	if doc.MaxUnitID != maxID {
		t.Errorf("MaxUnitID = %d, want the largest ID %d", doc.MaxUnitID, maxID)
	}
}

func TestOFDPageCarriesTheInvoiceText(t *testing.T) {
	inv := markupInvoice(t)
	pkg := openOFD(t, inv)
	content := pkg.entry(t, "Doc_0/Pages/Page_0/Content.xml")
	if !bytes.Contains(content, []byte(inv.Number)) {
		t.Errorf("Content.xml lacks the number %s", inv.Number)
	}
	var page testOFDPage
	pkg.decode(t, "Doc_0/Pages/Page_0/Content.xml", &page)
	assertContains(t, "OFD page text", page.text(), inv.Buyer.Name, inv.Seller.Name, inv.Number,
		inv.Lines[0].Name, "¥"+money(inv.Total), inv.TotalInWords(), inv.Remark)
	if len(page.Paths) < 10 {
		t.Errorf("page has %d paths, want the frame rules and the QR code", len(page.Paths))
	}
	for _, txt := range page.Texts {
		if n := len([]rune(txt.Code.Text)); n > 1 && txt.Code.DeltaX == "" {
			t.Errorf("text %q has no DeltaX; its glyphs would float with the reader's font", txt.Code.Text)
		}
	}
}

func TestOFDAttachesTheEInvoiceXML(t *testing.T) {
	inv := seedInvoice(t)
	pkg := openOFD(t, inv)
	var doc testOFDDocument
	pkg.decode(t, "Doc_0/Document.xml", &doc)
	attachsPath := resolve("Doc_0/Document.xml", doc.Attachments)
	var attachs testOFDAttachs
	pkg.decode(t, attachsPath, &attachs)
	if len(attachs.Attachments) != 1 {
		t.Fatalf("attachments = %+v, want the invoice XML", attachs.Attachments)
	}
	var einv parsedEInvoice
	pkg.decode(t, resolve(attachsPath, attachs.Attachments[0].FileLoc), &einv)
	if einv.EIid != inv.Number || einv.Total != "1.00" || einv.BuyerName != inv.Buyer.Name {
		t.Errorf("attached XML = %s %s %s, want the invoice's", einv.EIid, einv.Total, einv.BuyerName)
	}
}

func TestDeltaXFoldsRepeatedAdvances(t *testing.T) {
	if got, want := deltaX([]float64{3.175, 3.175, 3.175, 1.8, 1.8004}), "g 3 3.175 g 2 1.8"; got != want {
		t.Errorf("deltaX = %q, want %q", got, want)
	}
	if got := deltaX(nil); got != "" {
		t.Errorf("deltaX(nil) = %q, want empty", got)
	}
}
