package sandbox

import (
	"errors"
	"net/http"
	"net/url"

	"fapiao/app"
)

// sessionCheck says which of the seller's sessions a call needs.
type sessionCheck int

const (
	needLogin        sessionCheck = iota // the e-tax login only
	needLoginAndFace                     // the login, then a recent face scan (issuing)
)

// sessionReady checks taxID's e-tax login and, for issuing calls, its face
// authentication, the way the bureau does: login first (419), then face
// (420). It answers the refusal itself and reports false; true lets the
// call proceed, with the seller's standing. A seller seen for the first
// time starts with both valid.
func (s *Server) sessionReady(w http.ResponseWriter, r *http.Request, taxID string, check sessionCheck) (sellerAuth, bool) {
	auth, err := s.seeSeller(r.Context(), taxID)
	if err != nil {
		s.log.Error("load seller sessions", "nsrsbh", taxID, "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "查询登录状态失败:税局系统内部错误")
		return auth, false
	}
	now := s.now()
	if auth.loginLapsed(now, s.opts.LoginValidity) {
		writeFail(w, codeNeedLogin, msgNeedLogin)
		return auth, false
	}
	if check == needLoginAndFace && auth.faceLapsed(now, s.opts.FaceValidity) {
		writeFail(w, codeNeedFace, msgNeedFace)
		return auth, false
	}
	return auth, true
}

// sellerParams checks the seller a session call names: nsrsbh (a valid tax
// ID) and username (局端账号), both required. It returns the tax ID.
func sellerParams(values url.Values) (string, error) {
	taxID := field(values, "nsrsbh")
	switch {
	case taxID == "":
		return "", errors.New("纳税人识别号(nsrsbh)不能为空")
	case field(values, "username") == "":
		return "", errors.New("局端账号(username)不能为空")
	}
	if err := app.ValidateTaxID(taxID); err != nil {
		return "", errors.New("纳税人识别号(nsrsbh)" + err.Message)
	}
	return taxID, nil
}
