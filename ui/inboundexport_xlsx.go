package ui

import (
	"errors"
	"io"

	"fyne.io/fyne/v2/lang"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"fapiao/app"
)

// The cell formats: Excel's built-in text format (@), so that a number
// or tax ID is never read as a number and keeps its leading zeros and its
// 20 digits; and two decimals for amounts.
const (
	xlsxTextFormat  = 49
	xlsxMoneyFormat = "0.00"
)

// exactFloatDigits: a decimal of at most this many significant digits is
// written by Excel's float64 exactly as it reads (strconv's shortest form
// gives back the same digits), so amounts are numbers without rounding.
// Longer ones are written as text rather than rounded.
const exactFloatDigits = 15

// errTooManyRows: a worksheet holds 1,048,576 rows, the header included.
var errTooManyRows = errors.New("xlsx: too many rows")

// writeInboundXLSX writes a header and every row to w as an XLSX
// workbook through excelize's StreamWriter, which keeps what it has
// written in a temporary file rather than in memory. Amounts are numbers
// in the 0.00 format (empty for a voucher's), dates text yyyy-MM-dd, and
// numbers and tax IDs text. progress, if set, hears the count every
// exportEvery rows. It returns how many rows it wrote.
func writeInboundXLSX(w io.Writer, rows inboundRows, progress func(int)) (n int, err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	sheet := lang.X("inbound.export.sheet", "进项发票")
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return 0, err
	}
	sw, styles, err := newInboundSheet(f, sheet)
	if err != nil {
		return 0, err
	}
	fields := inboundExportFields()
	values := make([]any, len(fields))
	err = rows(func(inv app.InboundInvoice) error {
		if n+2 > excelize.TotalRows {
			return errTooManyRows
		}
		for i, field := range fields {
			values[i] = xlsxCell(field, inv, styles)
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err == nil {
			err = sw.SetRow(cell, values)
		}
		if err != nil {
			return err
		}
		n++
		if progress != nil && n%exportEvery == 0 {
			progress(n)
		}
		return nil
	})
	if errors.Is(err, errTooManyRows) {
		return n, errors.New(lang.X("inbound.export.too_many", "XLSX 一个工作表最多 {{.N}} 行:请缩小筛选范围,或导出 CSV",
			map[string]any{"N": groupedCount(excelize.TotalRows - 1)}))
	}
	if err != nil {
		return n, err
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	return n, f.Write(w)
}

// xlsxStyles are the style IDs of the sheet's cells.
type xlsxStyles struct{ header, text, money int }

// newInboundSheet starts the sheet: column widths and formats, the
// header row, frozen so it stays in view.
func newInboundSheet(f *excelize.File, sheet string) (*excelize.StreamWriter, xlsxStyles, error) {
	var st xlsxStyles
	var err error
	moneyFormat := xlsxMoneyFormat
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: xlsxTextFormat}); err != nil {
		return nil, st, err
	}
	if st.text, err = f.NewStyle(&excelize.Style{NumFmt: xlsxTextFormat}); err != nil {
		return nil, st, err
	}
	if st.money, err = f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFormat}); err != nil {
		return nil, st, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, st, err
	}
	fields := inboundExportFields()
	header := make([]any, len(fields))
	for i, field := range fields {
		width := 14.0
		if field.kind == exportText {
			width = 22
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return nil, st, err
		}
		header[i] = excelize.Cell{StyleID: st.header, Value: field.caption}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, st, err
	}
	return sw, st, sw.SetRow("A1", header)
}

// xlsxCell is one cell: text as text, an amount as a number.
func xlsxCell(field exportField, inv app.InboundInvoice, st xlsxStyles) any {
	if field.kind != exportMoney {
		return excelize.Cell{StyleID: st.text, Value: field.text(inv)}
	}
	d, ok := field.money(inv)
	if !ok {
		return nil
	}
	return excelize.Cell{StyleID: st.money, Value: xlsxNumber(d)}
}

// xlsxNumber is an amount as Excel stores it: a float64 whose shortest
// form is the amount's digits, or, when it has too many digits for that,
// the text of it.
func xlsxNumber(d decimal.Decimal) any {
	d = d.Round(2)
	if digits := len(d.Abs().Coefficient().String()); digits > exactFloatDigits {
		return app.FormatMoney(d)
	}
	return d.InexactFloat64()
}
