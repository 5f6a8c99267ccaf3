package layout

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"

	"fapiao/app"
)

// parsedEInvoice reads back the fields a consumer of the file relies on,
// with its own element paths, so a renamed element fails the test.
type parsedEInvoice struct {
	XMLName     xml.Name `xml:"EInvoice"`
	EIid        string   `xml:"Header>EIid"`
	Tag         string   `xml:"Header>EInvoiceTag"`
	Version     string   `xml:"Header>Version"`
	TypeCode    string   `xml:"Header>InherentLabel>EInvoiceType>LabelCode"`
	TypeName    string   `xml:"Header>InherentLabel>EInvoiceType>LabelName"`
	SellerID    string   `xml:"EInvoiceData>SellerInformation>SellerIdNum"`
	SellerName  string   `xml:"EInvoiceData>SellerInformation>SellerName"`
	SellerBank  string   `xml:"EInvoiceData>SellerInformation>SellerBankAccNum"`
	BuyerID     string   `xml:"EInvoiceData>BuyerInformation>BuyerIdNum"`
	BuyerName   string   `xml:"EInvoiceData>BuyerInformation>BuyerName"`
	Amount      string   `xml:"EInvoiceData>BasicInformation>TotalAmWithoutTax"`
	Tax         string   `xml:"EInvoiceData>BasicInformation>TotalTaxAm"`
	Total       string   `xml:"EInvoiceData>BasicInformation>TotalTax-includedAmount"`
	TotalWords  string   `xml:"EInvoiceData>BasicInformation>TotalTax-includedAmountInChinese"`
	Drawer      string   `xml:"EInvoiceData>BasicInformation>Drawer"`
	RequestTime string   `xml:"EInvoiceData>BasicInformation>RequestTime"`
	Items       []struct {
		Name     string `xml:"ItemName"`
		Spec     string `xml:"SpecMod"`
		Unit     string `xml:"MeaUnits"`
		Quantity string `xml:"Quantity"`
		Price    string `xml:"UnPrice"`
		Amount   string `xml:"Amount"`
		Rate     string `xml:"TaxRate"`
		Tax      string `xml:"ComTaxAm"`
		Total    string `xml:"TotaltaxIncludedAmount"`
		TaxCode  string `xml:"TaxClassificationCode"`
		Nature   string `xml:"InvoiceLineNature"`
	} `xml:"EInvoiceData>IssuItemInformation"`
	Remark     string `xml:"EInvoiceData>AdditionalInformation>Remark"`
	Number     string `xml:"TaxSupervisionInfo>InvoiceNumber"`
	IssueTime  string `xml:"TaxSupervisionInfo>IssueTime"`
	BureauCode string `xml:"TaxSupervisionInfo>TaxBureauCode"`
	BureauName string `xml:"TaxSupervisionInfo>TaxBureauName"`
}

func parseEInvoice(t *testing.T, inv app.Invoice) parsedEInvoice {
	t.Helper()
	data, err := XML(inv)
	if err != nil {
		t.Fatalf("XML: %v", err)
	}
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("XML lacks its UTF-8 declaration: %q", data[:min(len(data), 40)])
	}
	var doc parsedEInvoice
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("XML does not parse: %v\n%s", err, data)
	}
	return doc
}

func TestXMLRoundTripsTheSeedInvoice(t *testing.T) {
	inv := seedInvoice(t)
	doc := parseEInvoice(t, inv)
	checks := map[string][2]string{
		"EIid": {doc.EIid, inv.Number}, "InvoiceNumber": {doc.Number, inv.Number},
		"EInvoiceTag": {doc.Tag, "SWEI5100"}, "Version": {doc.Version, "0.1"},
		"type code": {doc.TypeCode, "82"}, "type name": {doc.TypeName, "普通发票"},
		"seller ID": {doc.SellerID, testSeller.TaxID}, "seller name": {doc.SellerName, testSeller.Name},
		"seller account": {doc.SellerBank, testSeller.Account},
		"buyer ID":       {doc.BuyerID, testBuyer.TaxID}, "buyer name": {doc.BuyerName, testBuyer.Name},
		"amount": {doc.Amount, "0.99"}, "tax": {doc.Tax, "0.01"}, "total": {doc.Total, "1.00"},
		"in words": {doc.TotalWords, "壹元整"}, "drawer": {doc.Drawer, "张三"},
		"request time": {doc.RequestTime, "2025-06-19 19:34:07"}, "issue time": {doc.IssueTime, "2025-06-19 19:34:07"},
		"bureau code": {doc.BureauCode, "15100000000"}, "bureau name": {doc.BureauName, "国家税务总局四川省税务局"},
	}
	for field, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", field, c[0], c[1])
		}
	}
	if len(doc.Items) != 1 {
		t.Fatalf("items = %d, want 1", len(doc.Items))
	}
	it := doc.Items[0]
	got := [...]string{it.Name, it.Spec, it.Unit, it.Quantity, it.Price, it.Amount, it.Rate, it.Tax, it.Total, it.TaxCode, it.Nature}
	want := [...]string{"*软件*财税管理系统", "V1", "年", "1", "0.99009901", "0.99", "0.01", "0.01", "1.00", "1060301020100000000", "0"}
	if got != want {
		t.Errorf("item = %q, want %q", got, want)
	}
}

