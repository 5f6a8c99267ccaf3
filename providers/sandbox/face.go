package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// The apps a face QR code is made for (getFaceImg's type) and the emwly
// the bureau answers for each.
const (
	faceAppTax       = "swj"   // type 1 or absent: 电子税务局 app
	faceAppIncomeTax = "grsds" // type 2: 个人所得税 app
)

// faceImgData is getFaceImg's answer, key for key as in seed 001.
type faceImgData struct {
	AuthID string  `json:"rzid"`
	TaxID  string  `json:"nsrsbh"`
	QR     string  `json:"ewm"`
	State  *string `json:"slzt"` // always null
	App    string  `json:"emwly"`
}

// faceAuthState is queryFaceAuthState's answer before base64, key for key
// as in seed 001. Only Sfsl (是否扫脸) varies: Y when a scan is needed.
type faceAuthState struct {
	Yjjb        string `json:"Yjjb"`
	Sxlb        string `json:"Sxlb"`
	Sfsl        string `json:"Sfsl"`
	ItsScanFlag string `json:"ItsScanFlag"`
}

// handleGetFaceImg issues a face-authentication QR code for the seller,
// within the bureau's limits of one a minute and 20 a day.
func (s *Server) handleGetFaceImg(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	taxID, err := sellerParams(query)
	if err != nil {
		writeRefusal(w, err.Error())
		return
	}
	if _, ok := s.sessionReady(w, r, taxID, needLogin); !ok {
		return
	}
	qrApp, err := faceApp(field(query, "type"))
	if err != nil {
		writeRefusal(w, err.Error())
		return
	}
	now := s.now()
	q := faceQR{AuthID: newUUIDHex(), TaxID: taxID, App: qrApp, Content: faceQRContent(taxID),
		IssuedAt: now, ExpiresAt: now.Add(s.opts.FaceQRLifetime)}
	if err := s.saveFaceQR(r.Context(), q); err != nil {
		if errors.Is(err, errFaceQRTooSoon) || errors.Is(err, errFaceQRDailyLimit) {
			writeRefusal(w, err.Error())
			return
		}
		s.log.Error("getFaceImg store", "nsrsbh", taxID, "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "获取人脸二维码失败:税局系统内部错误")
		return
	}
	s.log.Info("face QR issued", "nsrsbh", taxID, "rzid", q.AuthID, "app", qrApp)
	writeOK(w, faceImgData{AuthID: q.AuthID, TaxID: taxID, QR: q.Content, App: qrApp})
}

// faceApp maps getFaceImg's type to the emwly of the answer.
func faceApp(typ string) (string, error) {
	switch typ {
	case "", "1":
		return faceAppTax, nil
	case "2":
		return faceAppIncomeTax, nil
	}
	return "", fmt.Errorf("二维码类型(type) %q 无效:应为1(电子税务局app)或2(个人所得税app),不传时为1", typ)
}

// faceQRContent is the string a face QR code encodes, shaped like the
// bureau's: a random id, the seller's province and the interface code.
func faceQRContent(taxID string) string {
	return fmt.Sprintf("qrcode_id=%s&areaPrefix=%s00&interfaceCode=0004", randomAlnum(64), provinceOf(taxID))
}

// handleQueryFaceAuthState answers whether the seller's clerk must scan
// their face before issuing: base64 of faceAuthState.
func (s *Server) handleQueryFaceAuthState(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	taxID, err := sellerParams(form)
	if err != nil {
		writeRefusal(w, err.Error())
		return
	}
	auth, ok := s.sessionReady(w, r, taxID, needLogin)
	if !ok {
		return
	}
	state := faceAuthState{Yjjb: "01", Sxlb: "3", Sfsl: "N", ItsScanFlag: "N"}
	if auth.faceLapsed(s.now(), s.opts.FaceValidity) {
		state.Sfsl = "Y"
	}
	raw, err := json.Marshal(state)
	if err != nil {
		writeHTTPError(w, http.StatusInternalServerError, "编码认证状态失败")
		return
	}
	writeOK(w, base64.StdEncoding.EncodeToString(raw))
}
