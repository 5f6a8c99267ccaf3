package piaodanyun

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fapiao/app"
)

const (
	opInvoiceQuery   = "invoiceQueryMx"
	pathInvoiceQuery = "/qdjk/fullExteriorInvoke/invoiceQueryMx"
)

// Lookup asks what became of a request serial. It returns an error
// satisfying errors.Is(err, app.ErrNotFound) when the provider has no
// invoice under it.
func (c *Client) Lookup(ctx context.Context, serial string) (app.IssueResult, error) {
	if serial == "" {
		return app.IssueResult{}, providerError(app.KindBusiness, opInvoiceQuery, "", "缺少发票请求流水号,未查询", nil)
	}
	q, err := c.queryInvoice(ctx, serial, "")
	if err != nil {
		return app.IssueResult{}, err
	}
	// An answer about another serial must never settle this one.
	if got := q.Fpqqlsh.String(); got != "" && got != serial {
		return app.IssueResult{}, transientError(opInvoiceQuery,
			fmt.Sprintf("查询结果的流水号 %s 与所查流水号 %s 不一致", clip(got), serial), nil)
	}
	result, err := issueResult(q.Fphm.String(), q.Kprq.String())
	if err != nil {
		return app.IssueResult{}, transientError(opInvoiceQuery, "查询应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	}
	result.CheckCode = q.Jym.String()
	return result, nil
}

// queryInvoice fetches an invoice's details by request serial, by number,
// or both (the seed wants at least one).
func (c *Client) queryInvoice(ctx context.Context, serial, number string) (queryData, error) {
	f := form{}
	f.required("username", c.cfg.Username)
	f.required("nsrsbh", c.cfg.SellerTaxID)
	f.optional("fpqqlsh", serial)
	f.optional("fphm", number)
	what := describeQuery(serial, number)

	data, err := c.post(ctx, opInvoiceQuery, pathInvoiceQuery, f.values())
	if err != nil {
		if code, ok := notFoundRefusal(err); ok {
			return queryData{}, notFoundError(code, what)
		}
		return queryData{}, err
	}
	q, found, err := decodeQueryData(data)
	switch {
	case err != nil:
		return queryData{}, transientError(opInvoiceQuery, "查询应答的格式错误:"+c.quote([]byte(err.Error())), nil)
	case !found:
		return queryData{}, notFoundError("", what)
	}
	return q, nil
}

func describeQuery(serial, number string) string {
	if serial != "" {
		return "流水号 " + serial
	}
	return "号码 " + number
}

func notFoundError(code, what string) *app.ProviderError {
	return providerError(app.KindBusiness, opInvoiceQuery, code, "票单云没有"+what+"的发票", app.ErrNotFound)
}

// notFoundRefusal recognizes a refusal that only says there is no such
// invoice. A message about the account (用户不存在, 账号无此权限) is not one:
// reading it as "not issued" could make a caller give up on an invoice that
// was issued.
func notFoundRefusal(err error) (code string, ok bool) {
	var pe *app.ProviderError
	if !errors.As(err, &pe) || pe.Kind != app.KindBusiness {
		return "", false
	}
	for _, word := range []string{"用户", "账号", "账户", "令牌", "token", "权限"} {
		if strings.Contains(strings.ToLower(pe.Message), word) {
			return "", false
		}
	}
	for _, phrase := range []string{"未查询到", "不存在", "无此", "没有查询到"} {
		if strings.Contains(pe.Message, phrase) {
			return pe.Code, true
		}
	}
	return "", false
}
