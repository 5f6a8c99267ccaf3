package xunlian

import (
	"fmt"

	"fapiao/app"
)

// Lengths from the seed's tables. Text is counted in GBK bytes (中文占2字节);
// figures in digits. Seller, terminal and data-source fields come from the
// configuration and are checked by New.
const (
	maxSerialBytes     = 96  // requisitionApplyNo (otherId allows 100)
	maxPartyNameBytes  = 100 // buyerName
	maxTaxIDBytes      = 20  // buyerTaxId
	maxAddressBytes    = 100 // buyerAddress: 地址、电话
	maxBankBytes       = 100 // buyerBankAndId: 开户行及账号
	maxEmailBytes      = 64  // receiveMsgEmail
	maxNoteBytes       = 212 // note
	maxDrawerBytes     = 20  // drawer
	maxBlueCodeBytes   = 12  // blueInvoiceCode
	maxItemNameBytes   = 92  // itemName
	maxUnitBytes       = 14  // unit
	maxSpecBytes       = 40  // itemModelName
	maxTaxCodeBytes    = 19  // taxClassificationCode
	maxLineMoneyDigits = 12  // line amounts, taxAmount, discounts, taxRate
	maxPriceDigits     = 16  // quantity, unit prices
	maxTotalAmount     = 13  // totalAmountExcludeTax
	maxTotalTax        = 12  // totalTaxAmount
	maxTotalWithTax    = 14  // totalAmountIncludeTax
)

// bound is one field of the request with the length the seed allows it.
// field is the domain's name for it, label its Chinese name and wire name.
type bound struct {
	field, label, value string
	max                 int
}

// lengths checks every field of r that has a length in the seed.
func (m *mapper) lengths(r serverIssueRequest) {
	for _, b := range headerText(r) {
		m.textWithin(b)
	}
	for _, b := range headerFigures(r) {
		m.digitsWithin(b)
	}
	for k, w := range r.Lines {
		for _, b := range lineText(k, w) {
			m.textWithin(b)
		}
		for _, b := range lineFigures(k, w) {
			m.digitsWithin(b)
		}
	}
}

func headerText(r serverIssueRequest) []bound {
	b := []bound{
		{"request_serial", "发票请求流水号(requisitionApplyNo)", r.RequisitionApplyNo, maxSerialBytes},
		{"buyer.name", "购买方名称(buyerName)", r.BuyerName, maxPartyNameBytes},
		{"buyer.tax_id", "购买方纳税人识别号(buyerTaxId)", r.BuyerTaxID, maxTaxIDBytes},
		{"buyer.address", "购买方地址、电话(buyerAddress)", r.BuyerAddress, maxAddressBytes},
		{"buyer.bank", "购买方开户行及账号(buyerBankAndId)", r.BuyerBankAndID, maxBankBytes},
		{"buyer.email", "购买方邮箱(receiveMsgEmail)", r.ReceiveMsgEmail, maxEmailBytes},
		{"remark", "备注(note)", r.Note, maxNoteBytes},
		{"drawer", "开票人(drawer)", r.Drawer, maxDrawerBytes},
	}
	if r.BlueInvoiceCode != nil {
		b = append(b, bound{"blue_code", "蓝字发票代码(blueInvoiceCode)", *r.BlueInvoiceCode, maxBlueCodeBytes})
	}
	return b
}

func headerFigures(r serverIssueRequest) []bound {
	return []bound{
		{"total_amount", "合计金额(totalAmountExcludeTax)", r.TotalAmountExcludeTax, maxTotalAmount},
		{"total_tax", "合计税额(totalTaxAmount)", r.TotalTaxAmount, maxTotalTax},
		{"total", "价税合计(totalAmountIncludeTax)", r.TotalAmountIncludeTax, maxTotalWithTax},
	}
}

func lineText(k int, w wireLine) []bound {
	row := rowLabel(k)
	return []bound{
		{lineField(k, "name"), row + "项目名称(itemName)", w.ItemName, maxItemNameBytes},
		{lineField(k, "unit"), row + "单位(unit)", w.Unit, maxUnitBytes},
		{lineField(k, "spec"), row + "规格型号(itemModelName)", w.ItemModelName, maxSpecBytes},
		{lineField(k, "tax_code"), row + "税收分类编码(taxClassificationCode)", w.TaxClassificationCode, maxTaxCodeBytes},
	}
}

func lineFigures(k int, w wireLine) []bound {
	row := rowLabel(k)
	return []bound{
		{lineField(k, "amount"), row + "不含税金额(lineAmountExcludeTax)", w.LineAmountExcludeTax, maxLineMoneyDigits},
		{lineField(k, "amount"), row + "含税金额(lineAmountIncludeTax)", w.LineAmountIncludeTax, maxLineMoneyDigits},
		{lineField(k, "tax"), row + "税额(taxAmount)", w.TaxAmount, maxLineMoneyDigits},
		{lineField(k, "tax_rate"), row + "税率(taxRate)", w.TaxRate, maxLineMoneyDigits},
		{lineField(k, "discount"), row + "含税折扣额(discount)", w.Discount, maxLineMoneyDigits},
		{lineField(k, "discount"), row + "不含税折扣额(lineDiscountExcludeTax)", w.LineDiscountExcludeTax, maxLineMoneyDigits},
		{lineField(k, "discount"), row + "折扣税额(taxDiscount)", w.TaxDiscount, maxLineMoneyDigits},
		{lineField(k, "quantity"), row + "数量(quantity)", w.Quantity, maxPriceDigits},
		{lineField(k, "price"), row + "不含税单价(priceExcludeTax)", w.PriceExcludeTax, maxPriceDigits},
		{lineField(k, "price"), row + "含税单价(priceIncludeTax)", w.PriceIncludeTax, maxPriceDigits},
	}
}

// textWithin refuses text over its GBK byte limit, or that GBK cannot
// encode at all (迅联云 would garble or refuse it).
func (m *mapper) textWithin(b bound) {
	if b.value == "" {
		return
	}
	n, err := app.GBKLen(b.value)
	switch {
	case err != nil:
		m.add(b.field, "gbk", b.label+":"+err.Error())
	case n > b.max:
		m.add(b.field, "max_bytes", fmt.Sprintf(
			"%s长度超过迅联云的限制:最多%d字节(按GBK计,汉字占2字节),当前%d字节", b.label, b.max, n))
	}
}

// digitsWithin refuses a figure with more digits than its field holds.
func (m *mapper) digitsWithin(b bound) {
	if n := countDigits(b.value); n > b.max {
		m.add(b.field, "max_digits", fmt.Sprintf(
			"%s %s 超过迅联云的长度限制:最多%d位数字(含小数位),当前%d位", b.label, b.value, b.max, n))
	}
}
