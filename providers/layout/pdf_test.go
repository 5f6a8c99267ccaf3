package layout

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fapiao/app"
)

func mustPDF(t *testing.T, inv app.Invoice) []byte {
	t.Helper()
	data, err := PDF(inv)
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("PDF does not start with %%PDF-: %q", data[:min(len(data), 16)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(data, "\r\n "), []byte("%%EOF")) {
		t.Fatalf("PDF does not end with %%%%EOF")
	}
	return data
}

// pdfText extracts a PDF's text with poppler's pdftotext, page by page when
// first and last are given (0 for all). The test is skipped without it.
func pdfText(t *testing.T, data []byte, first, last int) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (make test installs poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "invoice.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, append(args, path, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return string(out)
}

func assertContains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestPDFPrintsTheInvoiceAsExtractableText(t *testing.T) {
	cases := map[string]app.Invoice{
		"seed": seedInvoice(t), "discount": discountInvoice(t), "markup": markupInvoice(t),
	}
	for name, inv := range cases {
		t.Run(name, func(t *testing.T) {
			text := pdfText(t, mustPDF(t, inv), 0, 0)
			assertContains(t, "PDF text", text, inv.Buyer.Name, inv.Seller.Name, inv.Number,
				inv.Lines[0].Name, "¥"+money(inv.Total), inv.TotalInWords(), inv.Remark,
				title(inv.Type), "开票日期：2025年06月19日", "开票人："+inv.Drawer)
			for _, l := range inv.Lines {
				assertContains(t, "PDF text", text, money(l.AmountExcl), money(l.Tax), percent(l.TaxRate))
			}
		})
	}
}

func TestPDFSeedInvoicePrintsTheBureauFigures(t *testing.T) {
	text := pdfText(t, mustPDF(t, seedInvoice(t)), 0, 0)
	// 1.00 tax-inclusive at 1%: amount 0.99, tax 0.01; the unit price is
	// printed excluding tax like the amount beside it.
	assertContains(t, "PDF text", text, "0.99009901", "¥0.99", "¥0.01", "¥1.00", "壹元整", "1%", "V1", "年")
}

func TestPDFRedInvoicePrintsNegativeAmounts(t *testing.T) {
	red := redOf(discountInvoice(t))
	text := pdfText(t, mustPDF(t, red), 0, 0)
	assertContains(t, "red PDF text", text, "-100.00", "-13.00", "-2", "¥-88.50", "¥-11.50", "¥-100.00",
		"负壹佰元整", "被红冲蓝字数电发票号码：25512000000064654320")
}

func TestPDFSixtyLinesContinueOnMorePagesWithTotalsOnTheLast(t *testing.T) {
	inv := manyLinesInvoice(t, 60)
	data := mustPDF(t, inv)
	pages := bytes.Count(data, []byte("/Type /Page\n"))
	if pages < 2 {
		t.Fatalf("60-line invoice has %d page objects, want several", pages)
	}
	all := pdfText(t, data, 0, 0)
	for i, l := range inv.Lines {
		if !strings.Contains(all, money(l.AmountExcl)) {
			t.Errorf("line %d amount %s missing from the PDF", i+1, money(l.AmountExcl))
		}
	}
	first := pdfText(t, data, 1, 1)
	last := pdfText(t, data, pages, pages)
	assertContains(t, "first page", first, fmt.Sprintf("共%d页 第1页", pages), inv.Buyer.Name, inv.Number)
	assertContains(t, "last page", last, fmt.Sprintf("共%d页 第%d页", pages, pages), inv.Buyer.Name,
		"价税合计", "¥"+money(inv.TotalAmount), "¥"+money(inv.Total), inv.TotalInWords())
	if strings.Contains(first, "价税合计") {
		t.Error("first page of a multi-page invoice carries the totals; they belong on the last page")
	}
}

func TestPDFIsSmall(t *testing.T) {
	data := mustPDF(t, manyLinesInvoice(t, 10))
	// Subset fonts keep it near the size of the bureau's own files (~100 KB);
	// embedding the whole CJK font would make it 4 MB.
	if len(data) > 150_000 {
		t.Errorf("10-line PDF is %d bytes, want under 150 KB (are fonts subset?)", len(data))
	}
}

func TestLayoutRefusesAnInvoiceNotIssued(t *testing.T) {
	noNumber := seedInvoice(t)
	noNumber.Number = ""
	noDate := seedInvoice(t)
	noDate.IssuedAt = time.Time{}
	for name, inv := range map[string]app.Invoice{"no number": noNumber, "no date": noDate} {
		for format, render := range map[string]func(app.Invoice) ([]byte, error){"pdf": PDF, "ofd": OFD, "xml": XML} {
			if _, err := render(inv); err == nil {
				t.Errorf("%s %s: no error, want a refusal", name, format)
			}
		}
	}
}

func BenchmarkPDF10Lines(b *testing.B) {
	inv := manyLinesInvoice(b, 10)
	for b.Loop() {
		if _, err := PDF(inv); err != nil {
			b.Fatal(err)
		}
	}
}
