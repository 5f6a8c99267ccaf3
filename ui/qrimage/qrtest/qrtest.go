// Package qrtest reads QR codes back in tests, as a phone would: proof that
// what the app draws can be scanned. Only tests import it.
package qrtest

import (
	"image"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// Decode reads the QR code in img. A drawn code alone is read as a pure
// barcode first: gozxing's general detector misses about one random code in
// a hundred, which would make tests flaky; a whole window or an image the
// pure reader rejects is then read with the general detector, trying harder.
func Decode(img image.Image) (string, error) {
	var err error
	for _, hint := range []gozxing.DecodeHintType{gozxing.DecodeHintType_PURE_BARCODE, gozxing.DecodeHintType_TRY_HARDER} {
		var bmp *gozxing.BinaryBitmap
		if bmp, err = gozxing.NewBinaryBitmapFromImage(img); err != nil {
			return "", err
		}
		var res *gozxing.Result
		if res, err = gozxingqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{hint: true}); err == nil {
			return res.GetText(), nil
		}
	}
	return "", err
}
