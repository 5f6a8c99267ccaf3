package xunlian

import (
	"context"
	"fmt"

	"fapiao/app"
)

// Lookup cannot ask 迅联云 anything: serverIssue has no query. It returns
// an error wrapping app.ErrNoLookup without sending, and the issuing
// service learns the outcome by sending the same serial again.
func (c *Client) Lookup(_ context.Context, serial string) (app.IssueResult, error) {
	return app.IssueResult{}, fmt.Errorf("迅联云 serverIssue 不提供查询,无法查询流水号 %s: %w", serial, app.ErrNoLookup)
}

// Document renders the invoice's layout file with Config.Render: 迅联云
// returns no files. Without a renderer it says so and sends nothing.
func (c *Client) Document(_ context.Context, inv app.Invoice, format app.DocFormat) ([]byte, error) {
	if c.cfg.Render == nil {
		pe := providerError(app.KindBusiness, "", "迅联云不提供版式文件,且未配置本地生成,无法导出 "+string(format), nil)
		pe.Op, pe.NotSent = "document", true
		return nil, pe
	}
	return c.cfg.Render(inv, format)
}

// CanLookup is false: the issuing service consults it for the capability
// set, and resends under the same serial instead of asking.
func (c *Client) CanLookup() bool { return false }
