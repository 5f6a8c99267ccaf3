package layout

import (
	"encoding/xml"
	"fmt"
	"strconv"

	"fapiao/app"
)

// eInvoice is the 数电 EInvoice document. Element names are the bureau's;
// every amount is a string with two decimals, never a float.
type eInvoice struct {
	XMLName            xml.Name      `xml:"EInvoice"`
	Header             eiHeader      `xml:"Header"`
	Data               eiData        `xml:"EInvoiceData"`
	TaxSupervisionInfo eiSupervision `xml:"TaxSupervisionInfo"`
}

type eiHeader struct {
	EIid          string          `xml:"EIid"`
	EInvoiceTag   string          `xml:"EInvoiceTag"`
	Version       string          `xml:"Version"`
	InherentLabel eiInherentLabel `xml:"InherentLabel"`
}

type eiInherentLabel struct {
	EInvoiceType eiLabel `xml:"EInvoiceType"`
}

type eiLabel struct {
	LabelCode string `xml:"LabelCode"`
	LabelName string `xml:"LabelName"`
}

type eiData struct {
	Seller     eiSeller     `xml:"SellerInformation"`
	Buyer      eiBuyer      `xml:"BuyerInformation"`
	Basic      eiBasic      `xml:"BasicInformation"`
	Items      []eiItem     `xml:"IssuItemInformation"`
	Additional eiAdditional `xml:"AdditionalInformation"`
}

type eiSeller struct {
	IDNum      string `xml:"SellerIdNum"`
	Name       string `xml:"SellerName"`
	Addr       string `xml:"SellerAddr"`
	TelNum     string `xml:"SellerTelNum"`
	BankName   string `xml:"SellerBankName"`
	BankAccNum string `xml:"SellerBankAccNum"`
}

type eiBuyer struct {
	IDNum         string `xml:"BuyerIdNum"`
	Name          string `xml:"BuyerName"`
	Addr          string `xml:"BuyerAddr"`
	TelNum        string `xml:"BuyerTelNum"`
	BankName      string `xml:"BuyerBankName"`
	BankAccNum    string `xml:"BuyerBankAccNum"`
	NaturalPerson string `xml:"BuyerNaturalPerson"` // Y or N
}

type eiBasic struct {
	TotalAmWithoutTax    string `xml:"TotalAmWithoutTax"`
	TotalTaxAm           string `xml:"TotalTaxAm"`
	TotalWithTax         string `xml:"TotalTax-includedAmount"`
	TotalWithTaxCapitals string `xml:"TotalTax-includedAmountInChinese"`
	Drawer               string `xml:"Drawer"`
	RequestTime          string `xml:"RequestTime"`
}

type eiItem struct {
	ItemName               string `xml:"ItemName"`
	SpecMod                string `xml:"SpecMod"`
	MeaUnits               string `xml:"MeaUnits"`
	Quantity               string `xml:"Quantity"`
	UnPrice                string `xml:"UnPrice"`
	Amount                 string `xml:"Amount"`
	TaxRate                string `xml:"TaxRate"`
	ComTaxAm               string `xml:"ComTaxAm"`
	TotaltaxIncludedAmount string `xml:"TotaltaxIncludedAmount"`
	TaxClassificationCode  string `xml:"TaxClassificationCode"`
	LineNature             string `xml:"InvoiceLineNature"` // 0 normal, 1 discount, 2 discounted
}

type eiAdditional struct {
	Remark string `xml:"Remark"`
}

type eiSupervision struct {
	InvoiceNumber string `xml:"InvoiceNumber"`
	IssueTime     string `xml:"IssueTime"`
	TaxBureauCode string `xml:"TaxBureauCode"`
	TaxBureauName string `xml:"TaxBureauName"`
}

// issueTimeLayout is how the XML writes times, on the China clock.
const issueTimeLayout = "2006-01-02 15:04:05"

// eInvoiceVersion is the document version the Header declares.
const eInvoiceVersion = "0.1"

// newEInvoice maps an issued invoice to the EInvoice document.
func newEInvoice(inv app.Invoice) (eInvoice, error) {
	number, err := app.ParseInvoiceNumber(inv.Number)
	if err != nil {
		return eInvoice{}, err
	}
	issued := chinaTime(inv.IssuedAt).Format(issueTimeLayout)
	// The request is when the invoice was committed for sending; an invoice
	// that never went through the outbox (tests, imports) uses its issue time.
	requested := issued
	if !inv.CreatedAt.IsZero() {
		requested = chinaTime(inv.CreatedAt).Format(issueTimeLayout)
	}
	bureauCode, bureauName := taxBureau(number.Province)
	s, b := inv.Seller, inv.Buyer
	doc := eInvoice{
		Header: eiHeader{
			EIid:        inv.Number,
			EInvoiceTag: "SWEI" + number.Province + "00",
			Version:     eInvoiceVersion,
			InherentLabel: eiInherentLabel{
				EInvoiceType: eiLabel{LabelCode: string(inv.Type), LabelName: inv.Type.Label()},
			},
		},
		Data: eiData{
			Seller: eiSeller{IDNum: s.TaxID, Name: s.Name, Addr: s.Address, TelNum: s.Phone,
				BankName: s.Bank, BankAccNum: s.Account},
			Buyer: eiBuyer{IDNum: b.TaxID, Name: b.Name, Addr: b.Address, TelNum: b.Phone,
				BankName: b.Bank, BankAccNum: b.Account, NaturalPerson: yesNo(b.NaturalPerson)},
			Basic: eiBasic{
				TotalAmWithoutTax: money(inv.TotalAmount), TotalTaxAm: money(inv.TotalTax),
				TotalWithTax: money(inv.Total), TotalWithTaxCapitals: inv.TotalInWords(),
				Drawer: inv.Drawer, RequestTime: requested,
			},
			Additional: eiAdditional{Remark: inv.Remark},
		},
		TaxSupervisionInfo: eiSupervision{InvoiceNumber: inv.Number, IssueTime: issued,
			TaxBureauCode: bureauCode, TaxBureauName: bureauName},
	}
	for _, l := range inv.Lines {
		doc.Data.Items = append(doc.Data.Items, newEIItem(l))
	}
	return doc, nil
}

func newEIItem(l app.Line) eiItem {
	return eiItem{
		ItemName: l.Name, SpecMod: l.Spec, MeaUnits: l.Unit,
		Quantity: quantity(l.Quantity), UnPrice: quantity(l.PriceExclTax()),
		Amount: money(l.AmountExcl), TaxRate: app.FormatRate(l.TaxRate), ComTaxAm: money(l.Tax),
		TotaltaxIncludedAmount: money(l.Total()), TaxClassificationCode: l.TaxCode,
		LineNature: strconv.Itoa(int(l.Nature)),
	}
}

func yesNo(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

// marshalEInvoice writes the document, UTF-8 with its declaration.
func marshalEInvoice(inv app.Invoice) ([]byte, error) {
	doc, err := newEInvoice(inv)
	if err != nil {
		return nil, fmt.Errorf("layout: XML: %w", err)
	}
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("layout: XML: %w", err)
	}
	return append([]byte(xml.Header), body...), nil
}
