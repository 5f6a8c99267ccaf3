package sandbox

import (
	"context"
	"database/sql"
	"errors"
)

// uploadResultRequest is CXQDFPSCJG's request: the ticket, or the number
// when the ticket was lost.
type uploadResultRequest struct {
	TaxID  string `json:"nsrsbh"`
	Ticket string `json:"sllsh"` // 受理流水号
	Number string `json:"fphm"`  // 发票号码
}

// uploadResultData is CXQDFPSCJG's Data.
type uploadResultData struct {
	leqiResult
	State    string `json:"clzt"` // 处理状态 01 / 02 / 03
	Number   string `json:"fphm"`
	IssuedAt string `json:"kprq"` // as uploaded
	Message  string `json:"cwxx"` // 错误信息 of a rejection
}

// serveUploadResult tells what became of an upload (CXQDFPSCJG), by sllsh,
// or by fphm when sllsh is empty. For Options.LeqiProcessing after the
// upload the bureau is still processing (clzt 01); then it tells the
// verdict decided on arrival.
func (s *Server) serveUploadResult(ctx context.Context, body []byte) (leqiAnswer, error) {
	var req uploadResultRequest
	if err := decodeLeqiRequest(body, &req); err != nil {
		return leqiAnswer{}, err
	}
	if err := checkLeqiTaxID(req.TaxID); err != nil {
		return leqiAnswer{}, err
	}
	if req.Ticket == "" && req.Number == "" {
		return leqiAnswer{}, refuseLeqi(leqiBadParam, "受理流水号(sllsh)与发票号码(fphm)须至少填写一项")
	}
	rec, err := findUpload(ctx, s.db, req.TaxID, req.Ticket, req.Number)
	if errors.Is(err, sql.ErrNoRows) {
		return leqiAnswer{}, refuseLeqi(leqiNotFound, msgLeqiNotFound)
	}
	if err != nil {
		return leqiAnswer{}, err
	}
	d := uploadResultData{leqiResult: leqiSuccess, State: rec.State, Number: rec.Number, IssuedAt: rec.IssuedAt,
		Message: rec.Message}
	if s.now().Before(rec.UploadedAt.Add(s.opts.LeqiProcessing)) {
		d.State, d.Message = clztProcessing, ""
	}
	return leqiAnswer{data: d}, nil
}
