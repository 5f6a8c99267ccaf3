package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fapiao/app"
)

const (
	opFaceQR   = "getFaceImg"
	pathFaceQR = "/qdjk/fullExteriorInvoke/getFaceImg"
)

// NewFaceQR asks the bureau for a face-authentication QR code to scan with
// faceApp. The bureau issues at most one a minute and 20 a day, so every
// call counts: the caller (app.FaceAuthService) reuses the current code.
func (c *Client) NewFaceQR(ctx context.Context, faceApp app.FaceApp) (app.FaceQR, error) {
	if faceApp != app.FaceAppTax && faceApp != app.FaceAppIncomeTax {
		return app.FaceQR{}, oneOf("type", "扫码App应为电子税务局(1)或个人所得税(2)")
	}
	q := form{}
	q.required("nsrsbh", c.cfg.SellerTaxID)
	q.required("type", strconv.Itoa(int(faceApp)))
	q.required("username", c.cfg.Username)
	data, err := c.get(ctx, opFaceQR, pathFaceQR, q.values())
	if err != nil {
		return app.FaceQR{}, err
	}
	authID, content, err := decodeFaceQRData(data)
	if err != nil {
		// The bureau may have counted this code against the daily limit:
		// transient, and the message says what was wrong with it.
		return app.FaceQR{}, transientError(opFaceQR, "人脸认证二维码应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	return app.FaceQR{AuthID: authID, Content: content, App: faceApp, IssuedAt: c.now()}, nil
}

// faceQRData is getFaceImg's data: {rzid, nsrsbh, ewm, slzt, emwly}. Only
// rzid and ewm are used; ewm is a plain string so that it is kept exactly
// as sent (flexString would trim it).
type faceQRData struct {
	Rzid flexString `json:"rzid"`
	Ewm  *string    `json:"ewm"`
}

// decodeFaceQRData reads the authentication ID and the text to draw as a QR
// code. The text is returned byte for byte: the seed's own example holds a
// space ("int erfaceCode") that the bureau's app may well expect.
func decodeFaceQRData(data json.RawMessage) (authID, content string, err error) {
	if !hasData(data) {
		return "", "", errors.New("data 为空")
	}
	var d faceQRData
	if err := json.Unmarshal(data, &d); err != nil {
		return "", "", fmt.Errorf("data 无法解析(%v)", err)
	}
	switch {
	case d.Rzid.String() == "":
		return "", "", errors.New("缺少认证ID(rzid)")
	case d.Ewm == nil || strings.TrimSpace(*d.Ewm) == "":
		return "", "", errors.New("缺少二维码内容(ewm)")
	}
	return d.Rzid.String(), *d.Ewm, nil
}
