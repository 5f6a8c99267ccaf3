package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"fapiao/app"
)

const (
	opBlueTicket   = "blueTicket"
	pathBlueTicket = "/qdjk/fullExteriorInvoke/blueTicket"
)

// Issue sends a blue invoice under inv.RequestSerial. The serial is the
// caller's: retries of the same invoice send the same one, which is what
// lets a lost answer be resolved by Lookup.
func (c *Client) Issue(ctx context.Context, inv app.Invoice) (app.IssueResult, error) {
	if err := c.checkIssuable(inv); err != nil {
		return app.IssueResult{}, err
	}
	data, err := c.post(ctx, opBlueTicket, pathBlueTicket, c.blueTicketForm(inv).values())
	if err != nil {
		return app.IssueResult{}, err
	}
	result, err := decodeBlueTicketData(data)
	if err != nil {
		// The provider said success but we cannot read what it issued:
		// transient, so the outcome is settled by a lookup of the serial.
		return app.IssueResult{}, transientError(opBlueTicket, "开具成功应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	return result, nil
}

// checkIssuable refuses, before sending, what the provider could only
// refuse or get wrong.
func (c *Client) checkIssuable(inv app.Invoice) error {
	var problem string
	switch {
	case inv.RequestSerial == "":
		problem = "缺少发票请求流水号"
	case len(inv.RequestSerial) > app.MaxSerialLength:
		problem = fmt.Sprintf("发票请求流水号超过%d个字符", app.MaxSerialLength)
	case len(inv.Lines) == 0:
		problem = "发票没有明细行"
	case inv.Seller.TaxID != "" && inv.Seller.TaxID != c.cfg.SellerTaxID:
		// The account issues for one taxpayer only.
		problem = fmt.Sprintf("发票的销方税号 %s 与票单云配置的税号 %s 不一致", inv.Seller.TaxID, c.cfg.SellerTaxID)
	}
	if problem == "" {
		return nil
	}
	return providerError(app.KindBusiness, opBlueTicket, "", problem+",未发送", nil)
}

// blueTicketForm maps an invoice to exactly the seed's blueTicket fields.
func (c *Client) blueTicketForm(inv app.Invoice) form {
	f := form{}
	f.required("username", c.cfg.Username)
	f.required("fpqqlsh", inv.RequestSerial)
	f.required("fplxdm", string(inv.Type))
	f.required("kplx", "0") // 正数发票
	f.required("xhdwsbh", c.cfg.SellerTaxID)
	f.required("xhdwmc", inv.Seller.Name)
	f.required("xhdwdzdh", inv.Seller.AddressPhone())
	f.required("xhdwyhzh", inv.Seller.BankAccount())
	f.optional("ghdwsbh", inv.Buyer.TaxID)
	f.required("ghdwmc", inv.Buyer.Name)
	f.optional("ghdwdzdh", inv.Buyer.AddressPhone())
	f.optional("ghdwyhzh", inv.Buyer.BankAccount())
	f.required("zsfs", "0") // 普通征税
	for i, l := range inv.Lines {
		addLine(f, i, l)
	}
	totals := app.SumLines(inv.Lines)
	f.required("hjje", app.FormatMoney(totals.Amount))
	f.required("hjse", app.FormatMoney(totals.Tax))
	f.required("jshj", app.FormatMoney(totals.Total))
	f.optional("kpr", inv.Drawer)
	f.optional("bz", inv.Remark)
	f.optional("gfkhyx", inv.Buyer.Email)
	f.required("gfzrrbs", yesNo(inv.Buyer.NaturalPerson))
	return f
}

// addLine adds line i as fyxm[i][…]. je is the amount as entered
// (tax-inclusive when hsbz is 1) and se the computed tax: the provider
// derives the amount excluding tax from them.
func addLine(f form, i int, l app.Line) {
	key := func(name string) string { return "fyxm[" + strconv.Itoa(i) + "][" + name + "]" }
	f.required(key("fphxz"), strconv.Itoa(int(l.Nature)))
	f.required(key("spmc"), l.Name)
	f.optional(key("ggxh"), l.Spec)
	f.optional(key("dw"), l.Unit)
	if l.Quantity.Valid && l.Price.Valid {
		f.required(key("spsl"), app.FormatQuantity(l.Quantity.Decimal))
		f.required(key("dj"), app.FormatQuantity(l.Price.Decimal))
	}
	f.required(key("je"), app.FormatMoney(l.Amount))
	f.required(key("sl"), app.FormatRate(l.TaxRate))
	f.required(key("se"), app.FormatMoney(l.Tax))
	f.required(key("hsbz"), boolDigit(l.TaxIncluded))
	f.required(key("spbm"), l.TaxCode)
}

func yesNo(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func boolDigit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// blueTicketData is blueTicket's data: {"Fphm", "Kprq", …}. Field names
// match case-insensitively, so "fphm" is read too.
type blueTicketData struct {
	Fphm flexString `json:"Fphm"`
	Kprq flexString `json:"Kprq"`
}

// decodeBlueTicketData reads the number and date of an issued invoice. An
// answer without a 20-digit number or a readable date is an error.
func decodeBlueTicketData(data json.RawMessage) (app.IssueResult, error) {
	if !hasData(data) {
		return app.IssueResult{}, errors.New("data 为空")
	}
	var d blueTicketData
	if err := json.Unmarshal(data, &d); err != nil {
		return app.IssueResult{}, fmt.Errorf("data 无法解析(%v)", err)
	}
	return issueResult(d.Fphm.String(), d.Kprq.String())
}

// issueResult checks a number and an issue time from the provider.
func issueResult(number, issuedAt string) (app.IssueResult, error) {
	if _, err := app.ParseInvoiceNumber(number); err != nil {
		return app.IssueResult{}, fmt.Errorf("发票号码 %q 无效:%v", clip(number), err)
	}
	at, err := parseIssueTime(issuedAt)
	if err != nil {
		return app.IssueResult{}, err
	}
	return app.IssueResult{Number: number, IssuedAt: at}, nil
}
