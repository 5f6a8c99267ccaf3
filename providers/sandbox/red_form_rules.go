package sandbox

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// applicantSeller is sqyy 2: the seller applies (销方红冲). The sandbox
// plays the bureau for sellers only; a buyer's application (3) is refused.
const applicantSeller = "2"

// redFormRequest is an hzxxbsq request, read but not checked against the
// invoice yet.
type redFormRequest struct {
	Username    string
	SellerTaxID string // xhdwsbh
	BlueNumber  string // yfphm
	Reason      app.RedReason
	Force       bool // hzxxbcheck 1: always a new form
	// Rows is the partial extension mxzb[i][xh|spsl|je|se]: nil for a
	// full red.
	Rows []redFormRow
}

// redFormRow is one mxzb[i] of a partial red, amounts negative.
type redFormRow struct {
	Xh         int
	Quantity   decimal.NullDecimal // spsl
	AmountExcl decimal.Decimal     // je
	Tax        decimal.Decimal     // se
}

// maxFormRows bounds mxzb like fyxm.
const maxFormRows = maxLines

// parseRedFormRequest reads and checks the fields of hzxxbsq that need no
// invoice to check.
func parseRedFormRequest(form url.Values) (redFormRequest, error) {
	f := func(name string) string { return field(form, name) }
	req := redFormRequest{Username: f("username"), SellerTaxID: f("xhdwsbh"), BlueNumber: f("yfphm"),
		Reason: app.RedReason(f("chyydm")), Force: f("hzxxbcheck") == "1"}
	if err := firstError(
		required("局端账号(username)", req.Username),
		required("销方税号(xhdwsbh)", req.SellerTaxID),
		required("发票号码(yfphm)", req.BlueNumber),
		required("冲红原因代码(chyydm)", string(req.Reason)),
		required("申请类型(sqyy)", f("sqyy")),
		oneOf("冲红原因代码(chyydm)", string(req.Reason), "应为 01(开票有误)、02(销货退回)、03(服务中止)或 04(销售折让)",
			"01", "02", "03", "04"),
		oneOf("申请类型(sqyy)", f("sqyy"), "沙箱仅支持 2(销方申请)", applicantSeller),
		oneOf("红字信息表校验标志(hzxxbcheck)", f("hzxxbcheck"), "应为 1 或留空", "", "0", "1"),
		oneOf("数电发票标志(sdfpbz)", f("sdfpbz"), "只有数电纸票才传 1,沙箱的发票都是数电电子发票,请留空", "", "0"),
	); err != nil {
		return req, err
	}
	if err := app.ValidateTaxID(req.SellerTaxID); err != nil {
		return req, errors.New("销方税号(xhdwsbh)" + err.Message)
	}
	var err error
	req.Rows, err = parseFormRows(form)
	return req, err
}

// parseFormRows reads mxzb[i][…]: the blue line (xh) and the negative
// quantity, amount excluding tax and tax to reverse of it.
func parseFormRows(form url.Values) ([]redFormRow, error) {
	groups, err := indexedGroups(form, "mxzb", maxFormRows)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	rows := make([]redFormRow, len(groups))
	for i, g := range groups {
		label := func(name, wire string) string { return fmt.Sprintf("红冲明细%s(mxzb[%d][%s])", name, i, wire) }
		xh, err := strconv.Atoi(g["xh"])
		if err != nil || xh < 1 {
			return nil, fmt.Errorf("%s %q 无效:应为蓝字发票的行序号(从1开始)", label("序号", "xh"), g["xh"])
		}
		r := redFormRow{Xh: xh}
		if r.AmountExcl, err = parseDecimal(label("金额", "je"), g["je"], app.MaxAmountPlaces); err != nil {
			return nil, err
		}
		if r.Tax, err = parseDecimal(label("税额", "se"), g["se"], app.MaxAmountPlaces); err != nil {
			return nil, err
		}
		if r.Quantity, err = optionalDecimal(label("数量", "spsl"), g["spsl"], app.MaxQuantityPlaces); err != nil {
			return nil, err
		}
		switch {
		case !r.AmountExcl.IsNegative():
			return nil, fmt.Errorf("%s %s 无效:红冲金额必须为负数且不为0", label("金额", "je"), g["je"])
		case r.Tax.IsPositive():
			return nil, fmt.Errorf("%s %s 无效:红冲税额不能为正数", label("税额", "se"), g["se"])
		case r.Quantity.Valid && !r.Quantity.Decimal.IsNegative():
			return nil, fmt.Errorf("%s %s 无效:红冲数量必须为负数", label("数量", "spsl"), g["spsl"])
		}
		rows[i] = r
	}
	return rows, nil
}

// checkReason applies the reason rules to the blue invoice: 02 needs a
// goods line, 03 a service line, 01 is always the whole invoice.
func checkReason(req redFormRequest, blue blueForRed) error {
	if msg := app.ReasonRefusal(req.Reason, blue.domainLines()); msg != "" {
		return refuse("冲红原因代码(chyydm):%s", msg)
	}
	if req.Reason == app.RedReasonMistake && len(req.Rows) > 0 {
		return refuse("冲红原因代码(chyydm)为01(开票有误)时只能全额红冲,不能传红冲明细(mxzb)")
	}
	return nil
}

// planFormLines works out the form's lines: everything left for a full
// red, else the rows asked for, each within what is left of its line.
func planFormLines(req redFormRequest, blue blueForRed) ([]redFormLine, error) {
	if blue.fullyReversed() {
		return nil, refuse("%s", msgFullyReversed)
	}
	if len(req.Rows) == 0 {
		var lines []redFormLine
		for _, l := range blue.Lines {
			if l.hasLeft() {
				lines = append(lines, l.leftAsRed())
			}
		}
		return lines, nil
	}
	seen := map[int]bool{}
	lines := make([]redFormLine, 0, len(req.Rows))
	for i, r := range req.Rows {
		l, err := planRow(req.Reason, blue, i, r, seen)
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// planRow checks one mxzb row against its blue line.
func planRow(reason app.RedReason, blue blueForRed, i int, r redFormRow, seen map[int]bool) (redFormLine, error) {
	at := fmt.Sprintf("红冲明细序号(mxzb[%d][xh])%d", i, r.Xh)
	l, ok := blue.line(r.Xh)
	switch {
	case !ok:
		return redFormLine{}, refuse("%s 无效:蓝字发票只有%d行", at, len(blue.Lines))
	case seen[r.Xh]:
		return redFormLine{}, refuse("%s 重复:同一行只能出现一次", at)
	case l.Nature != app.NatureNormal:
		return redFormLine{}, refuse("%s 无效:折扣行和被折扣行只能随整张发票全额红冲", at)
	case !l.hasLeft():
		return redFormLine{}, refuse("%s 无效:该行已全部红冲", at)
	case r.Quantity.Valid && reason == app.RedReasonAllowance:
		return redFormLine{}, refuse("红冲明细数量(mxzb[%d][spsl]):销售折让(04)只按金额红冲,不能传数量", i)
	}
	seen[r.Xh] = true
	red := redFormLine{BlueSeq: r.Xh, Quantity: r.Quantity, AmountExcl: r.AmountExcl, Tax: r.Tax}
	if _, err := l.reverse(red); err != nil {
		return redFormLine{}, refuse("红冲明细(mxzb[%d]):%s", i, err.Error())
	}
	return red, nil
}
