package ui

import (
	"image"
	"testing"

	"fapiao/ui/qrimage/qrtest"
)

// decodeQR reads the QR code in img as a phone would, or fails the test.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	if img == nil {
		t.Fatal("no image to decode")
	}
	text, err := qrtest.Decode(img)
	if err != nil {
		t.Fatalf("unreadable QR code: %v", err)
	}
	return text
}
