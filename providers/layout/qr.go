package layout

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// drawQR draws content as a QR code of side size mm with its top-left corner
// at (x, y). It is drawn as vector rectangles, not an image, so it stays
// sharp at any zoom or print resolution, costs a few hundred bytes, and is
// the same object in PDF and OFD.
func (s *sheet) drawQR(x, y, size float64, content string) error {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("layout: QR code: %w", err)
	}
	q.DisableBorder = true // the page margin is the quiet zone
	bits := q.Bitmap()
	module := size / float64(len(bits))
	// A hair of overlap keeps renderers' anti-aliasing from drawing seams
	// between adjacent modules.
	const overlap = 0.02
	for row, line := range bits {
		for col := 0; col < len(line); {
			if !line[col] {
				col++
				continue
			}
			start := col
			for col < len(line) && line[col] {
				col++
			}
			s.rect(x+float64(start)*module, y+float64(row)*module,
				float64(col-start)*module+overlap, module+overlap, ink)
		}
	}
	return nil
}
