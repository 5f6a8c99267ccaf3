package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// leqiLines are QDFPSC's mxxx lines. Their unit price excludes tax and is
// usually derived from a tax-inclusive one (app.Line.PriceExclTax, eight
// decimals), while je is the inclusive amount less its rounded tax: so
// spsl × dj may miss je by the clerk's 0.01, plus up to half a cent of the
// tax's rounding, plus spsl × 5e-9 of the price's. 0.02 covers that for any
// quantity below a million, and still catches a wrong price.
var leqiLines = lineSchema{group: "mxxx", priceTolerance: decimal.RequireFromString("0.02")}

// leqiClockSkew is how far ahead of the bureau's clock a kprq may be: the
// company's clock is not the bureau's.
const leqiClockSkew = 5 * time.Minute

// msgNumberUsed rejects a number another upload was accepted with.
const msgNumberUsed = "发票号码已使用"

// checkUploadInvoice applies a strict bureau's rules to the content of an
// uploaded invoice and returns the invoice to store, or the first rule it
// breaks: a Chinese message naming the field (with its wire name) and the
// rule. The number's own rules need the database: checkUploadNumber.
func checkUploadInvoice(taxID string, u uploadInvoice, now time.Time) (issuedInvoice, error) {
	bt := u.form()
	if err := firstError(checkUploadRequired(u), checkUploadCodes(taxID, u)); err != nil {
		return issuedInvoice{}, err
	}
	issuedAt, err := checkIssueTime(u.IssuedAt, now)
	if err != nil {
		return issuedInvoice{}, err
	}
	if err := firstError(checkSerial(bt), checkTaxIDs(bt), checkTexts(bt), checkLineSeqs(u.Lines)); err != nil {
		return issuedInvoice{}, err
	}
	lines, err := checkLinesAs(leqiLines, bt.Lines)
	if err != nil {
		return issuedInvoice{}, err
	}
	inv := issuedInvoice{
		Invoice: app.Invoice{
			RequestSerial: u.Serial, Number: u.Number, Type: app.InvoiceType(u.Type),
			Status: app.StatusIssued, IssuedAt: issuedAt,
			Seller: app.Party{Name: u.SellerName, TaxID: u.SellerTaxID, Address: u.SellerAddrPhone, Bank: u.SellerBankAccount},
			Buyer: app.Party{Name: u.BuyerName, TaxID: u.BuyerTaxID, Address: u.BuyerAddrPhone, Bank: u.BuyerBankAccount,
				NaturalPerson: u.BuyerNatural == "Y"},
			Remark: u.Remark, Drawer: u.Drawer, Lines: lines,
		},
		LevyMethod: levyMethod(""),
	}
	inv.ApplyTotals()
	return inv, checkTotals(bt, inv.Invoice)
}

func checkUploadRequired(u uploadInvoice) error {
	for _, f := range []struct{ label, value string }{
		{"发票号码(fphm)", u.Number},
		{"开票日期(kprq)", u.IssuedAt},
		{"发票请求流水号(fpqqlsh)", u.Serial},
		{"发票类型代码(fplxdm)", u.Type},
		{"开票类型(kplx)", u.Kind},
		{"销方识别号(xhdwsbh)", u.SellerTaxID},
		{"销方名称(xhdwmc)", u.SellerName},
		{"购方名称(ghdwmc)", u.BuyerName},
		{"合计金额(hjje)", u.TotalAmount},
		{"合计税额(hjse)", u.TotalTax},
		{"价税合计(jshj)", u.Total},
	} {
		if f.value == "" {
			return errors.New(f.label + "不能为空")
		}
	}
	switch {
	case len(u.Lines) == 0:
		return errors.New("明细信息(mxxx)不能为空:至少需要一行商品或服务")
	case len(u.Lines) > maxLines:
		return fmt.Errorf("明细信息(mxxx)最多%d行,当前%d行", maxLines, len(u.Lines))
	}
	return nil
}

