package layout

import "strings"

// A sheet is one page drawn in page coordinates: millimetres from the
// top-left corner, text placed by its baseline. Both PDF and OFD use this
// model (OFD natively, PDF through gopdf), so the two files carry the same
// content in the same places, and layout decisions are made once.
type sheet struct {
	fonts   *[faceCount]fontFile
	texts   []textItem
	lines   []lineItem
	rects   []rectItem
	circles []circleItem
}

// mmPerPt converts font sizes (points) to page units (millimetres).
const mmPerPt = 25.4 / 72

// rgb is a colour.
type rgb struct{ r, g, b uint8 }

var (
	ink = rgb{0, 0, 0}
	// bureauRed is the brownish red the bureau prints titles, labels and
	// frames in; the data itself is black.
	bureauRed = rgb{156, 74, 44}
)

// style is how a piece of text is written.
type style struct {
	size  float64 // points
	bold  bool    // only the Latin face has a bold cut
	color rgb
}

// textItem is one run: text in one face at a baseline.
type textItem struct {
	x, y  float64 // start of the baseline, mm
	size  float64 // points
	face  face
	color rgb
	text  string
}

type lineItem struct {
	x1, y1, x2, y2 float64
	width          float64
	color          rgb
}

// rectItem is a filled rectangle (the QR code's modules).
type rectItem struct {
	x, y, w, h float64
	color      rgb
}

// circleItem is a stroked circle (the ⊗ before the capital total, which no
// bundled font has a glyph for).
type circleItem struct {
	cx, cy, r float64
	width     float64
	color     rgb
}

// alignment of text between two x positions.
type alignment int

const (
	alignLeft alignment = iota
	alignCenter
	alignRight
)

func newSheet(fonts *[faceCount]fontFile) *sheet { return &sheet{fonts: fonts} }

// width is the length of s written in st, in mm.
func (s *sheet) width(text string, st style) float64 {
	var em float64
	for _, r := range splitRuns(s.fonts, text, st.bold) {
		em += r.advance(s.fonts)
	}
	return em * st.size * mmPerPt
}

// write puts text on the baseline y starting at x, run by run, and returns
// the width written.
func (s *sheet) write(x, y float64, text string, st style) float64 {
	start := x
	for _, r := range splitRuns(s.fonts, text, st.bold) {
		s.texts = append(s.texts, textItem{x: x, y: y, size: st.size, face: r.face, color: st.color, text: r.text})
		x += r.advance(s.fonts) * st.size * mmPerPt
	}
	return x - start
}

// writeAligned puts text on the baseline y between left and right.
func (s *sheet) writeAligned(left, right, y float64, text string, st style, a alignment) {
	x := left
	switch a {
	case alignCenter:
		x = (left + right - s.width(text, st)) / 2
	case alignRight:
		x = right - s.width(text, st)
	}
	s.write(x, y, text, st)
}

// fit shrinks st in half points until text fits in maxWidth, down to minSize.
func (s *sheet) fit(text string, maxWidth float64, st style, minSize float64) style {
	for st.size > minSize && s.width(text, st) > maxWidth {
		st.size -= 0.5
	}
	return st
}

// wrap breaks text into lines no wider than maxWidth. Chinese text may break
// between any two characters, as invoices do; explicit newlines are kept.
func (s *sheet) wrap(text string, maxWidth float64, st style) []string {
	var out []string
	for _, paragraph := range strings.Split(text, "\n") {
		out = append(out, s.wrapParagraph(paragraph, maxWidth, st)...)
	}
	return out
}

func (s *sheet) wrapParagraph(text string, maxWidth float64, st style) []string {
	var lines []string
	var line []rune
	var lineWidth float64
	for _, r := range text {
		w := s.width(string(r), st)
		if len(line) > 0 && lineWidth+w > maxWidth {
			lines = append(lines, string(line))
			line, lineWidth = line[:0], 0
		}
		line = append(line, r)
		lineWidth += w
	}
	return append(lines, string(line))
}

// verticalLabel writes text one character per line, centred in the column
// between left and right and in the band between top and bottom, the way
// the invoice labels its side columns (购买方信息, 备注).
func (s *sheet) verticalLabel(left, right, top, bottom float64, text string, st style) {
	chars := []rune(text)
	step := st.size * mmPerPt * 1.25
	y := (top+bottom-step*float64(len(chars)))/2 + step*0.8
	for _, c := range chars {
		s.writeAligned(left, right, y, string(c), st, alignCenter)
		y += step
	}
}

func (s *sheet) line(x1, y1, x2, y2, width float64, c rgb) {
	s.lines = append(s.lines, lineItem{x1, y1, x2, y2, width, c})
}

func (s *sheet) rect(x, y, w, h float64, c rgb) {
	s.rects = append(s.rects, rectItem{x, y, w, h, c})
}

func (s *sheet) circle(cx, cy, r, width float64, c rgb) {
	s.circles = append(s.circles, circleItem{cx, cy, r, width, c})
}