func TestXMLRequestTimeIsWhenTheInvoiceWasCommitted(t *testing.T) {
	inv := seedInvoice(t)
	inv.CreatedAt = time.Date(2025, 6, 19, 11, 30, 0, 0, time.UTC)
	doc := parseEInvoice(t, inv)
	if doc.RequestTime != "2025-06-19 19:30:00" || doc.IssueTime != "2025-06-19 19:34:07" {
		t.Errorf("request/issue time = %s / %s, want 2025-06-19 19:30:00 / 2025-06-19 19:34:07 (China time)",
			doc.RequestTime, doc.IssueTime)
	}
}

func TestXMLEscapesMarkupInNames(t *testing.T) {
	inv := markupInvoice(t)
	doc := parseEInvoice(t, inv)
	if doc.BuyerName != inv.Buyer.Name {
		t.Errorf("buyer name = %q, want %q exactly", doc.BuyerName, inv.Buyer.Name)
	}
	if doc.Items[0].Name != inv.Lines[0].Name || doc.Items[0].Spec != inv.Lines[0].Spec {
		t.Errorf("item = %q / %q, want %q / %q", doc.Items[0].Name, doc.Items[0].Spec, inv.Lines[0].Name, inv.Lines[0].Spec)
	}
	if doc.Remark != inv.Remark || doc.Drawer != inv.Drawer {
		t.Errorf("remark/drawer = %q / %q, want %q / %q", doc.Remark, doc.Drawer, inv.Remark, inv.Drawer)
	}
}

func TestXMLCarriesDiscountLinesWithTheirNature(t *testing.T) {
	doc := parseEInvoice(t, discountInvoice(t))
	if doc.TypeCode != "81" || doc.TypeName != "增值税专用发票" {
		t.Errorf("type = %s %s, want 81 增值税专用发票", doc.TypeCode, doc.TypeName)
	}
	if len(doc.Items) != 2 {
		t.Fatalf("items = %d, want the discounted line and its discount line", len(doc.Items))
	}
	if doc.Items[0].Nature != "2" || doc.Items[1].Nature != "1" {
		t.Errorf("natures = %s, %s, want 2 then 1", doc.Items[0].Nature, doc.Items[1].Nature)
	}
	if doc.Items[1].Amount != "-11.50" || doc.Items[1].Tax != "-1.50" || doc.Items[1].Quantity != "" {
		t.Errorf("discount line = %+v, want amount -11.50, tax -1.50, no quantity", doc.Items[1])
	}
	if doc.Amount != "88.50" || doc.Tax != "11.50" || doc.Total != "100.00" {
		t.Errorf("totals = %s %s %s, want 88.50 11.50 100.00", doc.Amount, doc.Tax, doc.Total)
	}
}

func TestXMLRedInvoiceHasNegativeTotals(t *testing.T) {
	red := redOf(discountInvoice(t))
	doc := parseEInvoice(t, red)
	if doc.Amount != "-88.50" || doc.Tax != "-11.50" || doc.Total != "-100.00" || doc.TotalWords != "负壹佰元整" {
		t.Errorf("red totals = %s %s %s %s", doc.Amount, doc.Tax, doc.Total, doc.TotalWords)
	}
	if doc.Items[0].Quantity != "-2" || doc.Number != red.Number || doc.Remark != red.Remark {
		t.Errorf("red line/number/remark = %s %s %s", doc.Items[0].Quantity, doc.Number, doc.Remark)
	}
}
