package sandbox

import (
	"fmt"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// checkTotals compares the totals sent with the sums of the checked lines.
// They must agree exactly: the bureau prints the lines and the totals, and
// a total that is not the sum of its lines is a wrong invoice.
func checkTotals(bt blueTicketForm, inv app.Invoice) error {
	hjje, err := parseDecimal("合计金额(hjje)", bt.TotalAmount, app.MaxAmountPlaces)
	if err != nil {
		return err
	}
	hjse, err := parseDecimal("合计税额(hjse)", bt.TotalTax, app.MaxAmountPlaces)
	if err != nil {
		return err
	}
	jshj, err := parseDecimal("价税合计(jshj)", bt.Total, app.MaxAmountPlaces)
	if err != nil {
		return err
	}
	switch {
	case !hjje.Equal(inv.TotalAmount):
		return fmt.Errorf("合计金额(hjje)%s 与明细不含税金额合计 %s 不一致", bt.TotalAmount, app.FormatMoney(inv.TotalAmount))
	case !hjse.Equal(inv.TotalTax):
		return fmt.Errorf("合计税额(hjse)%s 与明细税额合计 %s 不一致", bt.TotalTax, app.FormatMoney(inv.TotalTax))
	case !jshj.Equal(hjje.Add(hjse)):
		return fmt.Errorf("价税合计(jshj)%s 不等于合计金额(hjje)与合计税额(hjse)之和 %s", bt.Total, app.FormatMoney(hjje.Add(hjse)))
	case !jshj.IsPositive():
		return fmt.Errorf("价税合计(jshj)%s 无效:蓝字发票(kplx=0)的价税合计必须大于0", bt.Total)
	}
	sum := decimal.Zero
	for _, l := range inv.Lines {
		sum = sum.Add(app.TaxDifference(l))
	}
	if sum.Abs().GreaterThan(app.InvoiceTaxTolerance) {
		return fmt.Errorf("明细税额(se)误差合计 %s 超过允许的 %s 元", showDecimal(sum), app.InvoiceTaxTolerance)
	}
	return nil
}
