package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fapiao/app"
)

const (
	opCreditLine = "getCreditLine"
	// The prefix is allElectricInvoice, not fullExteriorInvoke like the
	// other calls.
	pathCreditLine = "/qdjk/allElectricInvoice/getCreditLine"
)

// CreditLine asks the bureau for the seller's credit line (getCreditLine).
// The bureau limits how often it may be asked; a refusal for asking too
// often is transient, so the caller keeps its cached figure and tries later.
func (c *Client) CreditLine(ctx context.Context) (app.CreditLine, error) {
	f := form{}
	f.required("nsrsbh", c.cfg.SellerTaxID)
	f.required("username", c.cfg.Username)
	data, err := c.post(ctx, opCreditLine, pathCreditLine, f.values())
	if err != nil {
		return app.CreditLine{}, rateLimitIsTransient(err)
	}
	line, err := decodeCreditLineData(data, c.now())
	if err != nil {
		return app.CreditLine{}, transientError(opCreditLine, "授信额度应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	return line, nil
}

// rateLimitIsTransient turns a business refusal that says the bureau was
// asked too often (…频繁…) into a transient error with the same message.
func rateLimitIsTransient(err error) error {
	var pe *app.ProviderError
	if !errors.As(err, &pe) || pe.Kind != app.KindBusiness || !strings.Contains(pe.Message, "频繁") {
		return err
	}
	transient := *pe
	transient.Kind = app.KindTransient
	return &transient
}

// creditLineData is getCreditLine's data. Every figure is a string with two
// decimals in the seed's second example, and may be a number.
type creditLineData struct {
	Zsxed   flexDecimal `json:"zsxed"`   // 总授信额度
	Sysxed  flexDecimal `json:"sysxed"`  // 剩余授信额度
	Ysysxed flexDecimal `json:"ysysxed"` // 已使用授信额度
	// kjlpzs, fpejse and fphjje are sent too and not used.
}

// decodeCreditLineData reads the credit line as of at. A figure that is not
// a number is an error, never zero: the seed's first example literally
// carries "剩余授信额度-保留 2 位小数", and a zero line would stop all issuing.
func decodeCreditLineData(data json.RawMessage, at time.Time) (app.CreditLine, error) {
	if !hasData(data) {
		return app.CreditLine{}, errors.New("data 为空")
	}
	var d creditLineData
	if err := json.Unmarshal(data, &d); err != nil {
		return app.CreditLine{}, fmt.Errorf("data 无法解析(%v)", err)
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
	line.Used = orDefault(d.Ysysxed, line.Total.Sub(line.Remaining))
	return line, nil
}
