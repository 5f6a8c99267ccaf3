package leqi

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"fapiao/app"
)

// fwbmCreditLine is the service that reports the credit line (授信额度).
const fwbmCreditLine = "CXSXED"

// creditLineRequest is CXSXED's request.
type creditLineRequest struct {
	Nsrsbh string `json:"nsrsbh"`
}

// creditLineData is CXSXED's Data besides returncode. Figures are strings or
// numbers.
type creditLineData struct {
	Zsxed   flexDecimal `json:"zsxed"`   // 总授信额度
	Sysxed  flexDecimal `json:"sysxed"`  // 剩余授信额度
	Ysysxed flexDecimal `json:"ysysxed"` // 已使用授信额度, optional
}

// CreditLine asks the platform for the seller's credit line. The bureau
// limits how often it may be asked; app.CreditService keeps to that.
func (c *Client) CreditLine(ctx context.Context) (app.CreditLine, error) {
	var line app.CreditLine
	err := c.invoke(ctx, fwbmCreditLine, creditLineRequest{Nsrsbh: c.cfg.SellerTaxID},
		func(data json.RawMessage) (err error) {
			line, err = decodeCreditLineData(data, c.now())
			return err
		})
	if err != nil {
		return app.CreditLine{}, err
	}
	return line, nil
}

// decodeCreditLineData reads the credit line as of at. A total or remaining
// figure that is not a number is an error, never zero: a zero line would
// stop all issuing. Used is ysysxed when it is a number, else the
// difference.
func decodeCreditLineData(data json.RawMessage, at time.Time) (app.CreditLine, error) {
	var d creditLineData
	if err := json.Unmarshal(data, &d); err != nil {
		return app.CreditLine{}, fmt.Errorf("字段 Data 无法解析(%v)", err)
	}
	for _, figure := range []struct {
		name string
		d    flexDecimal
	}{{"zsxed", d.Zsxed}, {"sysxed", d.Sysxed}} {
		if !figure.d.Valid {
			return app.CreditLine{}, fmt.Errorf("%s:额度 %q 不是数字", figure.name, clip(figure.d.Raw))
		}
	}
	line := app.CreditLine{Total: d.Zsxed.Value, Remaining: d.Sysxed.Value, At: at}
	line.Used = line.Total.Sub(line.Remaining)
	if d.Ysysxed.Valid {
		line.Used = d.Ysysxed.Value
	}
	return line, nil
}
