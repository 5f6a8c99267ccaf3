package sandbox

import (
	"fmt"

	"fapiao/app"
)

// xlOrder is a serverIssue request the checks accepted: the invoice to
// store and what identifies the request.
type xlOrder struct {
	account     XunlianAccount
	requisition string // requisitionApplyNo
	otherID     string // otherId as sent
	typeCode    string // invoiceTypeCode as sent
	blueNumber  string // blueInvoiceNo; red invoices only
	contentHash string
	inv         issuedInvoice
}

// invoiceTypes maps seed 003's invoice type codes to the domain's. The
// sandbox is a fully digitalized bureau: the paper codes 01 and 04 are
// issued as their 数电 counterparts, like the electronic ones.
var invoiceTypes = map[string]app.InvoiceType{
	"01": app.TypeSpecial,  // 专票
	"08": app.TypeSpecial,  // 电子专票
	"04": app.TypeOrdinary, // 普票
	"10": app.TypeOrdinary, // 电子普票
}

// checkServerIssue applies seed 003's rules in the order a platform would
// and returns the order, or the first refusal: a Chinese message naming
// the field (with its wire name) and the rule.
func checkServerIssue(req serverIssueWire, account XunlianAccount) (xlOrder, error) {
	for _, check := range []func(serverIssueWire) error{
		checkXunlianRequired, checkXunlianCodes, checkXunlianTexts, checkXunlianTaxIDs,
	} {
		if err := check(req); err != nil {
			return xlOrder{}, err
		}
	}
	totals, err := readXunlianTotals(req)
	if err != nil {
		return xlOrder{}, err
	}
	if err := checkBlueReference(req, totals.red()); err != nil {
		return xlOrder{}, err
	}
	withTax := req.ComputeWithTax != "0" // 若为空视为含税
	lines, err := checkXunlianLines(req.Lines, withTax, totals.sign())
	if err != nil {
		return xlOrder{}, err
	}
	if err := totals.match(lines); err != nil {
		return xlOrder{}, err
	}
	o := xlOrder{
		account: account, requisition: req.RequisitionApplyNo.String(), otherID: req.OtherID.String(),
		typeCode: req.InvoiceTypeCode.String(), contentHash: req.contentHash(), inv: xunlianInvoice(req, account),
	}
	if totals.red() {
		o.blueNumber = req.BlueInvoiceNo.String()
	}
	o.inv.Lines, o.inv.Red = lines, totals.red()
	o.inv.TotalAmount, o.inv.TotalTax, o.inv.Total = totals.excl, totals.tax, totals.incl
	return o, nil
}

// xunlianInvoice is the invoice the request describes, without its lines
// and totals. The buyer's address and bank come as the platform prints
// them (地址、电话 in one field), so they are kept whole.
func xunlianInvoice(req serverIssueWire, account XunlianAccount) issuedInvoice {
	return issuedInvoice{
		Invoice: app.Invoice{
			RequestSerial: req.RequisitionApplyNo.String(),
			Type:          invoiceTypes[req.InvoiceTypeCode.String()],
			Status:        app.StatusIssued,
			Provider:      xunlianProviderName,
			Seller: app.Party{Name: req.SellerName.String(), TaxID: req.SellerTaxID.String(),
				Address: req.SellerAddress.String(), Bank: req.SellerBankAndID.String()},
			Buyer: app.Party{Name: req.BuyerName.String(), TaxID: req.BuyerTaxID.String(),
				Address: req.BuyerAddress.String(), Bank: req.BuyerBankAndID.String(),
				Email: req.ReceiveMsgEmail.String(), NaturalPerson: req.BuyerTaxID == ""},
			Remark: req.Note.String(),
			Drawer: req.Drawer.String(),
		},
		// This channel has no 局端账号: the account issued it.
		Username:   account.CompanyDataResource,
		BuyerPhone: req.ReceiveMsgPhone.String(),
		LevyMethod: "0",
		Payee:      req.Payee.String(),
		Reviewer:   req.Reviewer.String(),
		Channel:    channelXunlian,
	}
}

func checkXunlianRequired(req serverIssueWire) error {
	for _, f := range []struct {
		label string
		value wireText
	}{
		{"第三方开票申请单编号(requisitionApplyNo)", req.RequisitionApplyNo},
		{"第三方平台发票唯一标识(otherId)", req.OtherID},
		{"发票类型代码(invoiceTypeCode)", req.InvoiceTypeCode},
		{"购方名称(buyerName)", req.BuyerName},
		{"销方名称(sellerName)", req.SellerName},
		{"销方税号(sellerTaxId)", req.SellerTaxID},
		{"合计金额(totalAmountExcludeTax)", req.TotalAmountExcludeTax},
		{"合计税额(totalTaxAmount)", req.TotalTaxAmount},
		{"价税合计(totalAmountIncludeTax)", req.TotalAmountIncludeTax},
	} {
		if f.value == "" {
			return xlRefuse(f.label + "不能为空")
		}
	}
	switch {
	case len(req.Lines) == 0:
		return xlRefuse("明细(lines)不能为空:至少需要一行")
	case len(req.Lines) > maxLines:
		return xlRefuse(fmt.Sprintf("明细(lines)最多%d行,当前%d行", maxLines, len(req.Lines)))
	}
	return nil
}

