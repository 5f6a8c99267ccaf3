package sandbox

import "fapiao/app"

// Invoice kinds (kplx) as stored.
const (
	kindBlue = "0"
	kindRed  = "1"
)

// Channels an invoice can come through (invoices.channel).
const (
	channelBureau  = ""        // the bureau's own gateways: 票单云, 乐企
	channelXunlian = "xunlian" // 迅联云 serverIssue
)

// Red status codes of a blue invoice (hczt), as fpztdm numbers them.
const (
	redStatusNone    = "0"
	redStatusPartial = "7" // 部分红冲
	redStatusFull    = "8" // 全额红冲
)

// issuedInvoice is an invoice as the sandbox bureau keeps it: the domain
// invoice (number, serial, parties, lines, totals; BlueNumber on a red
// one) plus what only the bureau's records hold.
type issuedInvoice struct {
	app.Invoice
	Username   string // 局端账号 that issued it (czydm)
	BuyerPhone string // gfkhdh: where the buyer is told; not printed
	LevyMethod string // zsfs
	Payee      string // skr
	Reviewer   string // fhr
	FileToken  string // the secret in the layout-file links

	Red       bool   // a red invoice (kplx 1)
	RedForm   string // red: the form it was issued on (tzdbh)
	RedStatus string // blue: redStatusNone, redStatusPartial or redStatusFull

	// Channel is who took the request: channelBureau (the 票单云 gateway,
	// 乐企) or channelXunlian (迅联云 serverIssue).
	Channel string

	// What the simulated buyer did with a blue invoice: confirmed its use
	// (用途确认, e.g. to deduct its tax) and booked it (入账).
	BuyerUsed   bool
	BuyerBooked bool
}
