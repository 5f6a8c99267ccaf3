package sandbox

import (
	"errors"
	"net/http"
	"strings"
)

// Paths of the simulated buyer's control endpoints.
const (
	buyerPrefix      = "/sandbox/buyer/"           // + {fphm}/use or {fphm}/book
	redFormPrefix    = "/sandbox/redform/"         // + {xxbbh}/confirm or {xxbbh}/refuse
	pathIncomingForm = "/sandbox/redform/incoming" // nsrsbh: the buyer (our company)
)

// buyerAnswer is the JSON of the buyer's control endpoints.
type buyerAnswer struct {
	Code       int    `json:"code"`
	Msg        string `json:"msg"`
	Number     string `json:"fphm,omitempty"`
	FormNumber string `json:"xxbbh,omitempty"`
	FormState  string `json:"xxbztDm,omitempty"`
}

// controlTarget splits prefix + "{id}/{action}"; false when path is not of
// that shape.
func controlTarget(path, prefix string) (id, action string, ok bool) {
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return "", "", false
	}
	id, action, ok = strings.Cut(rest, "/")
	if !ok || id == "" || action == "" || strings.Contains(action, "/") {
		return "", "", false
	}
	return id, action, true
}

// handleBuyerMark is POST /sandbox/buyer/{fphm}/use and …/book:
// MarkUsedByBuyer and MarkBookedByBuyer over HTTP.
func (s *Server) handleBuyerMark(w http.ResponseWriter, r *http.Request) {
	number, action, ok := controlTarget(r.URL.Path, buyerPrefix)
	var stmt, done string
	switch {
	case ok && action == "use":
		stmt, done = markUsedSQL, "购方已确认用途"
	case ok && action == "book":
		stmt, done = markBookedSQL, "购方已入账"
	default:
		writeHTTPError(w, http.StatusNotFound, msgNoSuchEndpoint)
		return
	}
	err := s.markByBuyer(r.Context(), stmt, number)
	switch {
	case errors.Is(err, ErrUnknownInvoice):
		writeHTTPError(w, http.StatusNotFound, "蓝字发票 "+number+" 不存在")
	case err != nil:
		s.log.Error("buyer mark", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "操作失败:"+err.Error())
	default:
		writeJSON(w, http.StatusOK, buyerAnswer{Code: http.StatusOK, Msg: done, Number: number})
	}
}

// handleBuyerAnswer is POST /sandbox/redform/{xxbbh}/confirm and
// …/refuse: BuyerAnswer over HTTP. An unknown form answers 404, one that
// does not wait for the buyer 409.
func (s *Server) handleBuyerAnswer(w http.ResponseWriter, r *http.Request) {
	number, action, ok := controlTarget(r.URL.Path, redFormPrefix)
	if !ok || action != "confirm" && action != "refuse" {
		writeHTTPError(w, http.StatusNotFound, msgNoSuchEndpoint)
		return
	}
	f, err := s.answerForm(r.Context(), number, "", action == "confirm")
	switch {
	case errors.Is(err, ErrUnknownForm):
		writeHTTPError(w, http.StatusNotFound, "红字信息表 "+number+" 不存在")
	case errors.Is(err, ErrFormNotPending):
		writeHTTPError(w, http.StatusConflict, "红字信息表不在待购方确认状态:"+err.Error())
	case err != nil:
		s.log.Error("buyer answer", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "操作失败:"+err.Error())
	default:
		writeJSON(w, http.StatusOK, buyerAnswer{Code: http.StatusOK, Msg: formStateNames[f.State],
			FormNumber: f.Number, FormState: string(f.State)})
	}
}

// handleIncomingForm is POST /sandbox/redform/incoming?nsrsbh=…:
// AddIncomingRedForm over HTTP.
func (s *Server) handleIncomingForm(w http.ResponseWriter, r *http.Request) {
	taxID, ok := lapseTarget(w, r)
	if !ok {
		return
	}
	if taxID == "" {
		writeHTTPError(w, http.StatusBadRequest, "纳税人识别号(nsrsbh)不能为空:应为收到红字信息表的购方")
		return
	}
	number, err := s.addIncomingForm(r.Context(), taxID)
	if err != nil {
		s.log.Error("incoming form", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "操作失败:"+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, buyerAnswer{Code: http.StatusOK, Msg: "已生成待确认的红字信息表",
		FormNumber: number, FormState: "02"})
}