func checkXunlianCodes(req serverIssueWire) error {
	return asXunlianRefusal(firstError(
		oneOf("发票类型代码(invoiceTypeCode)", req.InvoiceTypeCode.String(),
			"应为 01(专票)、04(普票)、10(电子普票)或 08(电子专票)", "01", "04", "10", "08"),
		oneOf("特殊票种标识(specialInvoiceMark)", req.SpecialInvoiceMark.String(),
			"沙箱仅支持 00(非特殊票种),成品油(08)等特殊票种请勿填写", "", "00"),
		oneOf("含税标识(computeWithTax)", req.ComputeWithTax.String(), "应为 0(不含税)或 1(含税),为空视为含税", "", "0", "1"),
	))
}

// xlText is a text field and the GBK bytes seed 003 allows it.
type xlText struct {
	label string
	value wireText
	max   int
}

// checkXunlianTexts measures every header text as the platform does: in
// GBK bytes (中文占2字节). blueInvoiceNo is the one exception to the seed:
// it gives 8, the length of a 税控 number, but the sandbox issues 数电
// invoices, whose numbers have 20 digits.
func checkXunlianTexts(req serverIssueWire) error {
	return checkXunlianTextList([]xlText{
		{"第三方开票申请单编号(requisitionApplyNo)", req.RequisitionApplyNo, 96},
		{"第三方平台发票唯一标识(otherId)", req.OtherID, 100},
		{"购方名称(buyerName)", req.BuyerName, 100},
		{"购方纳税人识别号(buyerTaxId)", req.BuyerTaxID, 20},
		{"购方地址、电话(buyerAddress)", req.BuyerAddress, 100},
		{"购方开户行及账号(buyerBankAndId)", req.BuyerBankAndID, 100},
		{"备注(note)", req.Note, 212},
		{"销方名称(sellerName)", req.SellerName, 100},
		{"销方税号(sellerTaxId)", req.SellerTaxID, 20},
		{"销方地址、电话(sellerAddress)", req.SellerAddress, 100},
		{"销方开户行及账号(sellerBankAndId)", req.SellerBankAndID, 100},
		{"收件人(receiveRecipient)", req.ReceiveRecipient, 10},
		{"收件人地址(receiveAddress)", req.ReceiveAddress, 200},
		{"接收电票下载信息手机号(receiveMsgPhone)", req.ReceiveMsgPhone, 12},
		{"接收电票下载信息邮箱号(receiveMsgEmail)", req.ReceiveMsgEmail, 64},
		{"对账单编号(statementCode)", req.StatementCode, 100},
		{"通知单编号(noticeCodeNo)", req.NoticeCodeNo, 100},
		{"终端编号(terminalCode)", req.TerminalCode, 100},
		{"收款人(payee)", req.Payee, 8},
		{"开票人(drawer)", req.Drawer, 20},
		{"复核人(reviewer)", req.Reviewer, 8},
		{"蓝票号码(blueInvoiceNo)", req.BlueInvoiceNo, app.InvoiceNumberLength},
		{"蓝票代码(blueInvoiceCode)", req.BlueInvoiceCode, 12},
	})
}

func checkXunlianTextList(fields []xlText) error {
	for _, f := range fields {
		if err := checkText(f.label, f.value.String(), f.max); err != nil {
			return xlRefuse(err.Error())
		}
	}
	return nil
}

// checkXunlianTaxIDs: the seller's ID must be valid (whose company it is
// is the account's business, checked when issuing); the buyer's is
// required on a 专票 and valid whenever given.
func checkXunlianTaxIDs(req serverIssueWire) error {
	if err := app.ValidateTaxID(req.SellerTaxID.String()); err != nil {
		return xlRefuse(fmt.Sprintf("销方税号(sellerTaxId)%s 无效:%s", req.SellerTaxID, err.Message))
	}
	special := invoiceTypes[req.InvoiceTypeCode.String()] == app.TypeSpecial
	switch {
	case req.BuyerTaxID == "" && special:
		return xlRefuse("购方纳税人识别号(buyerTaxId)不能为空:专票(01、08)必须填写购方税号")
	case req.BuyerTaxID == "":
		return nil
	}
	if err := app.ValidateTaxID(req.BuyerTaxID.String()); err != nil {
		return xlRefuse(fmt.Sprintf("购方纳税人识别号(buyerTaxId)%s 无效:%s", req.BuyerTaxID, err.Message))
	}
	return nil
}

// asXunlianRefusal turns a message from the shared checks into a refusal.
func asXunlianRefusal(err error) error {
	if err == nil {
		return nil
	}
	return xlRefuse(err.Error())
}
