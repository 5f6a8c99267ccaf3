package leqi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"fapiao/app"
)

// fwbmUpload is the service that takes invoices numbered by the company (发票上传).
const fwbmUpload = "QDFPSC"

// maxTicketLength bounds a ticket we store and send back: far above any
// serial the platform makes, far below anything that would hurt.
const maxTicketLength = 128

// uploadRequest is QDFPSC's request.
type uploadRequest struct {
	Nsrsbh string      `json:"nsrsbh"`
	Fpxx   invoiceWire `json:"fpxx"` // 发票信息
}

// uploadData is QDFPSC's Data besides returncode.
type uploadData struct {
	Sllsh flexString `json:"sllsh"` // 受理流水号
}

// Upload sends inv, which carries its pre-assigned Number and its IssuedAt,
// and returns the platform's ticket (sllsh). Acceptance is not yet issuance:
// UploadResult says what became of it. A red invoice (BlueNumber set) goes
// as kplx 1 with yfphm.
func (c *Client) Upload(ctx context.Context, inv app.Invoice) (string, error) {
	if problem := c.uploadProblem(inv); problem != "" {
		return "", refusedBeforeSending(fwbmUpload, problem)
	}
	var ticket string
	err := c.invoke(ctx, fwbmUpload, uploadRequest{Nsrsbh: c.cfg.SellerTaxID, Fpxx: c.invoiceToWire(inv)},
		func(data json.RawMessage) (err error) {
			ticket, err = decodeUploadData(data)
			return err
		})
	if err != nil {
		return "", err
	}
	return ticket, nil
}

// uploadProblem names what the platform could only refuse, or get wrong:
// an invoice without its 20-digit number or its date, a date outside the
// number's year (a number of year YY is only used in 20YY), no serial, no
// lines, another seller.
func (c *Client) uploadProblem(inv app.Invoice) string {
	n, err := app.ParseInvoiceNumber(inv.Number)
	switch {
	case inv.Number == "":
		return "缺少发票号码(预赋码)"
	case err != nil:
		return fmt.Sprintf("发票号码 %q 无效:%v", clip(inv.Number), err)
	case inv.IssuedAt.IsZero():
		return "缺少开票日期"
	case !n.UsableOn(inv.IssuedAt):
		return fmt.Sprintf("发票号码 %s 只能在 %d 年使用,开票日期 %s 不在该年度", inv.Number, n.Year,
			inv.IssuedAt.In(app.ChinaTime).Format(wireTime))
	case inv.RequestSerial == "":
		return "缺少发票请求流水号"
	case len(inv.RequestSerial) > app.MaxSerialLength:
		return fmt.Sprintf("发票请求流水号超过%d个字符", app.MaxSerialLength)
	case len(inv.Lines) == 0:
		return "发票没有明细行"
	case inv.Seller.TaxID != "" && inv.Seller.TaxID != c.cfg.SellerTaxID:
		return fmt.Sprintf("发票的销方税号 %s 与乐企配置的税号 %s 不一致", inv.Seller.TaxID, c.cfg.SellerTaxID)
	}
	if inv.BlueNumber != "" {
		if _, err := app.ParseInvoiceNumber(inv.BlueNumber); err != nil {
			return fmt.Sprintf("原发票号码 %q 无效:%v", clip(inv.BlueNumber), err)
		}
	}
	return ""
}

// decodeUploadData reads the ticket; an answer without one is malformed.
func decodeUploadData(data json.RawMessage) (string, error) {
	var d uploadData
	if err := json.Unmarshal(data, &d); err != nil {
		return "", fmt.Errorf("字段 Data 无法解析(%v)", err)
	}
	switch t := d.Sllsh.String(); {
	case t == "":
		return "", errors.New("字段 Data 缺少 sllsh")
	case len(t) > maxTicketLength:
		return "", fmt.Errorf("sllsh 超过%d个字符", maxTicketLength)
	}
	return d.Sllsh.String(), nil
}
