package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"fapiao/app"
)

const (
	opBlueCheck   = "retInviceMsg"
	pathBlueCheck = "/qdjk/fullExteriorInvoke/retInviceMsg" // sic: the provider spells it "Invice"
)

// applicantSeller is sqyy, who applies for the red invoice: 2 the seller
// (销方), 3 the buyer. This client only ever reverses its own invoices.
const applicantSeller = "2"

// CheckBlue asks what can still be reversed of the blue invoice blueNumber
// and what the buyer did with it (retInviceMsg). A refusal such as
// "该发票已全额红冲" comes back as KindBusiness with the bureau's words.
func (c *Client) CheckBlue(ctx context.Context, blueNumber string) (app.BlueCheck, error) {
	if err := checkBlueNumber(opBlueCheck, blueNumber); err != nil {
		return app.BlueCheck{}, err
	}
	f := form{}
	f.required("username", c.cfg.Username)
	f.required("nsrsbh", c.cfg.SellerTaxID)
	f.required("fphm", blueNumber)
	// sqyy is an array in the seed; a form sends it in the bracket style
	// blueTicket's fyxm[i][k] uses. xhdwsbh, kprq and tdyslxDm are for a
	// buyer's application only and are left out.
	f.required("sqyy[0]", applicantSeller)

	data, err := c.post(ctx, opBlueCheck, pathBlueCheck, f.values())
	if err != nil {
		return app.BlueCheck{}, err
	}
	check, err := decodeBlueCheckData(data)
	if err == nil && check.Number != blueNumber {
		// An answer about another invoice must never be reversed for this one.
		err = fmt.Errorf("应答的发票号码 %s 与所查发票号码 %s 不一致", clip(check.Number), blueNumber)
	}
	if err != nil {
		return app.BlueCheck{}, transientError(opBlueCheck, "蓝字发票查询应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	return check, nil
}

// checkBlueNumber refuses, before sending, a blue invoice number that
// cannot be one.
func checkBlueNumber(op, number string) error {
	if _, err := app.ParseInvoiceNumber(number); err != nil {
		pe := providerError(app.KindBusiness, op, "", fmt.Sprintf("蓝字发票号码 %q 无效:%v,未发送", clip(number), err), nil)
		pe.NotSent = true
		return pe
	}
	return nil
}

// decodeBlueCheckData reads retInviceMsg's data. Null data or data without
// fphm is an error: the bureau said success but told us nothing we can use.
func decodeBlueCheckData(data json.RawMessage) (app.BlueCheck, error) {
	if !hasData(data) {
		return app.BlueCheck{}, errors.New("data 为空")
	}
	var d blueCheckData
	if err := json.Unmarshal(data, &d); err != nil {
		return app.BlueCheck{}, fmt.Errorf("data 无法解析(%v)", err)
	}
	if d.Fphm.String() == "" {
		return app.BlueCheck{}, errors.New("缺少 fphm")
	}
	return d.toBlueCheck()
}
