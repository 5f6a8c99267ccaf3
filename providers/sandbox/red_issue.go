package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"

	"fapiao/app"
)

// msgRedIssued is hzfpkj's success message in seed 001.
const msgRedIssued = "负数发票开具成功"

// msgFormUsed refuses a form a red invoice was issued on already.
const msgFormUsed = "该红字信息表已开具红字发票"

// redIssueRequest is an hzfpkj request.
type redIssueRequest struct {
	Username    string
	Serial      string // fpqqlsh
	SellerTaxID string // xhdwsbh
	FormNumber  string // tzdbh
	BlueNumber  string // yfphm
}

// redIssueData is hzfpkj's answer, key for key as in seed 001.
type redIssueData struct {
	Number      string      `json:"fphm"`
	IssuedAt    string      `json:"kprq"` // 2006-01-02 15:04:05
	SellerTaxID string      `json:"xhdwsbh"`
	BuyerTaxID  string      `json:"ghdwsbh"`
	SellerName  string      `json:"xhdwmc"`
	BuyerName   string      `json:"ghdwmc"`
	Total       json.Number `json:"jshj"` // negative
	FormNumber  string      `json:"xxbbh"`
}

// handleRedIssue issues a red invoice on a form (hzfpkj): check the form,
// then — in one transaction — number and store the red invoice, mark the
// form used and add the reversal to the blue lines. Like blueTicket, an
// injected drop commits and then closes the connection unanswered.
func (s *Server) handleRedIssue(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	if seller := field(form, "xhdwsbh"); app.ValidateTaxID(seller) == nil {
		if _, ok := s.sessionReady(w, r, seller, needLoginAndFace); !ok {
			return
		}
	}
	req, err := parseRedIssueRequest(form)
	if err != nil {
		writeRefusal(w, err.Error())
		return
	}
	red, err := s.issueRed(r.Context(), req)
	if s.answeredFailure(w, "hzfpkj", err) {
		return
	}
	s.log.Info("hzfpkj issued", "serial", red.RequestSerial, "number", red.Number, "form", red.RedForm,
		"total", app.FormatMoney(red.Total))
	if s.shouldDrop() {
		s.log.Info("hzfpkj answer dropped (injected)", "serial", red.RequestSerial)
		s.dropConnection(w)
		return
	}
	writeOKMessage(w, msgRedIssued, redIssueData{
		Number: red.Number, IssuedAt: red.IssuedAt.Format(time.DateTime),
		SellerTaxID: red.Seller.TaxID, BuyerTaxID: red.Buyer.TaxID,
		SellerName: red.Seller.Name, BuyerName: red.Buyer.Name,
		Total: jsonNumber(red.Total), FormNumber: red.RedForm,
	})
}

func parseRedIssueRequest(form url.Values) (redIssueRequest, error) {
	f := func(name string) string { return field(form, name) }
	req := redIssueRequest{Username: f("username"), Serial: f("fpqqlsh"), SellerTaxID: f("xhdwsbh"),
		FormNumber: f("tzdbh"), BlueNumber: f("yfphm")}
	if err := firstError(
		required("局端账号(username)", req.Username),
		required("发票请求流水号(fpqqlsh)", req.Serial),
		required("销方税号(xhdwsbh)", req.SellerTaxID),
		required("红字信息表编号(tzdbh)", req.FormNumber),
		required("原发票号码(yfphm)", req.BlueNumber),
		oneOf("特定要素类型代码(tdyslxDm)", f("tdyslxDm"), "沙箱仅支持非特定业务发票,请留空", ""),
	); err != nil {
		return req, err
	}
	if err := app.ValidateTaxID(req.SellerTaxID); err != nil {
		return req, errors.New("销方税号(xhdwsbh)" + err.Message)
	}
	return req, checkSerial(blueTicketForm{Serial: req.Serial, SellerTaxID: req.SellerTaxID})
}
