package layout

import (
	"fmt"

	"github.com/signintech/gopdf"

	"fapiao/app"
)

// renderPDF writes sheets as a PDF through gopdf. gopdf embeds only the
// glyphs used (subset fonts) and writes ToUnicode maps, so the file is small
// and its text can be searched and extracted.
func renderPDF(inv app.Invoice, sheets []*sheet) ([]byte, error) {
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{Unit: gopdf.UnitMM, PageSize: gopdf.Rect{W: pageWidth, H: pageHeight}})
	pdf.SetInfo(gopdf.PdfInfo{
		Title:        title(inv.Type) + " " + inv.Number,
		Subject:      inv.Seller.Name + " → " + inv.Buyer.Name,
		Creator:      "Fapiao",
		CreationDate: inv.IssuedAt,
	})
	for _, f := range fonts {
		if err := pdf.AddTTFFontData(f.family, f.data); err != nil {
			return nil, fmt.Errorf("layout: PDF font %s: %w", f.family, err)
		}
	}
	for _, s := range sheets {
		pdf.AddPage()
		if err := drawPDFPage(pdf, &fonts, s); err != nil {
			return nil, err
		}
	}
	out, err := pdf.GetBytesPdfReturnErr()
	if err != nil {
		return nil, fmt.Errorf("layout: PDF: %w", err)
	}
	return out, nil
}

func drawPDFPage(pdf *gopdf.GoPdf, fonts *[faceCount]fontFile, s *sheet) error {
	for _, l := range s.lines {
		pdf.SetStrokeColor(l.color.r, l.color.g, l.color.b)
		pdf.SetLineWidth(l.width)
		pdf.Line(l.x1, l.y1, l.x2, l.y2)
	}
	for _, c := range s.circles {
		pdf.SetStrokeColor(c.color.r, c.color.g, c.color.b)
		pdf.SetLineWidth(c.width)
		pdf.Oval(c.cx-c.r, c.cy-c.r, c.cx+c.r, c.cy+c.r)
	}
	for _, r := range s.rects {
		pdf.SetFillColor(r.color.r, r.color.g, r.color.b)
		pdf.RectFromUpperLeftWithStyle(r.x, r.y, r.w, r.h, "F")
	}
	for _, t := range s.texts {
		if err := pdf.SetFont(fonts[t.face].family, "", t.size); err != nil {
			return fmt.Errorf("layout: PDF font: %w", err)
		}
		pdf.SetTextColor(t.color.r, t.color.g, t.color.b)
		pdf.SetXY(t.x, t.y)
		if err := pdf.Text(t.text); err != nil {
			return fmt.Errorf("layout: PDF text %q: %w", t.text, err)
		}
	}
	return nil
}
