package taxsync

import (
	"context"
	"errors"
	"time"

	"fapiao/app"
)

// FetchInbound asks for one page of the company's inbound invoices in the
// state q.Status. Page 0 is read as 1 and PageSize 0 as DefaultPageSize. A
// transient failure is asked again up to Config.Retries times, waiting
// 0.5 s, 1 s, 2 s… in between (the query only reads, so asking again is
// safe); business and credential refusals are returned at once. Errors are
// *app.ProviderError.
//
// The returned Count is the answer's count. The adapter format of rzzt 40
// has none, so Count is then made up to drive paging: for a short page
// (fewer entries than PageSize, the last) it is (Page−1)×PageSize + the
// page's entries, the true total; for a full page it is one more than that,
// Page×PageSize+1, so that a caller paging until Page×PageSize ≥ Count asks
// for the next page, which is empty or short and ends the sync. (A server
// sending more entries than PageSize gets the same rule: one more than
// counted so far.)
func (c *Client) FetchInbound(ctx context.Context, q app.InboundFetch) (app.InboundPage, error) {
	wq, err := buildQuery(q, c.cfg.zipped())
	if err != nil {
		return app.InboundPage{}, err
	}
	body := c.seal(encodeQuery(wq))
	for attempt := 0; ; attempt++ {
		page, pe := c.fetchOnce(ctx, wq, body)
		if pe == nil {
			return page, nil
		}
		if pe.Kind != app.KindTransient || attempt >= c.cfg.Retries || ctx.Err() != nil {
			return app.InboundPage{}, pe
		}
		wait := backoffFor(c.backoff, attempt)
		c.log.Info("进项同步 retry", "rzzt", wq.Rzzt, "page", wq.Page, "attempt", attempt+1, "wait", wait, "err", pe.Error())
		if err := sleep(ctx, wait); err != nil {
			return app.InboundPage{}, cancelledWhileWaiting(pe, err)
		}
	}
}

// fetchOnce sends one request for a page and reads its answer. Every
// attempt is logged once.
func (c *Client) fetchOnce(ctx context.Context, q wireQuery, body []byte) (app.InboundPage, *app.ProviderError) {
	if err := ctx.Err(); err != nil {
		pe := transientError("请求已取消", err)
		pe.NotSent = true
		return app.InboundPage{}, pe
	}
	started := time.Now()
	resp, err := c.api.R().
		SetContext(ctx).
		SetHeader("Content-Type", "application/json").
		SetHeader("Accept", "application/json").
		SetBody(body).
		Post(c.cfg.BaseURL + "/invoice/" + serviceID)
	if err != nil {
		pe := transportError(err)
		c.logOutcome(q, 0, answer{}, app.InboundPage{}, started, pe)
		return app.InboundPage{}, pe
	}
	a, pe := c.judge(resp.StatusCode(), resp.Body())
	var page app.InboundPage
	if pe == nil {
		if page, err = decodePage(a.page, q); err != nil {
			pe = c.malformedError(err.Error())
		}
	}
	c.logOutcome(q, resp.StatusCode(), a, page, started, pe)
	return page, pe
}

// maxBackoff caps the wait between retries, however many are configured.
const maxBackoff = 30 * time.Second

// backoffFor is the wait before retry number attempt+1: first, then twice
// as long each time, at most maxBackoff.
func backoffFor(first time.Duration, attempt int) time.Duration {
	wait := first
	for i := 0; i < attempt && wait < maxBackoff; i++ {
		wait *= 2
	}
	return min(wait, maxBackoff)
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// cancelledWhileWaiting reports the last failure of a page whose retries
// were cut short, keeping ctx's error in the chain for errors.Is.
func cancelledWhileWaiting(last *app.ProviderError, ctxErr error) *app.ProviderError {
	return &app.ProviderError{Kind: app.KindTransient, Provider: providerName, Op: serviceID, Code: last.Code,
		Message: "重试已取消;上次失败:" + last.Message, Err: errors.Join(ctxErr, last)}
}

// logOutcome records one attempt: the query's status and page, the HTTP
// status, the answer's uuid and billing count, what came back and the time
// taken — never the secret, the signature or a body.
func (c *Client) logOutcome(q wireQuery, status int, a answer, page app.InboundPage, started time.Time, pe *app.ProviderError) {
	attrs := []any{"rzzt", q.Rzzt, "page", q.Page, "status", status, "uuid", a.uuid,
		"elapsed", time.Since(started).Round(time.Millisecond)}
	if pe == nil {
		c.log.Debug("进项同步 page ok", append(attrs, "jf_num", a.jfNum, "invoices", len(page.Invoices), "count", page.Count)...)
		return
	}
	c.log.Warn("进项同步 page failed", append(attrs, "kind", pe.Kind.String(), "err", pe.Error())...)
}
