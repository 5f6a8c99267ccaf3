package layout

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strconv"

	"fapiao/app"
)

// ofdNS is the OFD namespace (GB/T 33190-2016). encoding/xml cannot declare
// prefixes, so elements are named "ofd:…" literally and the root carries the
// xmlns:ofd attribute itself; a namespace-aware reader sees the same thing.
const ofdNS = "http://www.ofdspec.org/2016"

// Paths inside the package. The EInvoice XML is attached the way the
// bureau's OFD files carry it.
const (
	ofdRootPath       = "OFD.xml"
	ofdDocPath        = "Doc_0/Document.xml"
	ofdPublicResPath  = "Doc_0/PublicRes.xml"
	ofdAttachsPath    = "Doc_0/Attachs/Attachs.xml"
	ofdAttachmentName = "original_invoice"
	ofdAttachmentPath = "Doc_0/Attachs/" + ofdAttachmentName + ".xml"
)

func ofdPagePath(i int) string { return fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i) }

type ofdRoot struct {
	XMLName xml.Name   `xml:"ofd:OFD"`
	NS      string     `xml:"xmlns:ofd,attr"`
	Version string     `xml:"Version,attr"`
	DocType string     `xml:"DocType,attr"`
	DocBody ofdDocBody `xml:"ofd:DocBody"`
}

type ofdDocBody struct {
	DocInfo ofdDocInfo `xml:"ofd:DocInfo"`
	DocRoot string     `xml:"ofd:DocRoot"`
}

type ofdDocInfo struct {
	DocID        string          `xml:"ofd:DocID"`
	Title        string          `xml:"ofd:Title"`
	Author       string          `xml:"ofd:Author"`
	CreationDate string          `xml:"ofd:CreationDate"`
	Creator      string          `xml:"ofd:Creator"`
	CustomDatas  []ofdCustomData `xml:"ofd:CustomDatas>ofd:CustomData"`
}

type ofdCustomData struct {
	Name  string `xml:"Name,attr"`
	Value string `xml:",chardata"`
}

type ofdDocument struct {
	XMLName     xml.Name      `xml:"ofd:Document"`
	NS          string        `xml:"xmlns:ofd,attr"`
	CommonData  ofdCommonData `xml:"ofd:CommonData"`
	Pages       []ofdPageRef  `xml:"ofd:Pages>ofd:Page"`
	Attachments string        `xml:"ofd:Attachments"`
}

type ofdCommonData struct {
	MaxUnitID int     `xml:"ofd:MaxUnitID"`
	PageArea  ofdArea `xml:"ofd:PageArea"`
	PublicRes string  `xml:"ofd:PublicRes"`
}

type ofdArea struct {
	PhysicalBox string `xml:"ofd:PhysicalBox"`
}

type ofdPageRef struct {
	ID      int    `xml:"ID,attr"`
	BaseLoc string `xml:"BaseLoc,attr"`
}

type ofdRes struct {
	XMLName xml.Name  `xml:"ofd:Res"`
	NS      string    `xml:"xmlns:ofd,attr"`
	BaseLoc string    `xml:"BaseLoc,attr"`
	Fonts   []ofdFont `xml:"ofd:Fonts>ofd:Font"`
}

type ofdFont struct {
	ID         int    `xml:"ID,attr"`
	FontName   string `xml:"FontName,attr"`
	FamilyName string `xml:"FamilyName,attr"`
	Bold       bool   `xml:"Bold,attr,omitempty"`
}

type ofdAttachments struct {
	XMLName     xml.Name        `xml:"ofd:Attachments"`
	NS          string          `xml:"xmlns:ofd,attr"`
	Attachments []ofdAttachment `xml:"ofd:Attachment"`
}

type ofdAttachment struct {
	ID           int    `xml:"ID,attr"`
	Name         string `xml:"Name,attr"`
	Format       string `xml:"Format,attr"`
	CreationDate string `xml:"CreationDate,attr"`
	Size         string `xml:"Size,attr"` // KB
	Visible      bool   `xml:"Visible,attr"`
	FileLoc      string `xml:"ofd:FileLoc"`
}

// ofdFonts declares the faces by name only, as the bureau's files do: the
// reader supplies 宋体 for Chinese. Latin runs are positioned glyph by glyph
// (DeltaX), so a substitute Latin font cannot shift the layout.
var ofdFonts = [faceCount]ofdFont{
	faceCJK:       {FontName: "宋体", FamilyName: "宋体"},
	faceLatin:     {FontName: "Arial", FamilyName: "Arial"},
	faceLatinBold: {FontName: "Arial", FamilyName: "Arial", Bold: true},
}

