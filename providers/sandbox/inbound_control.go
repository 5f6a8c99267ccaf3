package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// pathInboundCheck is CheckInbound over HTTP: POST
// /sandbox/inbound/check?n=N checks the first N unchecked invoices of every
// company, …&nsrsbh=… those of one company (parameters in the query or a
// form body).
const pathInboundCheck = "/sandbox/inbound/check"

// inboundCheckAnswer is the JSON of POST /sandbox/inbound/check.
type inboundCheckAnswer struct {
	Code    int    `json:"code"`
	Msg     string `json:"msg"`
	TaxID   string `json:"nsrsbh"`  // "" for every company
	Checked int    `json:"checked"` // how many were checked: fewer than n when fewer were left
}

// handleInboundCheck checks the first n of a company's (or every
// company's) unchecked inbound invoices, for tests and demos driving the
// sandbox from another process.
func (s *Server) handleInboundCheck(w http.ResponseWriter, r *http.Request) {
	taxID, ok := lapseTarget(w, r)
	if !ok {
		return
	}
	raw := strings.TrimSpace(r.Form.Get("n"))
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		writeHTTPError(w, http.StatusBadRequest, fmt.Sprintf("参数 n %q 无效:应为不小于1的整数", raw))
		return
	}
	checked, err := s.checkInbound(r.Context(), taxID, n)
	if err != nil {
		s.log.Error("inbound check", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "操作失败:"+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, inboundCheckAnswer{Code: http.StatusOK,
		Msg: fmt.Sprintf("已勾选 %d 张未勾选发票", checked), TaxID: taxID, Checked: checked})
}
