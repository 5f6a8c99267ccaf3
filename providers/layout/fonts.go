package layout

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/signintech/gopdf/fontmaker/core"

	"fapiao/assets"
)

// The Latin faces are Fyne's Noto Sans cut down to Basic Latin, Latin-1 and
// general punctuation (see fonts/NOTICE.md). Droid Sans Fallback, the only
// CJK font the app ships, has no digits, ASCII letters or ¥, so every string
// is written as runs: each rune in the first face that has a glyph for it.
//
//go:embed fonts/NotoSans-Regular-Latin.ttf
var latinRegularTTF []byte

//go:embed fonts/NotoSans-Bold-Latin.ttf
var latinBoldTTF []byte

// face is one of the fonts an invoice is written in.
type face int

const (
	faceCJK face = iota
	faceLatin
	faceLatinBold
	faceCount
)

// fontFile is a face's TrueType data and the metrics layout needs from it.
type fontFile struct {
	family string // the name the face is registered under in a PDF
	data   []byte
	glyphs map[rune]float64 // advance width in em, for every rune the face has
}

var (
	fontsOnce sync.Once
	fontFiles [faceCount]fontFile
	fontsErr  error
)

// loadFonts parses the three faces once per process: metrics are a property
// of the font files, shared by every document and both page formats.
func loadFonts() ([faceCount]fontFile, error) {
	fontsOnce.Do(func() {
		sources := [faceCount]struct {
			family string
			data   []byte
		}{
			faceCJK:       {"DroidSansFallback", assets.CJKFontTTF},
			faceLatin:     {"NotoSans", latinRegularTTF},
			faceLatinBold: {"NotoSansBold", latinBoldTTF},
		}
		for f, src := range sources {
			glyphs, err := glyphAdvances(src.data)
			if err != nil {
				fontsErr = fmt.Errorf("layout: font %s: %w", src.family, err)
				return
			}
			fontFiles[f] = fontFile{family: src.family, data: src.data, glyphs: glyphs}
		}
	})
	return fontFiles, fontsErr
}

// glyphAdvances maps each rune the font covers to its advance width in em.
func glyphAdvances(data []byte) (map[rune]float64, error) {
	var p core.TTFParser
	if err := p.ParseFontData(data); err != nil {
		return nil, err
	}
	widths, em := p.Widths(), float64(p.UnitsPerEm())
	glyphs := make(map[rune]float64, len(p.Chars()))
	for code, glyph := range p.Chars() {
		if glyph == 0 || int(glyph) >= len(widths) {
			continue // .notdef or a broken cmap entry: not a real glyph
		}
		glyphs[rune(code)] = float64(widths[glyph]) / em
	}
	return glyphs, nil
}

// run is a piece of text written in one face.
type run struct {
	face face
	text string
}

// faceFor picks the face a rune is written in: the Latin face when it has
// the glyph (digits, letters, ¥, ASCII punctuation), else the CJK face. A
// rune neither face has becomes a visible '?' rather than silently vanishing.
func faceFor(fonts *[faceCount]fontFile, r rune, bold bool) (face, rune) {
	latin := faceLatin
	if bold {
		latin = faceLatinBold
	}
	if _, ok := fonts[latin].glyphs[r]; ok {
		return latin, r
	}
	if _, ok := fonts[faceCJK].glyphs[r]; ok {
		return faceCJK, r
	}
	return latin, '?'
}

// splitRuns cuts s into maximal runs of one face.
func splitRuns(fonts *[faceCount]fontFile, s string, bold bool) []run {
	var runs []run
	var b strings.Builder
	current := face(-1)
	for _, r := range s {
		f, glyph := faceFor(fonts, r, bold)
		if f != current && b.Len() > 0 {
			runs = append(runs, run{current, b.String()})
			b.Reset()
		}
		current = f
		b.WriteRune(glyph)
	}
	if b.Len() > 0 {
		runs = append(runs, run{current, b.String()})
	}
	return runs
}

// advance is the width of a run's text in em.
func (r run) advance(fonts *[faceCount]fontFile) float64 {
	var em float64
	for _, c := range r.text {
		em += fonts[r.face].glyphs[c]
	}
	return em
}