// idCounter hands out the document's unit IDs; the last one is MaxUnitID.
type idCounter int

func (c *idCounter) next() int { *c++; return int(*c) }

// renderOFD packs sheets and the EInvoice XML into an OFD package.
func renderOFD(inv app.Invoice, sheets []*sheet, einvoice []byte) ([]byte, error) {
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	var ids idCounter
	res := ofdRes{NS: ofdNS, BaseLoc: "Res"}
	var fontIDs [faceCount]int
	for f, font := range ofdFonts {
		font.ID = ids.next()
		fontIDs[f] = font.ID
		res.Fonts = append(res.Fonts, font)
	}

	doc := ofdDocument{NS: ofdNS, Attachments: "Attachs/Attachs.xml"}
	doc.CommonData.PageArea.PhysicalBox = box(0, 0, pageWidth, pageHeight)
	doc.CommonData.PublicRes = "PublicRes.xml"
	parts := []ofdPart{{ofdRootPath, newOFDRoot(inv)}, {ofdDocPath, &doc}, {ofdPublicResPath, res}}
	for i, s := range sheets {
		pageID := ids.next()
		doc.Pages = append(doc.Pages, ofdPageRef{ID: pageID, BaseLoc: fmt.Sprintf("Pages/Page_%d/Content.xml", i)})
		parts = append(parts, ofdPart{ofdPagePath(i), newOFDPage(&fonts, s, fontIDs, &ids)})
	}
	attachs := ofdAttachments{NS: ofdNS, Attachments: []ofdAttachment{{
		ID: ids.next(), Name: ofdAttachmentName, Format: "xml",
		CreationDate: chinaTime(inv.IssuedAt).Format("2006-01-02T15:04:05"),
		Size:         strconv.FormatFloat(float64(len(einvoice))/1024, 'f', 2, 64),
		FileLoc:      ofdAttachmentName + ".xml",
	}}}
	parts = append(parts, ofdPart{ofdAttachsPath, attachs})
	// Every ID is handed out by now; doc is a pointer so this reaches the part.
	doc.CommonData.MaxUnitID = int(ids)
	return zipOFD(inv, parts, einvoice)
}

// ofdPart is one XML file of the package, marshalled when zipped.
type ofdPart struct {
	path string
	doc  any
}

func newOFDRoot(inv app.Invoice) ofdRoot {
	sum := sha256.Sum256([]byte("fapiao-ofd:" + inv.Number))
	issued := chinaTime(inv.IssuedAt)
	return ofdRoot{
		NS: ofdNS, Version: "1.0", DocType: "OFD",
		DocBody: ofdDocBody{
			DocInfo: ofdDocInfo{
				DocID:        hex.EncodeToString(sum[:16]),
				Title:        title(inv.Type),
				Author:       inv.Seller.Name,
				CreationDate: issued.Format("2006-01-02"),
				Creator:      "Fapiao",
				CustomDatas: []ofdCustomData{
					{"发票号码", inv.Number},
					{"开票日期", printedDate(inv.IssuedAt)},
					{"合计金额", money(inv.TotalAmount)},
					{"合计税额", money(inv.TotalTax)},
					{"价税合计", money(inv.Total)},
					{"销售方纳税人识别号", inv.Seller.TaxID},
					{"购买方纳税人识别号", inv.Buyer.TaxID},
				},
			},
			DocRoot: ofdDocPath,
		},
	}
}

// zipOFD writes the package: the XML parts in order, then the attachment.
func zipOFD(inv app.Invoice, parts []ofdPart, einvoice []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(path string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: path, Method: zip.Deflate, Modified: inv.IssuedAt})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	for _, p := range parts {
		body, err := xml.Marshal(p.doc)
		if err != nil {
			return nil, fmt.Errorf("layout: OFD %s: %w", p.path, err)
		}
		if err := add(p.path, append([]byte(xml.Header), body...)); err != nil {
			return nil, fmt.Errorf("layout: OFD %s: %w", p.path, err)
		}
	}
	if err := add(ofdAttachmentPath, einvoice); err != nil {
		return nil, fmt.Errorf("layout: OFD %s: %w", ofdAttachmentPath, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("layout: OFD: %w", err)
	}
	return buf.Bytes(), nil
}
