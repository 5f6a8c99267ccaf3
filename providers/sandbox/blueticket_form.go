package sandbox

import (
	"net/url"
)

// blueTicketForm is the blueTicket request as sent: every value a string,
// nothing checked yet. The pinyin wire names are in parseBlueTicketForm.
type blueTicketForm struct {
	Username          string
	Serial            string // fpqqlsh
	Type              string // fplxdm
	SpecialElements   string // tdyslxDm
	Kind              string // kplx: 0 blue, 1 red
	ListFlag          string // qdbz
	SellerTaxID       string
	SellerName        string
	SellerAddrPhone   string
	SellerBankAccount string
	SellerNatural     string // xfzrrbs Y/N
	BuyerTaxID        string
	BuyerName         string
	BuyerAddrPhone    string
	BuyerBankAccount  string
	BuyerNatural      string // gfzrrbs Y/N
	BuyerPhone        string // gfkhdh
	BuyerEmail        string // gfkhyx
	LevyMethod        string // zsfs
	Deduction         string // kce
	TotalAmount       string // hjje
	TotalTax          string // hjse
	Total             string // jshj
	Drawer            string // kpr
	Payee             string // skr
	Reviewer          string // fhr
	Remark            string // bz
	Lines             []lineForm
}

// lineForm is one fyxm[i][…] group as sent.
type lineForm struct {
	Nature       string // fphxz
	Name         string // spmc
	Spec         string // ggxh
	Unit         string // dw
	Quantity     string // spsl
	Price        string // dj
	Amount       string // je
	Rate         string // sl
	Tax          string // se
	TaxIncluded  string // hsbz
	TaxCode      string // spbm
	Preferential string // yhzcbs
	ZeroRateFlag string // lslbs
}

// maxLines is the most lines an invoice may have.
const maxLines = 2000

func parseBlueTicketForm(form url.Values) (blueTicketForm, error) {
	f := func(name string) string { return field(form, name) }
	bt := blueTicketForm{
		Username: f("username"), Serial: f("fpqqlsh"), Type: f("fplxdm"),
		SpecialElements: f("tdyslxDm"), Kind: f("kplx"), ListFlag: f("qdbz"),
		SellerTaxID: f("xhdwsbh"), SellerName: f("xhdwmc"),
		SellerAddrPhone: f("xhdwdzdh"), SellerBankAccount: f("xhdwyhzh"), SellerNatural: f("xfzrrbs"),
		BuyerTaxID: f("ghdwsbh"), BuyerName: f("ghdwmc"),
		BuyerAddrPhone: f("ghdwdzdh"), BuyerBankAccount: f("ghdwyhzh"), BuyerNatural: f("gfzrrbs"),
		BuyerPhone: f("gfkhdh"), BuyerEmail: f("gfkhyx"),
		LevyMethod: f("zsfs"), Deduction: f("kce"),
		TotalAmount: f("hjje"), TotalTax: f("hjse"), Total: f("jshj"),
		Drawer: f("kpr"), Payee: f("skr"), Reviewer: f("fhr"), Remark: f("bz"),
	}
	lines, err := parseLineForms(form)
	bt.Lines = lines
	return bt, err
}

// parseLineForms gathers the fyxm[i][name] keys into lines. Indices must
// run 0, 1, 2… without gaps: a gap means a line got lost on the way.
func parseLineForms(form url.Values) ([]lineForm, error) {
	groups, err := indexedGroups(form, "fyxm", maxLines)
	if err != nil {
		return nil, err
	}
	lines := make([]lineForm, len(groups))
	for i, g := range groups {
		lines[i] = lineFromMap(g)
	}
	return lines, nil
}

func lineFromMap(m map[string]string) lineForm {
	return lineForm{
		Nature: m["fphxz"], Name: m["spmc"], Spec: m["ggxh"], Unit: m["dw"],
		Quantity: m["spsl"], Price: m["dj"], Amount: m["je"], Rate: m["sl"], Tax: m["se"],
		TaxIncluded: m["hsbz"], TaxCode: m["spbm"], Preferential: m["yhzcbs"], ZeroRateFlag: m["lslbs"],
	}
}
