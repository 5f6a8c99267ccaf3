package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"fapiao/app"
)

// maxQRText bounds a QR code's text: the largest QR code holds 2953 bytes.
const maxQRText = 2953

// StartQRLogin asks for a login QR code (loginDppt with ewmlx only). The
// answer holds the ewmid to send back and the code, usually as a base64
// image.
func (c *Client) StartQRLogin(ctx context.Context, kind app.QRLoginKind) (app.QRLogin, error) {
	if err := checkQRLoginKind(kind); err != nil {
		return app.QRLogin{}, err
	}
	f, err := c.loginForm()
	if err != nil {
		return app.QRLogin{}, err
	}
	f.required("ewmlx", strconv.Itoa(int(kind)))
	data, err := c.post(ctx, opLogin, pathLogin, f.values())
	if err != nil {
		return app.QRLogin{}, err
	}
	q, err := decodeQRLoginData(data)
	if err != nil {
		return app.QRLogin{}, transientError(opLogin, "登录二维码应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	q.Kind = kind
	return q, nil
}

// CheckQRLogin asks whether q was scanned and the login completed: code
// 200 means logged in. A refusal that says the code is not scanned or
// confirmed yet means keep waiting (false, nil); any other refusal is an
// error.
func (c *Client) CheckQRLogin(ctx context.Context, q app.QRLogin) (bool, error) {
	if err := checkQRLoginKind(q.Kind); err != nil {
		return false, err
	}
	if strings.TrimSpace(q.ID) == "" {
		return false, required("ewmid", "缺少登录二维码的ID(ewmid),请重新获取二维码")
	}
	f, err := c.loginForm()
	if err != nil {
		return false, err
	}
	f.required("ewmlx", strconv.Itoa(int(q.Kind)))
	f.required("ewmid", q.ID)
	_, err = c.post(ctx, opLogin, pathLogin, f.values())
	switch {
	case err == nil:
		return true, nil
	case qrLoginPending(err):
		return false, nil
	}
	return false, err
}

func checkQRLoginKind(kind app.QRLoginKind) error {
	if kind != app.QRLoginFace && kind != app.QRLoginTaxApp {
		return oneOf("ewmlx", "二维码类型应为人脸二维码登录(1)或税务App扫码登录(10)")
	}
	return nil
}

// pendingWords are how the provider says a QR code is still waiting for
// the phone.
var pendingWords = []string{"未扫", "等待", "未确认", "尚未", "扫码中"}

// qrLoginPending recognizes the refusal that only means "not scanned or
// confirmed yet". It must come from the server with a code: a network
// error or a malformed answer quoting such words is not one, and neither
// are 419 or 420, which ask for something else.
func qrLoginPending(err error) bool {
	var pe *app.ProviderError
	if !errors.As(err, &pe) || pe.Op != opLogin || pe.Code == "" || pe.Kind == app.KindTransient {
		return false
	}
	if pe.Code == codeSMSLogin || pe.Code == codeFaceAuth {
		return false
	}
	for _, w := range pendingWords {
		if strings.Contains(pe.Message, w) {
			return true
		}
	}
	return false
}

// Where StartQRLogin's data may hold the ewmid and the code: the seed does
// not show the shape, so a few spellings are read (case does not matter).
var (
	qrIDNames    = []string{"ewmid", "id"}
	qrImageNames = []string{"ewm", "ewmBase64", "base64", "img", "qrcode", "image"}
)

// decodeQRLoginData reads StartQRLogin's data: an object with the ewmid
// and the QR code as a base64 image (with or without a data: prefix), or
// as the text to encode when it is not an image.
func decodeQRLoginData(data json.RawMessage) (app.QRLogin, error) {
	if !hasData(data) {
		return app.QRLogin{}, errors.New("data 为空")
	}
	fields, err := objectFields(data)
	if err != nil {
		return app.QRLogin{}, errors.New("data " + err.Error())
	}
	id, found, err := lookupText(fields, qrIDNames...)
	switch {
	case err != nil:
		return app.QRLogin{}, err
	case !found:
		return app.QRLogin{}, errors.New("缺少二维码ID(ewmid)")
	}
	code, found, err := lookupText(fields, qrImageNames...)
	switch {
	case err != nil:
		return app.QRLogin{}, err
	case !found:
		return app.QRLogin{}, errors.New("缺少二维码(ewm)")
	}
	q := app.QRLogin{ID: strings.TrimSpace(id)}
	q.Image, q.Content, err = qrImageOrText(code)
	return q, err
}

// qrImageOrText decides whether code is an image in base64 or the text a QR
// code should encode (a URL, "qrcode_id=…"). Base64 that does not decode to
// an image is taken as text too, since short text can happen to be valid
// base64 ("abcd1234"); a data: prefix is a promise of an image and is held
// to it.
func qrImageOrText(code string) (image []byte, text string, err error) {
	trimmed := strings.TrimSpace(code)
	decoded, decodeErr := decodeBase64(trimmed)
	if decodeErr == nil && isImage(decoded) {
		return decoded, "", nil
	}
	if strings.HasPrefix(trimmed, "data:") {
		return nil, "", errors.New("二维码图片无法解码")
	}
	if !looksLikeQRText(trimmed) {
		return nil, "", errors.New("二维码既不是图片也不是可编码的文本")
	}
	return nil, trimmed, nil
}

// isImage reports raster formats by their magic bytes, and SVG.
func isImage(b []byte) bool {
	if strings.HasPrefix(http.DetectContentType(b), "image/") {
		return true
	}
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.Contains(head, "<svg")
}

// looksLikeQRText accepts printable UTF-8 short enough for a QR code.
func looksLikeQRText(s string) bool {
	if s == "" || len(s) > maxQRText || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}
