package cli

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"

	"fapiao/app"
)

// printInvoice writes an invoice for a person to read.
func printInvoice(w io.Writer, inv app.Invoice) {
	if inv.Number != "" {
		fmt.Fprintf(w, "发票号码  %s\n", inv.Number)
	}
	if !inv.IssuedAt.IsZero() {
		fmt.Fprintf(w, "开票日期  %s\n", inv.IssuedAt.In(app.ChinaTime).Format("2006-01-02 15:04:05"))
	}
	if inv.RequestSerial != "" {
		fmt.Fprintf(w, "请求流水  %s\n", inv.RequestSerial)
		fmt.Fprintf(w, "状态      %s", inv.Status.Label())
		if inv.StatusMessage != "" {
			fmt.Fprintf(w, "(%s)", inv.StatusMessage)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "发票类型  %s\n", inv.Type.Label())
	fmt.Fprintf(w, "销售方    %s  %s\n", inv.Seller.Name, inv.Seller.TaxID)
	fmt.Fprintf(w, "购买方    %s  %s\n", inv.Buyer.Name, inv.Buyer.TaxID)
	fmt.Fprintln(w)
	rows := [][]string{{"项目名称", "规格型号", "单位", "数量", "单价", "金额", "税率", "税额"}}
	for _, l := range inv.Lines {
		q, p := "", ""
		if l.Quantity.Valid {
			q = app.FormatQuantity(l.Quantity.Decimal)
		}
		if price := l.PriceExclTax(); price.Valid {
			p = app.FormatQuantity(price.Decimal) // excluding tax, like 金额 beside it
		}
		rows = append(rows, []string{l.Name, l.Spec, l.Unit, q, p,
			app.FormatMoney(l.AmountExcl), l.TaxRate.Shift(2).String() + "%", app.FormatMoney(l.Tax)})
	}
	printTable(w, rows, map[int]bool{3: true, 4: true, 5: true, 7: true})
	fmt.Fprintln(w)
	fmt.Fprintf(w, "合计金额  ¥%s\n", app.FormatMoney(inv.TotalAmount))
	fmt.Fprintf(w, "合计税额  ¥%s\n", app.FormatMoney(inv.TotalTax))
	fmt.Fprintf(w, "价税合计  ¥%s(%s)\n", app.FormatMoney(inv.Total), inv.TotalInWords())
	if inv.Remark != "" {
		fmt.Fprintf(w, "备注      %s\n", inv.Remark)
	}
}

// printTable aligns columns by display width: a Chinese character takes two
// terminal columns, which tabwriter does not know.
func printTable(w io.Writer, rows [][]string, rightAligned map[int]bool) {
	widths := map[int]int{}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-displayWidth(cell))
			if rightAligned[i] {
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
			if i < len(row)-1 {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
