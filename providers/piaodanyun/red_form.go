package piaodanyun

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"fapiao/app"
)

const (
	opRedForm   = "hzxxbsq"
	pathRedForm = "/qdjk/fullExteriorInvoke/hzxxbsq"
)

// partialRedDisabled is the refusal of a partial red on an account whose
// service does not take the mxzb extension.
const partialRedDisabled = "票单云接口未提供部分红冲(config.toml 中 partial_red = true 可开启)"

// PartialRed reports whether this account accepts partial reds
// (Config.PartialRed).
func (c *Client) PartialRed() bool { return c.cfg.PartialRed }

// RedForm applies, as the seller, for a red-letter confirmation form against
// req.BlueNumber (hzxxbsq), or gets back the one already applied for.
//
// hzxxbcheck is sent (as 1) only for req.Fresh: without it the bureau
// answers a second application against the same invoice with the form it
// already has instead of making another. That is how a pending form's
// state is refreshed, and why a retry after a lost answer or a crash can
// never leave two forms against one invoice. Fresh is for a new case after
// an earlier form for the same reason went void. sdfpbz is for paper 数电
// invoices only and is not sent.
func (c *Client) RedForm(ctx context.Context, req app.RedFormRequest) (app.RedForm, error) {
	f, err := c.redFormForm(req)
	if err != nil {
		return app.RedForm{}, err
	}
	data, err := c.post(ctx, opRedForm, pathRedForm, f.values())
	if err != nil {
		return app.RedForm{}, err
	}
	rf, err := decodeRedFormData(data)
	if err != nil {
		return app.RedForm{}, transientError(opRedForm, "红字信息表申请应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	return rf, nil
}

// redFormForm builds hzxxbsq's fields, refusing before anything is sent
// what the bureau could only refuse.
func (c *Client) redFormForm(req app.RedFormRequest) (form, error) {
	if err := checkBlueNumber(opRedForm, req.BlueNumber); err != nil {
		return nil, err
	}
	if msg := reasonProblem(req.Reason); msg != "" {
		return nil, notSentRefusal(opRedForm, msg)
	}
	if len(req.Lines) > 0 && !c.cfg.PartialRed {
		return nil, notSentRefusal(opRedForm, partialRedDisabled)
	}
	f := form{}
	f.required("username", c.cfg.Username)
	f.required("xhdwsbh", c.cfg.SellerTaxID)
	f.required("yfphm", req.BlueNumber)
	f.required("chyydm", string(req.Reason))
	f.required("sqyy", applicantSeller) // a plain string here, unlike retInviceMsg's array
	if req.Fresh {
		f.required("hzxxbcheck", "1")
	}
	if err := addRedFormLines(f, req.Lines); err != nil {
		return nil, err
	}
	return f, nil
}

// reasonProblem says why reason is not one hzxxbsq knows, or "" when it is.
func reasonProblem(reason app.RedReason) string {
	for _, known := range app.RedReasons {
		if reason == known {
			return ""
		}
	}
	return fmt.Sprintf("红冲原因 %q 无效,应为 01、02、03 或 04", clip(string(reason)))
}

// addRedFormLines adds a partial red's lines as mxzb[i][xh|spsl|je|se]. This
// is an extension, not in the seed's hzxxbsq: it mirrors the mxzb that
// retInviceMsg answers with (xh the blue line's position, negative
// quantity, amount excluding tax and tax), so an account that takes it
// learns which lines to reverse and by how much. It is sent only when
// Config.PartialRed says the account takes it.
func addRedFormLines(f form, lines []app.RedLine) error {
	for i, l := range lines {
		key := func(name string) string { return "mxzb[" + strconv.Itoa(i) + "][" + name + "]" }
		if msg := redLineProblem(l); msg != "" {
			return notSentRefusal(opRedForm, fmt.Sprintf("部分红冲第%d项(蓝票第%d行):%s", i+1, l.Index, msg))
		}
		f.required(key("xh"), strconv.Itoa(l.Index))
		if l.Quantity.Valid {
			f.required(key("spsl"), app.FormatQuantity(l.Quantity.Decimal))
		}
		f.required(key("je"), app.FormatMoney(l.AmountExcl))
		f.required(key("se"), app.FormatMoney(l.Tax))
	}
	return nil
}

// redLineProblem says what keeps a red line from being sent: the bureau
// wants a blue line's position and negative figures.
func redLineProblem(l app.RedLine) string {
	switch {
	case l.Index < 1:
		return "缺少蓝票行序号"
	case !l.AmountExcl.IsNegative():
		return "红冲金额应为负数"
	case l.Tax.IsPositive():
		return "红冲税额不能为正数"
	case l.Quantity.Valid && !l.Quantity.Decimal.IsNegative():
		return "红冲数量应为负数"
	}
	return ""
}

// notSentRefusal refuses a call before anything is sent.
func notSentRefusal(op, message string) *app.ProviderError {
	pe := providerError(app.KindBusiness, op, "", message, nil)
	pe.NotSent = true
	return pe
}

// redFormData is hzxxbsq's data.
type redFormData struct {
	Sqsj    flexString `json:"sqsj"`
	XxbztDm flexString `json:"xxbztDm"`
	Xxbbh   flexString `json:"xxbbh"`
	UUID    flexString `json:"uuid"`
	Xxbzt   flexString `json:"xxbzt"` // the state in words; xxbztDm is what we read
}

// decodeRedFormData reads the form the bureau applied for or already had.
// Without a form number or a known state the answer is unusable.
func decodeRedFormData(data json.RawMessage) (app.RedForm, error) {
	if !hasData(data) {
		return app.RedForm{}, errors.New("data 为空")
	}
	var d redFormData
	if err := json.Unmarshal(data, &d); err != nil {
		return app.RedForm{}, fmt.Errorf("data 无法解析(%v)", err)
	}
	if d.Xxbbh.String() == "" {
		return app.RedForm{}, errors.New("缺少红字信息表编号 xxbbh")
	}
	state, err := formState(d.XxbztDm.String())
	if err != nil {
		return app.RedForm{}, err
	}
	at, err := optionalIssueTime(d.Sqsj)
	if err != nil {
		return app.RedForm{}, fmt.Errorf("sqsj:%v", err)
	}
	return app.RedForm{Number: d.Xxbbh.String(), ID: d.UUID.String(), State: state, AppliedAt: at}, nil
}

// formState reads xxbztDm as one of the bureau's states 01–10, with a
// dropped leading zero restored ("1", or the number 1, is "01").
func formState(code string) (app.RedFormState, error) {
	if code == "" {
		return "", errors.New("缺少红字信息表状态 xxbztDm")
	}
	code = statusCode(code)
	// Digits are checked first: RedFormState.Void compares strings, and
	// "0a" sorts between "05" and "10".
	if !twoDigits(code) || code < "01" || code > "10" {
		return "", fmt.Errorf("红字信息表状态 xxbztDm %q 无法识别", clip(code))
	}
	return app.RedFormState(code), nil
}

func twoDigits(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}
