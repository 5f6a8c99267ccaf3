package sandbox

import (
	"context"
)

// uploadData is QDFPSC's Data: the ticket to ask CXQDFPSCJG with.
type uploadData struct {
	leqiResult
	Ticket string `json:"sllsh"` // 受理流水号, 20 digits
}

// serveUpload takes an invoice the company numbered itself (QDFPSC). It
// answers the ticket at once; the verdict, decided now, is CXQDFPSCJG's to
// tell. The same number uploaded again under the same fpqqlsh answers the
// same ticket, so a retry after a lost answer uploads nothing twice.
func (s *Server) serveUpload(ctx context.Context, body []byte) (leqiAnswer, error) {
	var req uploadRequest
	if err := decodeLeqiRequest(body, &req); err != nil {
		return leqiAnswer{}, err
	}
	if err := checkLeqiTaxID(req.TaxID); err != nil {
		return leqiAnswer{}, err
	}
	if req.Invoice == nil {
		return leqiAnswer{}, refuseLeqi(leqiBadParam, "发票信息(fpxx)不能为空")
	}
	rec, fresh, err := s.storeUpload(ctx, req.TaxID, *req.Invoice)
	if err != nil {
		return leqiAnswer{}, err
	}
	s.log.Info("QDFPSC received", "nsrsbh", rec.TaxID, "fphm", rec.Number, "fpqqlsh", rec.Serial,
		"sllsh", rec.Ticket, "clzt", rec.State, "cwxx", rec.Message, "new", fresh)
	return leqiAnswer{committed: fresh, data: uploadData{leqiResult: leqiSuccess, Ticket: rec.Ticket}}, nil
}
