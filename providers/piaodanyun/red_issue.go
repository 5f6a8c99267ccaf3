package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"fapiao/app"
)

const (
	opRedIssue   = "hzfpkj"
	pathRedIssue = "/qdjk/fullExteriorInvoke/hzfpkj"
)

// IssueRed issues the red invoice red on the form rf against blueNumber
// (hzfpkj). red.RequestSerial is the idempotency key, as for a blue
// invoice: a lost answer is settled by Lookup of the same serial. The
// bureau builds the red invoice from the form, so red's lines are not
// sent; its Total is only compared with what the bureau issued.
func (c *Client) IssueRed(ctx context.Context, red app.Invoice, rf app.RedForm, blueNumber string) (app.IssueResult, error) {
	if err := c.checkRedIssuable(red, rf, blueNumber); err != nil {
		return app.IssueResult{}, err
	}
	f := form{}
	f.required("username", c.cfg.Username)
	f.required("fpqqlsh", red.RequestSerial)
	f.required("xhdwsbh", c.cfg.SellerTaxID)
	f.required("tzdbh", rf.Number)
	f.required("yfphm", blueNumber)
	// tdyslxDm (特定要素) is not sent: this client issues no special invoices.

	data, err := c.post(ctx, opRedIssue, pathRedIssue, f.values())
	if err != nil {
		return app.IssueResult{}, err
	}
	issued, err := decodeRedIssueData(data)
	if err != nil {
		// Success without a usable number: transient, so the issuing
		// service looks the serial up (invoiceQueryMx) instead of guessing.
		return app.IssueResult{}, transientError(opRedIssue, "红字发票开具成功应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	c.warnIfDifferent(red, rf, issued)
	return issued.result, nil
}

// checkRedIssuable refuses, before sending, what the bureau could only
// refuse.
func (c *Client) checkRedIssuable(red app.Invoice, rf app.RedForm, blueNumber string) error {
	if err := checkBlueNumber(opRedIssue, blueNumber); err != nil {
		return err
	}
	var problem string
	switch {
	case red.RequestSerial == "":
		problem = "缺少发票请求流水号"
	case len(red.RequestSerial) > app.MaxSerialLength:
		problem = fmt.Sprintf("发票请求流水号超过%d个字符", app.MaxSerialLength)
	case rf.Number == "":
		problem = "缺少红字信息表编号"
	case red.Seller.TaxID != "" && red.Seller.TaxID != c.cfg.SellerTaxID:
		problem = fmt.Sprintf("发票的销方税号 %s 与票单云配置的税号 %s 不一致", red.Seller.TaxID, c.cfg.SellerTaxID)
	}
	if problem == "" {
		return nil
	}
	return notSentRefusal(opRedIssue, problem+",未发送")
}

// warnIfDifferent logs what the bureau issued when it disagrees with what
// was asked for. The invoice is issued all the same, so it is returned,
// never dropped: the clerk and the reconciliation settle the difference.
func (c *Client) warnIfDifferent(red app.Invoice, rf app.RedForm, issued redIssued) {
	switch {
	case issued.total.Raw == "":
	case !issued.total.Valid:
		c.log.Warn("红字发票价税合计无法识别", "serial", red.RequestSerial, "number", issued.result.Number,
			"jshj", clip(issued.total.Raw), "expected", app.FormatMoney(red.Total))
	case !issued.total.Value.Equal(red.Total):
		c.log.Warn("红字发票价税合计与预期不符", "serial", red.RequestSerial, "number", issued.result.Number,
			"jshj", issued.total.Value.String(), "expected", app.FormatMoney(red.Total))
	}
	if issued.form != "" && issued.form != rf.Number {
		c.log.Warn("红字发票的信息表编号与所用信息表不符", "serial", red.RequestSerial, "number", issued.result.Number,
			"xxbbh", clip(issued.form), "expected", rf.Number)
	}
}

// redIssueData is hzfpkj's data.
type redIssueData struct {
	Fphm    flexString  `json:"fphm"`
	Kprq    flexString  `json:"kprq"`
	Xhdwsbh flexString  `json:"xhdwsbh"`
	Ghdwsbh flexString  `json:"ghdwsbh"`
	Xhdwmc  flexString  `json:"xhdwmc"`
	Ghdwmc  flexString  `json:"ghdwmc"`
	Jshj    flexDecimal `json:"jshj"` // negative; a number in the seed
	Xxbbh   flexString  `json:"xxbbh"`
}

// redIssued is what hzfpkj says it issued.
type redIssued struct {
	result app.IssueResult
	total  flexDecimal // jshj, as sent
	form   string      // xxbbh
}

// decodeRedIssueData reads the red invoice's number and date; an answer
// without a 20-digit number or a readable date is an error.
func decodeRedIssueData(data json.RawMessage) (redIssued, error) {
	if !hasData(data) {
		return redIssued{}, errors.New("data 为空")
	}
	var d redIssueData
	if err := json.Unmarshal(data, &d); err != nil {
		return redIssued{}, fmt.Errorf("data 无法解析(%v)", err)
	}
	result, err := issueResult(d.Fphm.String(), d.Kprq.String())
	if err != nil {
		return redIssued{}, err
	}
	return redIssued{result: result, total: d.Jshj, form: d.Xxbbh.String()}, nil
}
