package ui

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"fapiao/app"
)

// exportFixture stores 2,000 invoices and returns the filtered query
// (unchecked ones) and what it matches, in its order.
func exportFixture(t *testing.T) (*inboundRig, app.InboundQuery, []app.InboundInvoice) {
	r := newInboundRig(t)
	r.store(genInbound(2000, 6))
	q := app.InboundQuery{Statuses: []app.InboundStatus{app.InboundUnchecked}, Sort: "amount", Desc: true}
	var want []app.InboundInvoice
	if err := r.fx.svc.Inbound.Each(context.Background(), q, func(inv app.InboundInvoice) error {
		want = append(want, inv)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || len(want) == 2000 {
		t.Fatalf("the filter should match some: %d", len(want))
	}
	return r, q, want
}

// sample picks a 20-digit invoice, an 8-digit one with leading zeros and
// a voucher among the rows.
func sample(t *testing.T, rows []app.InboundInvoice) (long, zeros, voucher int) {
	long, zeros, voucher = -1, -1, -1
	for i, inv := range rows {
		switch {
		case len(inv.Number) == 20 && long < 0:
			long = i
		case inv.Type == "01" && strings.HasPrefix(inv.Number, "0") && zeros < 0:
			zeros = i
		case !inv.Amount.Valid && voucher < 0:
			voucher = i
		}
	}
	if long < 0 || zeros < 0 || voucher < 0 {
		t.Fatalf("rows lack a sample: %d %d %d", long, zeros, voucher)
	}
	return long, zeros, voucher
}

func TestInboundCSVExportReadsBack(t *testing.T) {
	r, q, want := exportFixture(t)
	path := filepath.Join(t.TempDir(), "inbound.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var progress []int
	n, err := writeInboundCSV(f, func(fn func(app.InboundInvoice) error) error {
		return r.fx.svc.Inbound.Each(context.Background(), q, fn)
	}, func(n int) { progress = append(progress, n) })
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || n != len(want) {
		t.Fatalf("wrote %d of %d: %v", n, len(want), err)
	}
	if len(progress) != len(want)/exportEvery {
		t.Errorf("progress heard %v", progress)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), utf8BOM) {
		t.Error("the CSV must start with a UTF-8 BOM")
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != len(want)+1 {
		t.Fatalf("%d records, want the header and %d rows", len(records), len(want))
	}
	header := records[0]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %v", name, header)
		return -1
	}
	number, amount, seller := col("发票号码"), col("金额"), col("销方名称")
	long, zeros, voucher := sample(t, want)
	for _, i := range []int{long, zeros} {
		if got := records[i+1][number]; got != want[i].Number {
			t.Errorf("row %d number %q, want %q", i, got, want[i].Number)
		}
	}
	if got := records[long+1][amount]; got != want[long].Amount.Decimal.StringFixed(2) {
		t.Errorf("amount %q, want %s", got, want[long].Amount.Decimal.StringFixed(2))
	}
	if got := records[voucher+1][amount]; got != "" {
		t.Errorf("a voucher's amount %q, want empty", got)
	}
	if got := records[1][seller]; got != want[0].SellerName {
		t.Errorf("Chinese text: %q, want %q", got, want[0].SellerName)
	}
}

func TestInboundXLSXExportReadsBack(t *testing.T) {
	r, q, want := exportFixture(t)
	path := filepath.Join(t.TempDir(), "inbound.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := writeInboundXLSX(f, func(fn func(app.InboundInvoice) error) error {
		return r.fx.svc.Inbound.Each(context.Background(), q, fn)
	}, nil)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || n != len(want) {
		t.Fatalf("wrote %d of %d: %v", n, len(want), err)
	}

	book, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.Rows("进项发票")
	if err != nil {
		t.Fatal(err)
	}
	var all [][]string
	for rows.Next() {
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cols)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if len(all) != len(want)+1 {
		t.Fatalf("%d rows, want the header and %d", len(all), len(want))
	}
	number, amount := 4, 10
	if all[0][number] != "发票号码" || all[0][amount] != "金额" {
		t.Fatalf("header: %v", all[0])
	}
	long, zeros, voucher := sample(t, want)
	for _, i := range []int{long, zeros} {
		if got := all[i+1][number]; got != want[i].Number {
			t.Errorf("row %d number %q, want %q", i, got, want[i].Number)
		}
	}
	cell := func(col, row int) string {
		name, err := excelize.CoordinatesToCellName(col+1, row+2)
		if err != nil {
			t.Fatal(err)
		}
		return name
	}
	// The amount is a number, formatted 0.00, whose stored digits are the
	// amount's.
	raw, err := book.GetCellValue("进项发票", cell(amount, long), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := decimal.NewFromString(raw); err != nil || !d.Equal(want[long].Amount.Decimal) {
		t.Errorf("raw amount %q, want %s", raw, want[long].Amount.Decimal)
	}
	if got := all[long+1][amount]; got != want[long].Amount.Decimal.StringFixed(2) {
		t.Errorf("formatted amount %q, want %s", got, want[long].Amount.Decimal.StringFixed(2))
	}
	if typ, err := book.GetCellType("进项发票", cell(amount, long)); err != nil || typ == excelize.CellTypeInlineString {
		t.Errorf("the amount cell is of type %v: want a number", typ)
	}
	if typ, _ := book.GetCellType("进项发票", cell(number, zeros)); typ != excelize.CellTypeInlineString {
		t.Errorf("the number cell is of type %v: want text", typ)
	}
	if len(all[voucher+1]) > amount && all[voucher+1][amount] != "" {
		t.Errorf("a voucher's amount %q, want empty", all[voucher+1][amount])
	}
}

// TestXLSXAmountsTooLongForAFloatAreText: an amount of more than 15
// digits is written as its text, never rounded.
func TestXLSXAmountsTooLongForAFloatAreText(t *testing.T) {
	if got := xlsxNumber(decimal.RequireFromString("1234.56")); got != 1234.56 {
		t.Errorf("1234.56 → %v", got)
	}
	if got := xlsxNumber(decimal.RequireFromString("12345678901234.56")); got != "12345678901234.56" {
		t.Errorf("a 16-digit amount → %v, want its text", got)
	}
}

// TestInboundExportFromTheScreen: the screen's export writes the filtered
// rows and says where; a failed export leaves no file.
func TestInboundExportFromTheScreen(t *testing.T) {
	r := newInboundRig(t)
	r.store(genInbound(1500, 7))
	w, s := r.openInbound()
	s.filter.status.SetSelected("往期")
	r.drain()
	path := filepath.Join(t.TempDir(), "out.csv")
	wc, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	s.exportInto(inboundCSV, s.fullQuery(), s.table.count, wc)
	r.drain()
	if got := overlayTexts(w.win); !strings.Contains(got, "已导出 "+groupedCount(int64(s.table.count))+" 张到:"+path) {
		t.Errorf("after the export: %q", got)
	}
	dismissOverlays(w.win)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\r\n"); lines != s.table.count+1 {
		t.Errorf("%d lines, want %d", lines, s.table.count+1)
	}

	failing := inboundFormat{ext: "csv", name: "CSV", write: func(w io.Writer, _ inboundRows, _ func(int)) (int, error) {
		_, _ = w.Write([]byte("partial"))
		return 0, errors.New("磁盘已满")
	}}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	wc, err = storage.Writer(storage.NewFileURI(bad))
	if err != nil {
		t.Fatal(err)
	}
	s.exportInto(failing, s.fullQuery(), s.table.count, wc)
	r.drain()
	if got := overlayTexts(w.win); !strings.Contains(got, "磁盘已满") {
		t.Errorf("the failure is not shown: %q", got)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a failed export left its file: %v", err)
	}
	dismissOverlays(w.win)
}
