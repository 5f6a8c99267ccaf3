package xunlian

import (
	"context"

	"fapiao/app"
)

// Issue sends a blue invoice under inv.RequestSerial, which is both
// requisitionApplyNo and otherId: sending the same invoice again sends the
// same request, which 迅联云 recognizes. An invoice the mapping refuses is
// not sent; its error is a KindBusiness *app.ProviderError (NotSent) that
// wraps the *app.ValidationError.
func (c *Client) Issue(ctx context.Context, inv app.Invoice) (app.IssueResult, error) {
	r, ve := c.blueRequest(inv)
	if ve != nil {
		return app.IssueResult{}, refusedBeforeSending(ve)
	}
	return c.send(ctx, r)
}

// IssueRedDirect sends the red invoice red against blue, straight by the
// blue invoice's number and code (blueInvoiceNo, blueInvoiceCode): 迅联云
// needs no red-letter form. red's lines are negative, as the domain keeps
// a red invoice; its serial is the idempotency key as for a blue one.
func (c *Client) IssueRedDirect(ctx context.Context, red app.Invoice, blue app.Invoice) (app.IssueResult, error) {
	r, ve := c.redRequest(red, blue)
	if ve != nil {
		return app.IssueResult{}, refusedBeforeSending(ve)
	}
	return c.send(ctx, r)
}
