// Package layout renders an issued invoice as the bureau's layout files:
// PDF, OFD and the EInvoice XML.
package layout

import (
	"errors"

	"fapiao/app"
)

var errTODO = errors.New("layout: not written yet")

// PDF renders the invoice as a PDF.
func PDF(inv app.Invoice) ([]byte, error) { return nil, errTODO }

// OFD renders the invoice as an OFD package (a zip with OFD.xml at its root).
func OFD(inv app.Invoice) ([]byte, error) { return nil, errTODO }

// XML renders the invoice as an EInvoice XML document.
func XML(inv app.Invoice) ([]byte, error) { return nil, errTODO }
