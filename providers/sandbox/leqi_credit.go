package sandbox

import "context"

// creditLineRequest is CXSXED's request.
type creditLineRequest struct {
	TaxID string `json:"nsrsbh"`
}

// leqiCreditData is CXSXED's Data: figures as strings with two decimals.
type leqiCreditData struct {
	leqiResult
	Total     string `json:"zsxed"`   // 总授信额度
	Remaining string `json:"sysxed"`  // 剩余授信额度
	Used      string `json:"ysysxed"` // 已使用授信额度
}

// serveLeqiCreditLine reports the seller's credit line (CXSXED): the one
// getCreditLine reports, since a seller has one credit line whatever the
// channel it issues through. The 30 s limit counts queries of both.
func (s *Server) serveLeqiCreditLine(ctx context.Context, body []byte) (leqiAnswer, error) {
	var req creditLineRequest
	if err := decodeLeqiRequest(body, &req); err != nil {
		return leqiAnswer{}, err
	}
	if err := checkLeqiTaxID(req.TaxID); err != nil {
		return leqiAnswer{}, err
	}
	if !s.creditQueryAllowed(req.TaxID) {
		return leqiAnswer{}, refuseLeqi(leqiTooSoon, msgLeqiTooSoon+",请30秒后再试")
	}
	d, err := s.creditLine(ctx, req.TaxID)
	if err != nil {
		return leqiAnswer{}, err
	}
	return leqiAnswer{data: leqiCreditData{leqiResult: leqiSuccess,
		Total: d.Total, Remaining: d.Remaining, Used: d.Used}}, nil
}
