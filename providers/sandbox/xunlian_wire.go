package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/shopspring/decimal"
)

// wireText is one scalar of a serverIssue request as text. Seed 003's own
// example sends otherId as a number and the amounts as strings, so a JSON
// string, number or boolean is taken as written (a number keeps its
// literal: a 17-digit otherId is not rounded through a float) and null
// reads as absent. Surrounding blanks are trimmed, as the platform's
// gateway does. An object or array is refused.
type wireText string

// UnmarshalJSON implements json.Unmarshaler.
func (t *wireText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*t = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = wireText(strings.TrimSpace(s))
	case b[0] == '{' || b[0] == '[':
		// A type error, so the decoder names the field.
		return &json.UnmarshalTypeError{Value: "object or array", Type: reflect.TypeFor[string]()}
	default:
		*t = wireText(b)
	}
	return nil
}

func (t wireText) String() string { return string(t) }

// serverIssueWire is serverIssue's body with seed 003's field names. Field
// names match case-insensitively (encoding/json does), so the table's
// "Lines" and the example's "lines" both arrive; fields the seed lists that
// the sandbox does not act on are still checked for length.
type serverIssueWire struct {
	CompanyDataResource   wireText   `json:"companyDataResource"`
	RequisitionApplyNo    wireText   `json:"requisitionApplyNo"`
	OtherID               wireText   `json:"otherId"`
	InvoiceTypeCode       wireText   `json:"invoiceTypeCode"`
	BuyerName             wireText   `json:"buyerName"`
	BuyerTaxID            wireText   `json:"buyerTaxId"`
	BuyerAddress          wireText   `json:"buyerAddress"`
	BuyerBankAndID        wireText   `json:"buyerBankAndId"`
	Note                  wireText   `json:"note"`
	SellerName            wireText   `json:"sellerName"`
	SellerTaxID           wireText   `json:"sellerTaxId"`
	SellerAddress         wireText   `json:"sellerAddress"`
	SellerBankAndID       wireText   `json:"sellerBankAndId"`
	TotalAmountExcludeTax wireText   `json:"totalAmountExcludeTax"`
	TotalTaxAmount        wireText   `json:"totalTaxAmount"`
	TotalAmountIncludeTax wireText   `json:"totalAmountIncludeTax"`
	SpecialInvoiceMark    wireText   `json:"specialInvoiceMark"`
	ComputeWithTax        wireText   `json:"computeWithTax"`
	ReceiveRecipient      wireText   `json:"receiveRecipient"`
	ReceiveAddress        wireText   `json:"receiveAddress"`
	ReceiveMsgPhone       wireText   `json:"receiveMsgPhone"`
	ReceiveMsgEmail       wireText   `json:"receiveMsgEmail"`
	StatementCode         wireText   `json:"statementCode"`
	NoticeCodeNo          wireText   `json:"noticeCodeNo"`
	TerminalCode          wireText   `json:"terminalCode"`
	Payee                 wireText   `json:"payee"`
	Drawer                wireText   `json:"drawer"`
	Reviewer              wireText   `json:"reviewer"`
	BlueInvoiceNo         wireText   `json:"blueInvoiceNo"`
	BlueInvoiceCode       wireText   `json:"blueInvoiceCode"`
	Lines                 []lineWire `json:"lines"`
}

// lineWire is one of lines.
type lineWire struct {
	ID                     wireText `json:"id"`
	ItemName               wireText `json:"itemName"`
	Unit                   wireText `json:"unit"`
	ItemModelName          wireText `json:"itemModelName"`
	LineAttribute          wireText `json:"lineAttribute"`
	Discount               wireText `json:"discount"`
	LineDiscountExcludeTax wireText `json:"lineDiscountExcludeTax"`
	TaxDiscount            wireText `json:"taxDiscount"`
	PriceExcludeTax        wireText `json:"priceExcludeTax"`
	PriceIncludeTax        wireText `json:"priceIncludeTax"`
	Quantity               wireText `json:"quantity"`
	LineAmountExcludeTax   wireText `json:"lineAmountExcludeTax"`
	LineAmountIncludeTax   wireText `json:"lineAmountIncludeTax"`
	TaxAmount              wireText `json:"taxAmount"`
	TaxRate                wireText `json:"taxRate"`
	TaxClassificationCode  wireText `json:"taxClassificationCode"`
	MaterialCode           wireText `json:"materialCode"`
	ZeroTaxRateFlag        wireText `json:"zeroTaxRateFlag"`
	FavouredPolicyMark     wireText `json:"favouredPolicyMark"`
	FavouredPolicyName     wireText `json:"favouredPolicyName"`
	OrderNo                wireText `json:"orderNo"`
	OrderLineID            wireText `json:"orderLineId"`
	StatementCode          wireText `json:"statementCode"`
	StatementLineID        wireText `json:"statementLineId"`
	NoticeCodeNo           wireText `json:"noticeCodeNo"`
	NoticeLineID           wireText `json:"noticeLineId"`
}

// decodeServerIssue reads the body: one JSON object, nothing after it.
// Its errors are the refusal's message.
func decodeServerIssue(body []byte) (serverIssueWire, error) {
	var req serverIssueWire
	dec := json.NewDecoder(bytes.NewReader(body))
	err := dec.Decode(&req)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("JSON对象之后还有多余内容")
		}
	}
	if err == nil {
		return req, nil
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return req, fmt.Errorf("请求参数格式错误:字段 %s 的类型不对", typeErr.Field)
	}
	return req, fmt.Errorf("请求体不是有效的JSON:%v", err)
}

// contentHash identifies what a request asks for, so that the same
// application number sent again can be told apart from a different
// invoice under it: the fields as decoded (key order, blanks, null versus
// absent, a number versus a string do not count) with every figure
// written as its value ("4570.8" and "4570.80" are the same amount).
func (r serverIssueWire) contentHash() string {
	c := r
	for _, f := range []*wireText{&c.TotalAmountExcludeTax, &c.TotalTaxAmount, &c.TotalAmountIncludeTax, &c.ComputeWithTax} {
		*f = canonicalFigure(*f)
	}
	c.Lines = make([]lineWire, len(r.Lines))
	for i, l := range r.Lines {
		for _, f := range []*wireText{&l.Discount, &l.LineDiscountExcludeTax, &l.TaxDiscount, &l.PriceExcludeTax,
			&l.PriceIncludeTax, &l.Quantity, &l.LineAmountExcludeTax, &l.LineAmountIncludeTax, &l.TaxAmount, &l.TaxRate} {
			*f = canonicalFigure(*f)
		}
		c.Lines[i] = l
	}
	b, _ := json.Marshal(c) // strings and slices of strings always marshal
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// canonicalFigure writes a figure as its value, or leaves text that is no
// figure as it is (such a request is refused anyway).
func canonicalFigure(t wireText) wireText {
	if len(t) > maxFigureText || !plainDecimal.MatchString(string(t)) {
		return t
	}
	d, err := decimal.NewFromString(string(t))
	if err != nil {
		return t
	}
	return wireText(d.String())
}
