package sandbox

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"fapiao/app"
)

// maxContactPhoneBytes bounds gfkhdh, a phone number.
const maxContactPhoneBytes = 20

// checkBlueTicket applies the bureau's rules to a blueTicket request, in the
// order a bureau would, and returns the invoice to store or the first
// refusal: a Chinese message naming the field (with its wire name) and the rule.
func checkBlueTicket(bt blueTicketForm) (issuedInvoice, error) {
	inv := issuedInvoice{
		Invoice: app.Invoice{
			RequestSerial: bt.Serial,
			Type:          app.InvoiceType(bt.Type),
			Status:        app.StatusIssued,
			Seller:        app.Party{Name: bt.SellerName, TaxID: bt.SellerTaxID, Address: bt.SellerAddrPhone, Bank: bt.SellerBankAccount, NaturalPerson: bt.SellerNatural == "Y"},
			Buyer:         app.Party{Name: bt.BuyerName, TaxID: bt.BuyerTaxID, Address: bt.BuyerAddrPhone, Bank: bt.BuyerBankAccount, Email: bt.BuyerEmail, NaturalPerson: bt.BuyerNatural == "Y"},
			Remark:        bt.Remark,
			Drawer:        bt.Drawer,
		},
		Username: bt.Username, BuyerPhone: bt.BuyerPhone, LevyMethod: levyMethod(bt.LevyMethod),
		Payee: bt.Payee, Reviewer: bt.Reviewer,
	}
	for _, check := range []func(blueTicketForm) error{
		checkRequired, checkCodes, checkSerial, checkTaxIDs, checkTexts,
	} {
		if err := check(bt); err != nil {
			return inv, err
		}
	}
	lines, err := checkLines(bt.Lines)
	if err != nil {
		return inv, err
	}
	inv.Lines = lines
	inv.ApplyTotals()
	return inv, checkTotals(bt, inv.Invoice)
}

func levyMethod(zsfs string) string {
	if zsfs == "" {
		return "0"
	}
	return zsfs
}

func checkRequired(bt blueTicketForm) error {
	for _, f := range []struct{ label, value string }{
		{"局端账号(username)", bt.Username},
		{"发票请求流水号(fpqqlsh)", bt.Serial},
		{"发票类型代码(fplxdm)", bt.Type},
		{"开票类型(kplx)", bt.Kind},
		{"销方识别号(xhdwsbh)", bt.SellerTaxID},
		{"销方名称(xhdwmc)", bt.SellerName},
		{"购方名称(ghdwmc)", bt.BuyerName},
		{"合计金额(hjje)", bt.TotalAmount},
		{"合计税额(hjse)", bt.TotalTax},
		{"价税合计(jshj)", bt.Total},
	} {
		if f.value == "" {
			return errors.New(f.label + "不能为空")
		}
	}
	if len(bt.Lines) == 0 {
		return errors.New("明细行(fyxm)不能为空:至少需要一行商品或服务")
	}
	return nil
}

// firstError returns the first non-nil error: the bureau names one problem
// at a time.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// oneOf refuses value unless it is one of allowed; hint lists them.
func oneOf(label, value, hint string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return fmt.Errorf("%s %q 无效:%s", label, value, hint)
}

func checkCodes(bt blueTicketForm) error {
	if bt.Kind == "1" {
		return errors.New("开票类型(kplx)为1(负数发票):负数发票请通过红字发票接口开具")
	}
	return firstError(
		oneOf("发票类型代码(fplxdm)", bt.Type, "应为 81(增值税专用发票)或 82(普通发票)", "81", "82"),
		oneOf("开票类型(kplx)", bt.Kind, "蓝字发票应为 0", "0"),
		oneOf("特定要素类型代码(tdyslxDm)", bt.SpecialElements, "沙箱仅支持非特定业务发票,请留空", ""),
		oneOf("清单标志(qdbz)", bt.ListFlag, "应为 0、1 或留空", "", "0", "1"),
		oneOf("征收方式(zsfs)", bt.LevyMethod, "沙箱仅支持 0(普通征税)", "", "0"),
		oneOf("购方自然人标识(gfzrrbs)", bt.BuyerNatural, "应为 Y、N 或留空", "", "Y", "N"),
		oneOf("销方自然人标识(xfzrrbs)", bt.SellerNatural, "应为 Y、N 或留空", "", "Y", "N"),
		checkDeduction(bt.Deduction),
	)
}

