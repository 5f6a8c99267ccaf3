package xunlian

// serverIssueRequest is serverIssue's body, with the seed's field names. It
// is built once per invoice from the domain's figures: every amount is a
// string with the seed's fixed decimals, so the same invoice always sends
// the same bytes. Optional fields the invoice has no value for are left
// out (the seed's example sends them as null; absent means the same).
type serverIssueRequest struct {
	CompanyDataResource   string `json:"companyDataResource"`
	RequisitionApplyNo    string `json:"requisitionApplyNo"`
	OtherID               string `json:"otherId"`
	InvoiceTypeCode       string `json:"invoiceTypeCode"`
	BuyerName             string `json:"buyerName"`
	BuyerTaxID            string `json:"buyerTaxId,omitempty"`
	BuyerAddress          string `json:"buyerAddress,omitempty"`
	BuyerBankAndID        string `json:"buyerBankAndId,omitempty"`
	Note                  string `json:"note,omitempty"`
	SellerName            string `json:"sellerName"`
	SellerTaxID           string `json:"sellerTaxId"`
	SellerAddress         string `json:"sellerAddress,omitempty"`
	SellerBankAndID       string `json:"sellerBankAndId,omitempty"`
	TotalAmountExcludeTax string `json:"totalAmountExcludeTax"`
	TotalTaxAmount        string `json:"totalTaxAmount"`
	TotalAmountIncludeTax string `json:"totalAmountIncludeTax"`
	SpecialInvoiceMark    string `json:"specialInvoiceMark"`
	// ComputeWithTax is never omitted: the seed reads an absent flag as
	// 含税 (1), so leaving out a 0 would turn every exclusive figure into an
	// inclusive one.
	ComputeWithTax  int    `json:"computeWithTax"`
	ReceiveMsgEmail string `json:"receiveMsgEmail,omitempty"`
	TerminalCode    string `json:"terminalCode"`
	Drawer          string `json:"drawer,omitempty"`
	// BlueInvoiceNo and BlueInvoiceCode are sent on a red invoice only —
	// both, the code empty when the blue invoice has none (数电) — and are
	// absent from a blue one.
	BlueInvoiceNo   *string    `json:"blueInvoiceNo,omitempty"`
	BlueInvoiceCode *string    `json:"blueInvoiceCode,omitempty"`
	Lines           []wireLine `json:"lines"`
}

// wireLine is one of lines: a clerk's line, with its discount folded in
// when it has one (lineAttribute 2).
type wireLine struct {
	ID                     string `json:"id"`
	ItemName               string `json:"itemName"`
	Unit                   string `json:"unit,omitempty"`
	ItemModelName          string `json:"itemModelName,omitempty"`
	LineAttribute          string `json:"lineAttribute"`
	Discount               string `json:"discount,omitempty"`
	LineDiscountExcludeTax string `json:"lineDiscountExcludeTax,omitempty"`
	TaxDiscount            string `json:"taxDiscount,omitempty"`
	PriceExcludeTax        string `json:"priceExcludeTax,omitempty"`
	PriceIncludeTax        string `json:"priceIncludeTax,omitempty"`
	Quantity               string `json:"quantity,omitempty"`
	LineAmountExcludeTax   string `json:"lineAmountExcludeTax"`
	LineAmountIncludeTax   string `json:"lineAmountIncludeTax"`
	TaxAmount              string `json:"taxAmount"`
	TaxRate                string `json:"taxRate"`
	TaxClassificationCode  string `json:"taxClassificationCode"`
}

// Codes the seed defines.
const (
	typeElectronicOrdinary = "10" // 电子普票
	typeElectronicSpecial  = "08" // 电子专票
	specialMarkNone        = "00" // 非特殊票种
	attributeNormal        = "0"  // 正常行
	attributeDiscounted    = "2"  // 被折扣行
)
