// Package layout renders an issued invoice as the bureau's layout files:
// PDF, OFD and the EInvoice XML. The sandbox serves them the way the tax
// bureau does, and clerks print, send and archive them.
//
// PDF and OFD are drawn from one page model (sheet.go): the page is laid
// out once, in millimetres, and each format writes the same text and rules
// at the same places.
package layout

import "fapiao/app"

// PDF renders the invoice as a PDF: the bureau's 电子发票 layout on 241 × 140
// mm landscape pages, continued on further pages when the lines do not fit.
// The invoice must be issued (a 20-digit number and an issue date).
func PDF(inv app.Invoice) ([]byte, error) {
	if err := checkIssued(inv); err != nil {
		return nil, err
	}
	sheets, err := layoutInvoice(inv)
	if err != nil {
		return nil, err
	}
	return renderPDF(inv, sheets)
}

// OFD renders the invoice as an OFD package (GB/T 33190: a zip with OFD.xml
// at its root), with the same pages as the PDF and the EInvoice XML attached,
// as the bureau's OFD files carry it.
func OFD(inv app.Invoice) ([]byte, error) {
	if err := checkIssued(inv); err != nil {
		return nil, err
	}
	sheets, err := layoutInvoice(inv)
	if err != nil {
		return nil, err
	}
	data, err := XML(inv)
	if err != nil {
		return nil, err
	}
	return renderOFD(inv, sheets, data)
}

// XML renders the invoice as an EInvoice XML document (the 数电 data file).
func XML(inv app.Invoice) ([]byte, error) {
	if err := checkIssued(inv); err != nil {
		return nil, err
	}
	return marshalEInvoice(inv)
}
