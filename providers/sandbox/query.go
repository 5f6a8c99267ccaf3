package sandbox

import (
	"errors"
	"net/http"

	"fapiao/app"
)

// handleQueryMx answers invoiceQueryMx: one of the seller's own invoices,
// by number (fphm), by request serial (fpqqlsh), or by both (which must then
// name the same invoice).
func (s *Server) handleQueryMx(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	key := invoiceKey{SellerTaxID: field(form, "nsrsbh"), Number: field(form, "fphm"), Serial: field(form, "fpqqlsh")}
	switch {
	case field(form, "username") == "":
		writeRefusal(w, "局端账号(username)不能为空")
		return
	case key.SellerTaxID == "":
		writeRefusal(w, "纳税人识别号(nsrsbh)不能为空")
		return
	case key.Number == "" && key.Serial == "":
		writeRefusal(w, "发票号码(fphm)与发票请求流水号(fpqqlsh)须至少填写一项")
		return
	}
	inv, err := s.findInvoice(r.Context(), key)
	if errors.Is(err, app.ErrNotFound) {
		writeRefusal(w, msgNotFound)
		return
	}
	if err != nil {
		s.log.Error("invoiceQueryMx", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "查询失败:税局系统内部错误")
		return
	}
	writeOK(w, queryMxData(inv))
}
