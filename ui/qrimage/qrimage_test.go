package qrimage

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"fapiao/ui/qrimage/qrtest"
)

// The seed's ewm, byte for byte — including the space in "int erfaceCode".
const seedEwm = "qrcode_id=gYyixYMScMK4GQc2LfzqvKVnk33kJHs7p5wnpig3QdYFAdAvmDp7i7Yobk7zzkNM&areaPrefix=5100&int erfaceCode=0004"

func decode(t *testing.T, img image.Image) string {
	t.Helper()
	text, err := qrtest.Decode(img)
	if err != nil {
		t.Fatalf("a QR decoder cannot read the code: %v", err)
	}
	return text
}

func TestPNGDecodesBackToTheExactEwm(t *testing.T) {
	data, err := PNG(seedEwm, 0)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, img); got != seedEwm {
		t.Errorf("decoded %q, want %q", got, seedEwm)
	}
	if b := img.Bounds(); b.Dx() < MinScreenSize || b.Dy() < MinScreenSize {
		t.Errorf("image %v is smaller than %d px", b, MinScreenSize)
	}
}

func TestWhiteQuietZoneAndBlackModules(t *testing.T) {
	img, err := Image(seedEwm, 300)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	// The corners are quiet zone: white, whatever the theme around them.
	for _, p := range []image.Point{b.Min, {b.Max.X - 1, b.Min.Y}, {b.Min.X, b.Max.Y - 1}, {b.Max.X - 1, b.Max.Y - 1}} {
		if !isWhite(img.At(p.X, p.Y)) {
			t.Errorf("corner %v is %v, want white", p, img.At(p.X, p.Y))
		}
	}
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r == 0 && g == 0 && bl == 0 {
				dark++
			}
		}
	}
	if share := float64(dark) / float64(b.Dx()*b.Dy()); share < 0.2 || share > 0.6 {
		t.Errorf("%.0f%% of the pixels are black; a QR code has roughly a third to a half", share*100)
	}
}

func isWhite(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r == 0xffff && g == 0xffff && b == 0xffff
}

func TestTerminalDrawing(t *testing.T) {
	s, err := Terminal("hello")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if len(lines) < 10 || !strings.ContainsAny(s, "▀▄█") {
		t.Errorf("terminal drawing:\n%s", s)
	}
	if _, err := Terminal(""); err == nil {
		t.Error("empty content accepted")
	}
}
