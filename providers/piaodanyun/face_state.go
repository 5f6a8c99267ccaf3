package piaodanyun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

const (
	opFaceState = "queryFaceAuthState"
	// Note fullApplets: this call is not under fullExteriorInvoke.
	pathFaceState = "/qdjk/fullApplets/queryFaceAuthState"
)

// FaceAuthNeeded asks the bureau whether the clerk must scan a face-auth QR
// code before issuing (Sfsl = Y).
func (c *Client) FaceAuthNeeded(ctx context.Context) (bool, error) {
	f := form{}
	f.required("nsrsbh", c.cfg.SellerTaxID)
	f.required("username", c.cfg.Username)
	data, err := c.post(ctx, opFaceState, pathFaceState, f.values())
	if err != nil {
		return false, err
	}
	needed, err := decodeFaceState(data)
	if err != nil {
		return false, transientError(opFaceState, "人脸认证状态应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	return needed, nil
}

// decodeFaceState reads queryFaceAuthState's data: base64 (standard or URL
// alphabet, padded or not) of a JSON object such as
// {"Yjjb":"01","Sxlb":"3","Sfsl":"Y","ItsScanFlag":"N"}, or that object
// itself, as an object or as a string. Sfsl (是否扫脸) Y means a scan is
// needed and N that none is; anything else is an error, never a guess: a
// wrong "no" would let issuing fail at the bureau, a wrong "yes" would
// spend one of the day's QR codes.
func decodeFaceState(data json.RawMessage) (bool, error) {
	if !hasData(data) {
		return false, errors.New("data 为空")
	}
	object, err := faceStateObject(bytes.TrimSpace(data))
	if err != nil {
		return false, err
	}
	flag, found, err := lookupText(object, "Sfsl")
	switch {
	case err != nil:
		return false, err
	case !found:
		return false, errors.New("缺少是否扫脸(Sfsl)")
	}
	flag = strings.TrimSpace(flag)
	switch strings.ToUpper(flag) {
	case "Y":
		return true, nil
	case "N":
		return false, nil
	}
	return false, fmt.Errorf("是否扫脸(Sfsl)的值 %q 无法识别,应为 Y 或 N", clip(flag))
}

// faceStateObject returns the members of the JSON object data holds,
// decoding a string from base64 unless it is already JSON text.
func faceStateObject(data []byte) ([]field, error) {
	raw := data
	if data[0] == '"' {
		var text string
		if err := json.Unmarshal(data, &text); err != nil {
			return nil, errors.New("data 不是有效的JSON字符串")
		}
		raw = []byte(strings.TrimSpace(text))
		if !bytes.HasPrefix(raw, []byte("{")) {
			decoded, err := decodeBase64(string(raw))
			if err != nil {
				return nil, errors.New("data 既不是base64也不是JSON对象")
			}
			raw = decoded
		}
	}
	fields, err := objectFields(raw)
	if err != nil {
		return nil, errors.New("人脸认证状态" + err.Error())
	}
	return fields, nil
}
