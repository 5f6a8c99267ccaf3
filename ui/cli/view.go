package cli

import (
	"time"

	"fapiao/app"
)

// invoiceView is an invoice as `show --json` prints it (DESIGN §3). Money
// is a string with two decimals so no consumer ever parses it as a float.
type invoiceView struct {
	Number        string     `json:"number"`
	Code          string     `json:"code,omitempty"`       // 发票代码, where the provider returns one
	CheckCode     string     `json:"check_code,omitempty"` // 校验码
	BlueNumber    string     `json:"blue_number,omitempty"`
	RequestSerial string     `json:"request_serial"`
	IssuedAt      string     `json:"issued_at"`
	Status        string     `json:"status"`
	StatusMessage string     `json:"status_message,omitempty"`
	Type          string     `json:"type"`
	Provider      string     `json:"provider,omitempty"`
	Seller        app.Party  `json:"seller"`
	Buyer         app.Party  `json:"buyer"`
	Lines         []lineView `json:"lines"`
	TotalAmount   string     `json:"total_amount"`
	TotalTax      string     `json:"total_tax"`
	Total         string     `json:"total"`
	TotalInWords  string     `json:"total_in_words"`
	Remark        string     `json:"remark"`
	Drawer        string     `json:"drawer"`
}

type lineView struct {
	Nature      int    `json:"nature"`
	Name        string `json:"name"`
	TaxCode     string `json:"tax_code"`
	Spec        string `json:"spec"`
	Unit        string `json:"unit"`
	Quantity    string `json:"quantity"`
	Price       string `json:"price"`
	Amount      string `json:"amount"`
	TaxIncluded bool   `json:"tax_included"`
	TaxRate     string `json:"tax_rate"`
	AmountExcl  string `json:"amount_excl"`
	Tax         string `json:"tax"`
}

func viewOf(inv app.Invoice) invoiceView {
	v := invoiceView{
		Number: inv.Number, Code: inv.Code, CheckCode: inv.CheckCode, BlueNumber: inv.BlueNumber, RequestSerial: inv.RequestSerial, Status: string(inv.Status),
		StatusMessage: inv.StatusMessage, Type: string(inv.Type), Provider: inv.Provider,
		Seller: inv.Seller, Buyer: inv.Buyer, Lines: make([]lineView, len(inv.Lines)),
		TotalAmount: app.FormatMoney(inv.TotalAmount), TotalTax: app.FormatMoney(inv.TotalTax),
		Total: app.FormatMoney(inv.Total), TotalInWords: inv.TotalInWords(),
		Remark: inv.Remark, Drawer: inv.Drawer,
	}
	if !inv.IssuedAt.IsZero() {
		v.IssuedAt = inv.IssuedAt.In(app.ChinaTime).Format(time.RFC3339)
	}
	for i, l := range inv.Lines {
		v.Lines[i] = lineView{
			Nature: int(l.Nature), Name: l.Name, TaxCode: l.TaxCode, Spec: l.Spec, Unit: l.Unit,
			Amount: app.FormatMoney(l.Amount), TaxIncluded: l.TaxIncluded, TaxRate: app.FormatRate(l.TaxRate),
			AmountExcl: app.FormatMoney(l.AmountExcl), Tax: app.FormatMoney(l.Tax),
		}
		if l.Quantity.Valid {
			v.Lines[i].Quantity = app.FormatQuantity(l.Quantity.Decimal)
		}
		if l.Price.Valid {
			v.Lines[i].Price = app.FormatQuantity(l.Price.Decimal)
		}
	}
	return v
}
