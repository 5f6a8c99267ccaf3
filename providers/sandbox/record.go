package sandbox

import "fapiao/app"

// issuedInvoice is an invoice as the sandbox bureau keeps it: the domain
// invoice (number, serial, parties, lines, totals) plus what only the
// bureau's records hold.
type issuedInvoice struct {
	app.Invoice
	Username   string // 局端账号 that issued it (czydm)
	BuyerPhone string // gfkhdh: where the buyer is told; not printed
	LevyMethod string // zsfs
	Payee      string // skr
	Reviewer   string // fhr
	FileToken  string // the secret in the layout-file links
}
