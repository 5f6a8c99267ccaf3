// Package qrimage draws the QR codes a clerk scans off the screen with a
// phone: black modules on white with a quiet zone, whatever the theme, so
// a phone camera reads them in a dark room and from a dark-themed window.
package qrimage

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// MinScreenSize is the smallest edge, in pixels, a QR code is drawn at on
// screen: below that a phone held at arm's length struggles.
const MinScreenSize = 240

// Image draws content as a QR code about size pixels square (never less
// than MinScreenSize), with the standard quiet zone of four modules.
// Medium error correction leaves room for glare on a monitor.
func Image(content string, size int) (image.Image, error) {
	q, err := encode(content)
	if err != nil {
		return nil, err
	}
	return q.Image(max(size, MinScreenSize)), nil
}

// PNG is Image encoded as a PNG file.
func PNG(content string, size int) ([]byte, error) {
	img, err := Image(content, size)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Terminal draws content for a terminal, two modules per character with
// half blocks, light quiet zone included. It reads best on a dark
// background, where the blocks are the light modules.
func Terminal(content string) (string, error) {
	q, err := encode(content)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(q.ToSmallString(false), "\n") + "\n", nil
}

func encode(content string) (*qrcode.QRCode, error) {
	if content == "" {
		return nil, fmt.Errorf("二维码内容为空")
	}
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("生成二维码: %w", err)
	}
	q.DisableBorder = false
	return q, nil
}
