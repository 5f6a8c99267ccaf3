package sandbox

import "encoding/json"

// uploadRequest is QDFPSC's request: the seller and one invoice.
type uploadRequest struct {
	TaxID   string         `json:"nsrsbh"`
	Invoice *uploadInvoice `json:"fpxx"` // 发票信息
}

// uploadInvoice is fpxx as sent: every value a string, nothing checked yet.
// Amounts, quantities and unit prices exclude tax: 乐企 takes the invoice
// as the bureau stores it, without blueTicket's hsbz.
type uploadInvoice struct {
	Number            string       `json:"fphm"`    // pre-assigned, 20 digits
	IssuedAt          string       `json:"kprq"`    // 2006-01-02 15:04:05, China time
	Serial            string       `json:"fpqqlsh"` // 发票请求流水号
	Type              string       `json:"fplxdm"`  // 81 / 82
	Kind              string       `json:"kplx"`    // 0 blue, 1 red
	BlueNumber        string       `json:"yfphm"`   // red only
	SellerTaxID       string       `json:"xhdwsbh"`
	SellerName        string       `json:"xhdwmc"`
	SellerAddrPhone   string       `json:"xhdwdzdh"`
	SellerBankAccount string       `json:"xhdwyhzh"`
	BuyerTaxID        string       `json:"ghdwsbh"`
	BuyerName         string       `json:"ghdwmc"`
	BuyerAddrPhone    string       `json:"ghdwdzdh"`
	BuyerBankAccount  string       `json:"ghdwyhzh"`
	BuyerNatural      string       `json:"gfzrrbs"` // Y / N
	TotalAmount       string       `json:"hjje"`
	TotalTax          string       `json:"hjse"`
	Total             string       `json:"jshj"`
	Drawer            string       `json:"kpr"`
	Remark            string       `json:"bz"`
	Lines             []uploadLine `json:"mxxx"` // 明细信息
}

// uploadLine is one mxxx entry. xh is a number (a string of digits is
// taken too); spsl and dj are absent on a line without a quantity.
type uploadLine struct {
	Seq      json.RawMessage `json:"xh"` // 序号, from 1
	Nature   string          `json:"fphxz"`
	Name     string          `json:"spmc"`
	TaxCode  string          `json:"spbm"`
	Spec     string          `json:"ggxh"`
	Unit     string          `json:"dw"`
	Quantity string          `json:"spsl"`
	Price    string          `json:"dj"` // excluding tax
	Amount   string          `json:"je"` // excluding tax
	Rate     string          `json:"sl"`
	Tax      string          `json:"se"`
}

// form is the invoice as blueTicket's checks take it. The header fields
// keep their wire names in both protocols, so those checks' messages name
// the right fields.
func (u uploadInvoice) form() blueTicketForm {
	bt := blueTicketForm{
		Serial: u.Serial, Type: u.Type, Kind: u.Kind,
		SellerTaxID: u.SellerTaxID, SellerName: u.SellerName,
		SellerAddrPhone: u.SellerAddrPhone, SellerBankAccount: u.SellerBankAccount,
		BuyerTaxID: u.BuyerTaxID, BuyerName: u.BuyerName,
		BuyerAddrPhone: u.BuyerAddrPhone, BuyerBankAccount: u.BuyerBankAccount, BuyerNatural: u.BuyerNatural,
		TotalAmount: u.TotalAmount, TotalTax: u.TotalTax, Total: u.Total,
		Drawer: u.Drawer, Remark: u.Remark,
		Lines: make([]lineForm, len(u.Lines)),
	}
	for i, l := range u.Lines {
		bt.Lines[i] = lineForm{
			Nature: l.Nature, Name: l.Name, Spec: l.Spec, Unit: l.Unit,
			Quantity: l.Quantity, Price: l.Price, Amount: l.Amount, Rate: l.Rate, Tax: l.Tax,
			TaxIncluded: "0", TaxCode: l.TaxCode,
		}
	}
	return bt
}
