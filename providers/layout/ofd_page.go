package layout

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
)

type ofdPage struct {
	XMLName xml.Name `xml:"ofd:Page"`
	NS      string   `xml:"xmlns:ofd,attr"`
	Area    ofdArea  `xml:"ofd:Area"`
	Layer   ofdLayer `xml:"ofd:Content>ofd:Layer"`
}

type ofdLayer struct {
	ID      int    `xml:"ID,attr"`
	Type    string `xml:"Type,attr"`
	Objects []any  // *ofdPath and *ofdText, each named by its XMLName
}

type ofdColor struct {
	Value string `xml:"Value,attr"`
}

type ofdPath struct {
	XMLName         xml.Name  `xml:"ofd:PathObject"`
	ID              int       `xml:"ID,attr"`
	Boundary        string    `xml:"Boundary,attr"`
	LineWidth       string    `xml:"LineWidth,attr,omitempty"`
	Stroke          bool      `xml:"Stroke,attr"`
	Fill            bool      `xml:"Fill,attr"`
	StrokeColor     *ofdColor `xml:"ofd:StrokeColor"`
	FillColor       *ofdColor `xml:"ofd:FillColor"`
	AbbreviatedData string    `xml:"ofd:AbbreviatedData"`
}

type ofdText struct {
	XMLName   xml.Name    `xml:"ofd:TextObject"`
	ID        int         `xml:"ID,attr"`
	Boundary  string      `xml:"Boundary,attr"`
	Font      int         `xml:"Font,attr"`
	Size      string      `xml:"Size,attr"`
	FillColor *ofdColor   `xml:"ofd:FillColor"`
	TextCode  ofdTextCode `xml:"ofd:TextCode"`
}

type ofdTextCode struct {
	X      string `xml:"X,attr"`
	Y      string `xml:"Y,attr"`
	DeltaX string `xml:"DeltaX,attr,omitempty"`
	Text   string `xml:",chardata"`
}

// newOFDPage converts a sheet to a page's Content.xml: rules and circles as
// stroked paths, the QR code as one filled path, then the text runs.
func newOFDPage(fonts *[faceCount]fontFile, s *sheet, fontIDs [faceCount]int, ids *idCounter) ofdPage {
	page := ofdPage{NS: ofdNS, Area: ofdArea{PhysicalBox: box(0, 0, pageWidth, pageHeight)}}
	page.Layer = ofdLayer{ID: ids.next(), Type: "Body"}
	add := func(o any) { page.Layer.Objects = append(page.Layer.Objects, o) }
	for _, l := range s.lines {
		add(ofdLine(ids.next(), l))
	}
	for _, c := range s.circles {
		add(ofdCircle(ids.next(), c))
	}
	if len(s.rects) > 0 {
		add(ofdRects(ids.next(), s.rects))
	}
	for _, t := range s.texts {
		add(ofdTextRun(fonts, ids.next(), t, fontIDs[t.face]))
	}
	return page
}

func ofdLine(id int, l lineItem) *ofdPath {
	pad := l.width
	x, y := math.Min(l.x1, l.x2)-pad, math.Min(l.y1, l.y2)-pad
	w, h := math.Abs(l.x2-l.x1)+2*pad, math.Abs(l.y2-l.y1)+2*pad
	return &ofdPath{
		ID: id, Boundary: box(x, y, w, h), LineWidth: num(l.width), Stroke: true,
		StrokeColor:     color(l.color),
		AbbreviatedData: "M " + point(l.x1-x, l.y1-y) + " L " + point(l.x2-x, l.y2-y),
	}
}

// ofdCircle draws a circle as four cubic Bézier quarters.
func ofdCircle(id int, c circleItem) *ofdPath {
	pad := c.width
	x, y := c.cx-c.r-pad, c.cy-c.r-pad
	cx, cy, r := c.r+pad, c.r+pad, c.r
	k := r * 0.5523 // control distance for a quarter circle
	data := strings.Join([]string{
		"M", point(cx+r, cy),
		"B", point(cx+r, cy+k), point(cx+k, cy+r), point(cx, cy+r),
		"B", point(cx-k, cy+r), point(cx-r, cy+k), point(cx-r, cy),
		"B", point(cx-r, cy-k), point(cx-k, cy-r), point(cx, cy-r),
		"B", point(cx+k, cy-r), point(cx+r, cy-k), point(cx+r, cy),
		"C",
	}, " ")
	return &ofdPath{
		ID: id, Boundary: box(x, y, 2*cx, 2*cy), LineWidth: num(c.width), Stroke: true,
		StrokeColor: color(c.color), AbbreviatedData: data,
	}
}

// ofdRects draws filled rectangles (the QR code's modules) as one path.
func ofdRects(id int, rects []rectItem) *ofdPath {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, r := range rects {
		minX, minY = math.Min(minX, r.x), math.Min(minY, r.y)
		maxX, maxY = math.Max(maxX, r.x+r.w), math.Max(maxY, r.y+r.h)
	}
	var b strings.Builder
	for _, r := range rects {
		x, y := r.x-minX, r.y-minY
		fmt.Fprintf(&b, "M %s L %s L %s L %s C ",
			point(x, y), point(x+r.w, y), point(x+r.w, y+r.h), point(x, y+r.h))
	}
	return &ofdPath{
		ID: id, Boundary: box(minX, minY, maxX-minX, maxY-minY), Fill: true,
		FillColor: color(rects[0].color), AbbreviatedData: strings.TrimSpace(b.String()),
	}
}

// ofdTextRun places a run with its baseline where the sheet put it. DeltaX
// pins every glyph to the advance measured in the font the PDF embeds.
func ofdTextRun(fonts *[faceCount]fontFile, id int, t textItem, fontID int) *ofdText {
	size := t.size * mmPerPt
	var deltas []float64
	width := 0.0
	for _, r := range t.text {
		adv := fonts[t.face].glyphs[r] * size
		deltas = append(deltas, adv)
		width += adv
	}
	if len(deltas) > 0 {
		deltas = deltas[:len(deltas)-1] // DeltaX spaces glyphs: one fewer than there are
	}
	top := t.y - size
	return &ofdText{
		ID: id, Boundary: box(t.x, top, width, size*1.35), Font: fontID, Size: num(size),
		FillColor: color(t.color),
		TextCode: ofdTextCode{X: "0", Y: num(size), DeltaX: deltaX(deltas),
			Text: t.text},
	}
}

// deltaX writes glyph advances, folding repeats into OFD's "g count value".
func deltaX(deltas []float64) string {
	var parts []string
	for i := 0; i < len(deltas); {
		j := i
		for j < len(deltas) && num(deltas[j]) == num(deltas[i]) {
			j++
		}
		if j-i > 1 {
			parts = append(parts, "g", strconv.Itoa(j-i), num(deltas[i]))
		} else {
			parts = append(parts, num(deltas[i]))
		}
		i = j
	}
	return strings.Join(parts, " ")
}

// num writes a length in mm to a thousandth, without trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func point(x, y float64) string { return num(x) + " " + num(y) }

func box(x, y, w, h float64) string { return point(x, y) + " " + point(w, h) }

func color(c rgb) *ofdColor {
	return &ofdColor{Value: fmt.Sprintf("%d %d %d", c.r, c.g, c.b)}
}
