package ui

import (
	"bufio"
	"encoding/csv"
	"io"

	"fapiao/app"
)

// utf8BOM starts the CSV file: without it Excel reads UTF-8 as the
// system's code page and shows the Chinese as mojibake.
const utf8BOM = "\ufeff"

// writeInboundCSV writes a header and every row to w as CSV, UTF-8 with a
// BOM, one row at a time: a million rows never sit in memory. Amounts are
// plain numbers with two decimals (none for a voucher's amount), dates
// yyyy-MM-dd. progress, if set, hears the count every exportEvery rows.
// It returns how many rows it wrote.
func writeInboundCSV(w io.Writer, rows inboundRows, progress func(int)) (int, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	if _, err := buf.WriteString(utf8BOM); err != nil {
		return 0, err
	}
	out := csv.NewWriter(buf)
	out.UseCRLF = true // as Excel writes it
	fields := inboundExportFields()
	record := make([]string, len(fields))
	for i, f := range fields {
		record[i] = f.caption
	}
	if err := out.Write(record); err != nil {
		return 0, err
	}
	n := 0
	err := rows(func(inv app.InboundInvoice) error {
		for i, f := range fields {
			record[i] = csvValue(f, inv)
		}
		if err := out.Write(record); err != nil {
			return err
		}
		n++
		if progress != nil && n%exportEvery == 0 {
			progress(n)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return n, err
	}
	return n, buf.Flush()
}

func csvValue(f exportField, inv app.InboundInvoice) string {
	if f.kind != exportMoney {
		return f.text(inv)
	}
	d, ok := f.money(inv)
	if !ok {
		return ""
	}
	return app.FormatMoney(d)
}
