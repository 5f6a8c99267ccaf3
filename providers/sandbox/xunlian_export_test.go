package sandbox

import (
	"context"

	"fapiao/app"
)

// What the external tests (package sandbox_test) may look at inside the
// sandbox: its invoices as stored.

// StoredInvoice loads an invoice the sandbox issued, by number.
func (s *Server) StoredInvoice(number string) (app.Invoice, error) {
	inv, err := s.findInvoice(context.Background(), invoiceKey{Number: number})
	return inv.Invoice, err
}

// InvoiceCount is how many invoices the sandbox has issued.
func (s *Server) InvoiceCount() (int, error) {
	var n int
	err := s.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM invoices`).Scan(&n)
	return n, err
}
