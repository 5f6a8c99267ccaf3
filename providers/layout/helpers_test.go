package layout

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

var testSeller = app.Party{Name: "成都示例数字科技有限公司", TaxID: "91510100MA6CXP8Q2Q",
	Address: "成都市高新区天府大道中段1号", Phone: "028-85550000",
	Bank: "中国工商银行成都高新支行", Account: "4402000000000000001"}

var testBuyer = app.Party{Name: "上海某某科技有限公司", TaxID: "91510113MA6739XPX2"}

var testIssuedAt = time.Date(2025, 6, 19, 19, 34, 7, 0, app.ChinaTime)

const testNumber = "25512000000064654320"

// issue prepares a draft as the app does and stamps it as issued.
func issue(t testing.TB, d app.Draft) app.Invoice {
	t.Helper()
	inv, err := app.Prepare(d, testSeller)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	inv.Number, inv.IssuedAt, inv.Status = testNumber, testIssuedAt, app.StatusIssued
	return inv
}

func softwareLine(amount string) app.DraftLine {
	return app.DraftLine{Name: "*软件*财税管理系统", TaxCode: "1060301020100000000", Spec: "V1", Unit: "年",
		Quantity: "1", Price: app.NumText(amount), Amount: app.NumText(amount), TaxRate: "0.01", TaxIncluded: true}
}

// seedInvoice is the seed example: one tax-inclusive line of 1.00 at 1%.
func seedInvoice(t testing.TB) app.Invoice {
	return issue(t, app.Draft{Type: "82", Buyer: testBuyer, Drawer: "张三",
		Lines: []app.DraftLine{softwareLine("1")}})
}

// discountInvoice has one line of 113.00 at 13% with a 13.00 discount.
func discountInvoice(t testing.TB) app.Invoice {
	return issue(t, app.Draft{Type: "81", Buyer: testBuyer, Drawer: "李四",
		Lines: []app.DraftLine{{Name: "*计算机配套产品*无线鼠标", TaxCode: "1090511030000000000", Spec: "M-200",
			Unit: "个", Quantity: "2", Price: "56.5", Amount: "113", TaxRate: "0.13", TaxIncluded: true,
			Discount: "13"}}})
}

// manyLinesInvoice has n lines with different amounts and long names.
func manyLinesInvoice(t testing.TB, n int) app.Invoice {
	d := app.Draft{Type: "82", Buyer: testBuyer, Drawer: "王五", Remark: "项目编号 P-2025-001"}
	for i := range n {
		price := fmt.Sprintf("%d.%02d", 100+i, i)
		l := softwareLine(price)
		l.Name = fmt.Sprintf("*信息技术服务*系统运维服务第%d期（含现场支持与远程巡检）", i+1)
		l.Quantity = "3"
		l.Amount = app.NumText(fmt.Sprintf("%d.%02d", 3*(100+i)+3*i/100, 3*i%100)) // 3 × price
		l.TaxRate = []app.NumText{"0.06", "0.13", "0.015", "0.01"}[i%4]
		d.Lines = append(d.Lines, l)
	}
	return issue(t, d)
}

// markupInvoice puts XML and PDF special characters into every text field.
func markupInvoice(t testing.TB) app.Invoice {
	buyer := app.Party{Name: `A&B <Tom> "引号" '单' 公司`, TaxID: "91510113MA6739XPX2"}
	l := softwareLine("10")
	l.Name = "*软件*R&D <工具> \"套件\""
	l.Spec = "<v2>&"
	return issue(t, app.Draft{Type: "82", Buyer: buyer, Remark: `备注 a<b && c>d "x"`, Drawer: "O'Neil",
		Lines: []app.DraftLine{l}})
}

// redOf mirrors a blue invoice as its red (红字) invoice: every quantity and
// amount negative, the remark naming the blue invoice.
func redOf(blue app.Invoice) app.Invoice {
	red := blue
	red.Number = "25512000000064654999"
	red.Lines = make([]app.Line, len(blue.Lines))
	for i, l := range blue.Lines {
		if l.Quantity.Valid {
			l.Quantity.Decimal = l.Quantity.Decimal.Neg()
		}
		l.Amount, l.AmountExcl, l.Tax = l.Amount.Neg(), l.AmountExcl.Neg(), l.Tax.Neg()
		red.Lines[i] = l
	}
	red.ApplyTotals()
	red.Remark = "被红冲蓝字数电发票号码：" + blue.Number + " 红字发票信息确认单编号：" + strings.Repeat("5", 20)
	return red
}