// checkUploadCodes checks the codes and that the invoice is the seller's.
// Red invoices are not taken here: the sandbox reverses invoices through
// the red-letter form (hzxxbsq, hzfpkj) only.
func checkUploadCodes(taxID string, u uploadInvoice) error {
	switch {
	case u.Kind == "1":
		return errors.New("开票类型(kplx)为1(红字发票):沙箱的乐企接口只接受蓝字发票,红字发票请通过红字确认单流程开具")
	case u.SellerTaxID != taxID:
		return fmt.Errorf("销方识别号(xhdwsbh)%s 与纳税人识别号(nsrsbh)%s 不一致:只能上传本纳税人开具的发票", u.SellerTaxID, taxID)
	case u.BlueNumber != "":
		return errors.New("原发票号码(yfphm)仅用于红字发票(kplx=1),蓝字发票请留空")
	}
	return firstError(
		oneOf("发票类型代码(fplxdm)", u.Type, "应为 81(增值税专用发票)或 82(普通发票)", "81", "82"),
		oneOf("开票类型(kplx)", u.Kind, "蓝字发票应为 0", "0"),
		oneOf("购方自然人标识(gfzrrbs)", u.BuyerNatural, "应为 Y、N 或留空", "", "Y", "N"),
	)
}

// checkIssueTime reads kprq in China time and refuses a date in the future.
func checkIssueTime(text string, now time.Time) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateTime, text, app.ChinaTime)
	if err != nil {
		return t, fmt.Errorf("开票日期(kprq)%q 格式错误:应为“yyyy-MM-dd HH:mm:ss”", clipText(text))
	}
	if t.After(now.Add(leqiClockSkew)) {
		return t, fmt.Errorf("开票日期(kprq)%s 晚于税局当前时间 %s:不能上传未来日期的发票", text,
			now.In(app.ChinaTime).Format(time.DateTime))
	}
	return t, nil
}

// checkLineSeqs: xh numbers the lines 1, 2, 3… in order.
func checkLineSeqs(lines []uploadLine) error {
	for i, l := range lines {
		text := string(l.Seq)
		var quoted string
		if json.Unmarshal(l.Seq, &quoted) == nil {
			text = quoted
		}
		if n, err := strconv.Atoi(text); err != nil || n != i+1 {
			return fmt.Errorf("第%d行序号(mxxx[%d][xh])%s 无效:应为%d,序号从1开始连续编号", i+1, i, clipText(text), i+1)
		}
	}
	return nil
}

// checkUploadNumber applies the rules of pre-assigned numbers: 20 digits;
// used only in its year (digits 1–2 are the year of kprq); granted to this
// seller by QDFPPLFM; not on another invoice. The request serial must be
// new too. Its refusals are *refusal or errDuplicateSerial; any other error
// is the database's.
func checkUploadNumber(ctx context.Context, q queryer, taxID string, inv issuedInvoice) error {
	n, err := app.ParseInvoiceNumber(inv.Number)
	if err != nil {
		return refuse("发票号码(fphm)%q 无效:%v", clipText(inv.Number), err)
	}
	if !n.UsableOn(inv.IssuedAt) {
		return refuse("发票号码(fphm)%s 是%d年度的号码,开票日期(kprq)%s 不在该年度:数电票号码禁止跨年度使用",
			inv.Number, n.Year, inv.IssuedAt.In(app.ChinaTime).Format(time.DateTime))
	}
	granted, err := grantedTo(ctx, q, taxID, inv.Number)
	if err != nil {
		return err
	}
	if !granted {
		return refuse("发票号码(fphm)%s 不是通过批量预赋码(QDFPPLFM)分配给纳税人 %s 的号码", inv.Number, taxID)
	}
	var one int
	err = q.QueryRowContext(ctx, `SELECT 1 FROM invoices WHERE number = ?`, inv.Number).Scan(&one)
	switch {
	case err == nil:
		return refuse("%s:发票号码(fphm)%s 已开具过发票", msgNumberUsed, inv.Number)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	return checkSerialFree(ctx, q, inv.RequestSerial)
}
