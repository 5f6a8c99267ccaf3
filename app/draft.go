package app

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Draft is an invoice as the clerk typed it: in the form, in a saved draft,
// or in `fapiao issue -f`. Numbers are kept as text so that a half-typed
// value survives and is reported against its field instead of being lost.
type Draft struct {
	Type   string      `json:"type"`
	Buyer  Party       `json:"buyer"`
	Lines  []DraftLine `json:"lines"`
	Remark string      `json:"remark"`
	Drawer string      `json:"drawer"`
}

// DraftLine is one line as typed. Discount is the discount on this line, on
// the same basis as Amount; Tax, when given, overrides the computed tax and
// must stay within the bureau's tolerance.
type DraftLine struct {
	Name        string  `json:"name"`
	TaxCode     string  `json:"tax_code"`
	Spec        string  `json:"spec"`
	Unit        string  `json:"unit"`
	Quantity    NumText `json:"quantity"`
	Price       NumText `json:"price"`
	Amount      NumText `json:"amount"`
	TaxRate     NumText `json:"tax_rate"`
	TaxIncluded bool    `json:"tax_included"`
	Discount    NumText `json:"discount,omitempty"`
	Tax         NumText `json:"tax,omitempty"`
}

// NumText is a decimal as typed. In JSON it accepts a string, a number or
// null, and is written back as a string so no precision is ever lost to a
// float.
type NumText string

// UnmarshalJSON accepts "1.50", 1.50 and null.
func (n *NumText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*n = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = NumText(s)
	default:
		var num json.Number
		if err := json.Unmarshal(b, &num); err != nil {
			return fmt.Errorf("应为数字或数字字符串,实为 %s", b)
		}
		*n = NumText(num.String())
	}
	return nil
}

// DecodeDraft reads a draft from JSON, refusing unknown fields so that a
// misspelt field name is reported instead of silently dropped.
func DecodeDraft(data []byte) (Draft, error) {
	var d Draft
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Draft{}, &ValidationError{Errors: []FieldError{{
			Field: "json", Rule: "syntax", Message: "发票JSON格式错误:" + err.Error()}}}
	}
	return d, nil
}

// DraftFromInvoice turns an invoice back into what a clerk would have typed,
// merging each discount line into the line it discounts. It is used to copy
// an invoice into the form (e.g. to correct a rejected one).
func DraftFromInvoice(inv Invoice) Draft {
	d := Draft{Type: string(inv.Type), Buyer: inv.Buyer, Remark: inv.Remark, Drawer: inv.Drawer}
	for _, l := range inv.Lines {
		if l.Nature == NatureDiscount && len(d.Lines) > 0 {
			d.Lines[len(d.Lines)-1].Discount = NumText(l.Amount.Neg().String())
			continue
		}
		dl := DraftLine{
			Name: l.Name, TaxCode: l.TaxCode, Spec: l.Spec, Unit: l.Unit,
			Amount: NumText(FormatMoney(l.Amount)), TaxRate: NumText(FormatRate(l.TaxRate)),
			TaxIncluded: l.TaxIncluded,
		}
		if l.Quantity.Valid {
			dl.Quantity = NumText(FormatQuantity(l.Quantity.Decimal))
		}
		if l.Price.Valid {
			dl.Price = NumText(FormatQuantity(l.Price.Decimal))
		}
		d.Lines = append(d.Lines, dl)
	}
	return d
}
