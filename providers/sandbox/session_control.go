package sandbox

import (
	"errors"
	"net/http"
	"strings"

	"fapiao/app"
)

// Errors of the simulated phone scans (SimulateFaceScan, SimulateQRLoginScan).
var (
	// ErrUnknownQR means no QR code with that id was issued (or it was
	// used up by a completed login).
	ErrUnknownQR = errors.New("sandbox: no such QR code")
	// ErrQRExpired means the QR code's lifetime (Options.FaceQRLifetime) is over.
	ErrQRExpired = errors.New("sandbox: QR code expired")
)

// controlAnswer is the JSON of the session control endpoints.
type controlAnswer struct {
	Code  int    `json:"code"`
	Msg   string `json:"msg"`
	TaxID string `json:"nsrsbh,omitempty"`
}

// scanID extracts {id} from prefix + "{id}/scan"; false when path is not
// of that shape.
func scanID(path, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/scan")
	if !ok || id == "" || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}

// writeScanResult answers a simulated scan: 404 for an unknown code, 409
// for an expired one, 200 naming the seller when it worked.
func (s *Server) writeScanResult(w http.ResponseWriter, taxID, done string, err error) {
	switch {
	case errors.Is(err, ErrUnknownQR):
		writeHTTPError(w, http.StatusNotFound, "二维码不存在")
	case errors.Is(err, ErrQRExpired):
		writeHTTPError(w, http.StatusConflict, "二维码已过期")
	case err != nil:
		s.log.Error("simulated scan", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "扫码失败:"+err.Error())
	default:
		writeJSON(w, http.StatusOK, controlAnswer{Code: http.StatusOK, Msg: done, TaxID: taxID})
	}
}

// lapseTarget reads the optional nsrsbh (query or form) of a lapse request:
// "" means every seller. It answers 400 itself for a malformed one.
func lapseTarget(w http.ResponseWriter, r *http.Request) (taxID string, ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeHTTPError(w, http.StatusBadRequest, "请求参数无法解析:"+err.Error())
		return "", false
	}
	taxID = strings.TrimSpace(r.Form.Get("nsrsbh"))
	if taxID == "" {
		return "", true
	}
	if err := app.ValidateTaxID(taxID); err != nil {
		writeHTTPError(w, http.StatusBadRequest, "纳税人识别号(nsrsbh)"+err.Message)
		return "", false
	}
	return taxID, true
}

// handleLapse makes col lapse for the seller named, or for all of them.
func (s *Server) handleLapse(w http.ResponseWriter, r *http.Request, col authColumn, done string) {
	taxID, ok := lapseTarget(w, r)
	if !ok {
		return
	}
	if err := s.setAuth(r.Context(), col, taxID, lapsedAt); err != nil {
		s.log.Error("lapse", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "操作失败:"+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, controlAnswer{Code: http.StatusOK, Msg: done, TaxID: taxID})
}
