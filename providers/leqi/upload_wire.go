package leqi

import (
	"strconv"
	"time"

	"fapiao/app"
)

// invoiceWire is QDFPSC's fpxx: the invoice as the platform takes it. All
// figures are exact strings — amounts with two decimals, rates and
// quantities without trailing zeros.
type invoiceWire struct {
	Fphm     string     `json:"fphm"`            // 发票号码 (pre-assigned)
	Kprq     string     `json:"kprq"`            // 开票日期 "2006-01-02 15:04:05", China time
	Fpqqlsh  string     `json:"fpqqlsh"`         // 发票请求流水号
	Fplxdm   string     `json:"fplxdm"`          // 发票类型代码 81 / 82
	Kplx     string     `json:"kplx"`            // 开票类型: 0 blue, 1 red
	Yfphm    string     `json:"yfphm,omitempty"` // 原发票号码, red only
	Xhdwsbh  string     `json:"xhdwsbh"`
	Xhdwmc   string     `json:"xhdwmc"`
	Xhdwdzdh string     `json:"xhdwdzdh"`
	Xhdwyhzh string     `json:"xhdwyhzh"`
	Ghdwsbh  string     `json:"ghdwsbh"`
	Ghdwmc   string     `json:"ghdwmc"`
	Ghdwdzdh string     `json:"ghdwdzdh"`
	Ghdwyhzh string     `json:"ghdwyhzh"`
	Gfzrrbs  string     `json:"gfzrrbs"` // 购方自然人标识 Y / N
	Hjje     string     `json:"hjje"`    // 合计金额 (excluding tax)
	Hjse     string     `json:"hjse"`    // 合计税额
	Jshj     string     `json:"jshj"`    // 价税合计
	Kpr      string     `json:"kpr"`     // 开票人
	Bz       string     `json:"bz"`      // 备注
	Mxxx     []lineWire `json:"mxxx"`    // 明细信息
}

// lineWire is one mxxx entry. xh is a JSON number, everything else a string.
// spsl and dj are left out of a line without a quantity.
type lineWire struct {
	Xh    int    `json:"xh"`    // 序号, from 1
	Fphxz string `json:"fphxz"` // 发票行性质 0 / 1 / 2
	Spmc  string `json:"spmc"`
	Spbm  string `json:"spbm"` // 19-digit tax classification code
	Ggxh  string `json:"ggxh"`
	Dw    string `json:"dw"`
	Spsl  string `json:"spsl,omitempty"` // quantity
	Dj    string `json:"dj,omitempty"`   // unit price excluding tax
	Je    string `json:"je"`             // amount excluding tax
	Sl    string `json:"sl"`             // tax rate, e.g. 0.13
	Se    string `json:"se"`             // tax
}

// wireTime is how kprq is written.
const wireTime = time.DateTime

// invoiceToWire maps a numbered invoice. The seller's tax ID is the
// configured one (checked against the invoice's before this is called).
func (c *Client) invoiceToWire(inv app.Invoice) invoiceWire {
	totals := app.SumLines(inv.Lines)
	w := invoiceWire{
		Fphm: inv.Number, Kprq: inv.IssuedAt.In(app.ChinaTime).Format(wireTime),
		Fpqqlsh: inv.RequestSerial, Fplxdm: string(inv.Type), Kplx: "0",
		Xhdwsbh: c.cfg.SellerTaxID, Xhdwmc: inv.Seller.Name,
		Xhdwdzdh: inv.Seller.AddressPhone(), Xhdwyhzh: inv.Seller.BankAccount(),
		Ghdwsbh: inv.Buyer.TaxID, Ghdwmc: inv.Buyer.Name,
		Ghdwdzdh: inv.Buyer.AddressPhone(), Ghdwyhzh: inv.Buyer.BankAccount(),
		Gfzrrbs: yesNo(inv.Buyer.NaturalPerson),
		Hjje:    app.FormatMoney(totals.Amount), Hjse: app.FormatMoney(totals.Tax), Jshj: app.FormatMoney(totals.Total),
		Kpr: inv.Drawer, Bz: inv.Remark,
		Mxxx: make([]lineWire, len(inv.Lines)),
	}
	if inv.BlueNumber != "" {
		w.Kplx, w.Yfphm = "1", inv.BlueNumber
	}
	for i, l := range inv.Lines {
		w.Mxxx[i] = lineToWire(i+1, l)
	}
	return w
}

// lineToWire maps line number xh. Quantity and unit price go together; the
// price is the one excluding tax, on the same basis as je.
func lineToWire(xh int, l app.Line) lineWire {
	w := lineWire{
		Xh: xh, Fphxz: strconv.Itoa(int(l.Nature)), Spmc: l.Name, Spbm: l.TaxCode, Ggxh: l.Spec, Dw: l.Unit,
		Je: app.FormatMoney(l.AmountExcl), Sl: app.FormatRate(l.TaxRate), Se: app.FormatMoney(l.Tax),
	}
	if l.Quantity.Valid && l.Price.Valid {
		w.Spsl = app.FormatQuantity(l.Quantity.Decimal)
		w.Dj = app.FormatQuantity(l.PriceExclTax().Decimal)
	}
	return w
}

func yesNo(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}
