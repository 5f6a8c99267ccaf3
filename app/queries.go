package app

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// Invoice returns one invoice by its number.
func (s *IssueService) Invoice(ctx context.Context, number string) (Invoice, error) {
	return s.store.InvoiceByNumber(ctx, number)
}

// InvoiceBySerial returns one invoice by its request serial.
func (s *IssueService) InvoiceBySerial(ctx context.Context, serial string) (Invoice, error) {
	return s.store.InvoiceBySerial(ctx, serial)
}

// List returns invoices newest first.
func (s *IssueService) List(ctx context.Context, q ListQuery) ([]Invoice, error) {
	return s.store.ListInvoices(ctx, q)
}

// Export fetches an issued invoice's file from the provider.
func (s *IssueService) Export(ctx context.Context, number string, format DocFormat) ([]byte, error) {
	inv, err := s.store.InvoiceByNumber(ctx, number)
	if err != nil {
		return nil, fmt.Errorf("发票 %s: %w", number, err)
	}
	if inv.Status != StatusIssued {
		return nil, fmt.Errorf("发票 %s 尚未开具成功(%s),不能导出", number, inv.Status.Label())
	}
	return s.issuer.Document(ctx, inv, format)
}

var unsafeFileChars = regexp.MustCompile(`[\\/:*?"<>|\x00-\x1f]+`)

// ExportFileName suggests a file name for an exported invoice, as the
// bureau names its downloads: dzfp_<number>_<buyer>.<ext>.
func ExportFileName(inv Invoice, format DocFormat) string {
	buyer := strings.TrimSpace(unsafeFileChars.ReplaceAllString(inv.Buyer.Name, "_"))
	if r := []rune(buyer); len(r) > 40 {
		buyer = string(r[:40])
	}
	name := "dzfp_" + inv.Number
	if buyer != "" {
		name += "_" + buyer
	}
	return name + "." + string(format)
}