// checkDeduction refuses a deduction (扣除额), which only 差额征税 uses.
func checkDeduction(kce string) error {
	if kce == "" {
		return nil
	}
	d, err := parseDecimal("扣除额(kce)", kce, app.MaxAmountPlaces)
	if err != nil {
		return err
	}
	if !d.IsZero() {
		return fmt.Errorf("扣除额(kce)%s 无效:仅差额征税可填写扣除额,沙箱仅支持普通征税", kce)
	}
	return nil
}

var serialSuffix = regexp.MustCompile(`^[0-9A-Za-z_-]+$`)

// checkSerial enforces "税号_自定义编号", at most 40 characters.
func checkSerial(bt blueTicketForm) error {
	const label = "发票请求流水号(fpqqlsh)"
	if len(bt.Serial) > app.MaxSerialLength {
		return fmt.Errorf("%s长度超限:最多%d个字符,当前%d个", label, app.MaxSerialLength, len([]rune(bt.Serial)))
	}
	suffix, ok := strings.CutPrefix(bt.Serial, bt.SellerTaxID+"_")
	if !ok || suffix == "" {
		return fmt.Errorf("%s %q 格式错误:应为“销方税号_自定义编号”,即以 %s_ 开头", label, bt.Serial, bt.SellerTaxID)
	}
	if !serialSuffix.MatchString(suffix) {
		return fmt.Errorf("%s %q 格式错误:自定义编号只能包含数字、字母、下划线和 -", label, bt.Serial)
	}
	return nil
}

func checkTaxIDs(bt blueTicketForm) error {
	if err := app.ValidateTaxID(bt.SellerTaxID); err != nil {
		return errors.New("销方识别号(xhdwsbh)" + err.Message)
	}
	natural := bt.BuyerNatural == "Y"
	special := bt.Type == string(app.TypeSpecial)
	switch {
	case special && natural:
		return errors.New("购方自然人标识(gfzrrbs)为Y:增值税专用发票(81)不能开给自然人")
	case bt.BuyerTaxID == "" && special:
		return errors.New("购方税号(ghdwsbh)不能为空:增值税专用发票(81)必须填写购方税号")
	case bt.BuyerTaxID == "" && !natural:
		return errors.New("购方税号(ghdwsbh)不能为空:购方为自然人时请传 gfzrrbs=Y")
	case bt.BuyerTaxID == "":
		return nil
	}
	if err := app.ValidateTaxID(bt.BuyerTaxID); err != nil {
		return errors.New("购方税号(ghdwsbh)" + err.Message)
	}
	return nil
}

func checkTexts(bt blueTicketForm) error {
	for _, f := range []struct {
		label, value string
		max          int
	}{
		{"销方名称(xhdwmc)", bt.SellerName, app.MaxPartyNameBytes},
		{"销方地址电话(xhdwdzdh)", bt.SellerAddrPhone, app.MaxAddressPhoneBytes},
		{"销方银行账户(xhdwyhzh)", bt.SellerBankAccount, app.MaxBankAccountBytes},
		{"购方名称(ghdwmc)", bt.BuyerName, app.MaxPartyNameBytes},
		{"购方地址电话(ghdwdzdh)", bt.BuyerAddrPhone, app.MaxAddressPhoneBytes},
		{"购方银行账号(ghdwyhzh)", bt.BuyerBankAccount, app.MaxBankAccountBytes},
		{"购方电话(gfkhdh)", bt.BuyerPhone, maxContactPhoneBytes},
		{"购方邮箱(gfkhyx)", bt.BuyerEmail, app.MaxEmailBytes},
		{"备注(bz)", bt.Remark, app.MaxRemarkBytes},
		{"开票人(kpr)", bt.Drawer, app.MaxDrawerBytes},
		{"收款人(skr)", bt.Payee, app.MaxDrawerBytes},
		{"复核人(fhr)", bt.Reviewer, app.MaxDrawerBytes},
	} {
		if err := checkText(f.label, f.value, f.max); err != nil {
			return err
		}
	}
	return nil
}

// checkText refuses text GBK cannot encode or longer than max GBK bytes,
// which is how the bureau measures.
func checkText(label, value string, max int) error {
	n, err := app.GBKLen(value)
	if err != nil {
		return errors.New(label + err.Error())
	}
	if n > max {
		return fmt.Errorf("%s长度超限:最多%d字节(按GBK计,汉字占2字节),当前%d字节", label, max, n)
	}
	return nil
}
