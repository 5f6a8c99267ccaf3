package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// msgCanReverse is retInviceMsg's word for an invoice that can be reversed.
const msgCanReverse = "成功,本张发票可以开负数!"

// The simulated buyer's use of an invoice, in retInviceMsg's codes.
const (
	vatUseConfirmed   = "01" // ZzsytDm: 用途已确认 (勾选)
	vatUseUnconfirmed = "03" // ZzsytDm: 未勾选
	bookedYes         = "01" // FprzztDm: 已入账
	bookedNo          = "00" // FprzztDm: 未入账
	exciseUseNone     = "00" // XfsytDm: 未勾选
)

// blueCheckData is retInviceMsg's answer, key for key as in seed 001:
// amounts are JSON numbers, what is left to reverse, negative.
type blueCheckData struct {
	Number      string          `json:"fphm"`
	Message     string          `json:"message"`
	SellerTaxID string          `json:"xhdwsbh"`
	SellerName  string          `json:"xhdwmc"`
	BuyerTaxID  *string         `json:"ghdwsbh"` // null when the buyer has none
	BuyerName   string          `json:"ghdwmc"`
	IssuedAt    string          `json:"kprq"` // 2006-01-02 15:04:05
	TotalAmount json.Number     `json:"hjje"`
	TotalTax    json.Number     `json:"hjse"`
	Type        string          `json:"fplxdm"`
	Special     *string         `json:"tdyslxdm"`
	LevyMethod  string          `json:"zsfs"`
	Agent       *string         `json:"jbr"`
	ExciseUse   string          `json:"XfsytDm"`
	VATUse      string          `json:"ZzsytDm"`
	Booked      string          `json:"FprzztDm"`
	Lines       []blueCheckLine `json:"mxzb"`
}

// blueCheckLine is one line of retInviceMsg's mxzb.
type blueCheckLine struct {
	Index      int         `json:"xh"`
	Nature     string      `json:"fphxz,omitempty"` // only on discount and discounted lines
	Rate       json.Number `json:"sl"`
	Unit       string      `json:"dw"`
	Name       string      `json:"spmc"`
	Tax        json.Number `json:"se"`
	AmountExcl json.Number `json:"je"`
	Price      string      `json:"spdj,omitempty"` // excluding tax; omitted when the line has none
	Spec       string      `json:"ggxh"`
	Quantity   string      `json:"spsl,omitempty"` // negative; omitted when none is left
	TaxCode    string      `json:"spbm"`
	Excise     string      `json:"zxbm"`
	TaxFlag    string      `json:"hsbz"`
	Preference string      `json:"yhzcbs"`
	Version    string      `json:"bb"`
	Special    *string     `json:"zzstsgl"`
	FormNumber string      `json:"sqdh"`
	ZeroRate   string      `json:"lslbs"`
}

// handleBlueCheck answers retInviceMsg: what is left to reverse of one of
// the seller's blue invoices, and what the buyer did with it.
func (s *Server) handleBlueCheck(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	seller := field(form, "nsrsbh")
	if app.ValidateTaxID(seller) == nil {
		if _, ok := s.sessionReady(w, r, seller, needLoginAndFace); !ok {
			return
		}
	}
	if err := checkBlueCheckForm(form); err != nil {
		writeRefusal(w, err.Error())
		return
	}
	blue, err := loadBlueForRed(r.Context(), s.db, seller, field(form, "fphm"))
	if err == nil && blue.fullyReversed() {
		err = refuse("%s", msgFullyReversed)
	}
	if s.answeredFailure(w, "retInviceMsg", err) {
		return
	}
	writeOKMessage(w, msgOK, blueCheck(blue))
}

// checkBlueCheckForm checks the fields retInviceMsg needs. sqyy is an
// array: sqyy[0]=2 as documented, and sqyy=2 or sqyy[]=2 as clients send
// it; absent means the seller.
func checkBlueCheckForm(form url.Values) error {
	if err := firstError(
		required("局端账号(username)", field(form, "username")),
		required("纳税人识别号(nsrsbh)", field(form, "nsrsbh")),
		required("发票号码(fphm)", field(form, "fphm")),
	); err != nil {
		return err
	}
	if err := app.ValidateTaxID(field(form, "nsrsbh")); err != nil {
		return errors.New("纳税人识别号(nsrsbh)" + err.Message)
	}
	applicant := applicantSeller
	for _, key := range []string{"sqyy[0]", "sqyy", "sqyy[]"} {
		if v := field(form, key); v != "" {
			applicant = v
			break
		}
	}
	return oneOf("申请类型(sqyy)", applicant, "沙箱仅支持 2(销方红冲)", applicantSeller)
}

// blueCheck builds retInviceMsg's data from what is left of blue.
func blueCheck(blue blueForRed) blueCheckData {
	d := blueCheckData{
		Number: blue.Number, Message: msgCanReverse,
		SellerTaxID: blue.Seller.TaxID, SellerName: blue.Seller.Name, BuyerName: blue.Buyer.Name,
		IssuedAt: blue.IssuedAt.In(app.ChinaTime).Format(time.DateTime), Type: string(blue.Type),
		LevyMethod: blue.LevyMethod, ExciseUse: exciseUseNone,
		VATUse: vatUseUnconfirmed, Booked: bookedNo, Lines: []blueCheckLine{},
	}
	if blue.Buyer.TaxID != "" {
		d.BuyerTaxID = &blue.Buyer.TaxID
	}
	if blue.BuyerUsed {
		d.VATUse = vatUseConfirmed
	}
	if blue.BuyerBooked {
		d.Booked = bookedYes
	}
	amount, tax := decimal.Zero, decimal.Zero
	for _, l := range blue.Lines {
		if !l.hasLeft() {
			continue
		}
		line := blueCheckLineOf(l)
		d.Lines = append(d.Lines, line)
		red := l.leftAsRed()
		amount, tax = amount.Add(red.AmountExcl), tax.Add(red.Tax)
	}
	d.TotalAmount, d.TotalTax = jsonNumber(amount), jsonNumber(tax)
	return d
}

func blueCheckLineOf(l storedLine) blueCheckLine {
	red := l.leftAsRed()
	line := blueCheckLine{
		Index: l.Seq, Rate: jsonNumber(l.TaxRate), Unit: l.Unit, Name: l.Name,
		Tax: jsonNumber(red.Tax), AmountExcl: jsonNumber(red.AmountExcl), Spec: l.Spec,
		TaxCode: l.TaxCode, Preference: "0",
	}
	if l.Nature != app.NatureNormal {
		line.Nature = strconv.Itoa(int(l.Nature))
	}
	if price := priceExclTax(l.Line); price.Valid {
		line.Price = price.Decimal.String()
	}
	if red.Quantity.Valid {
		line.Quantity = red.Quantity.Decimal.String()
	}
	return line
}
