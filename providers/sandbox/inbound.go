package sandbox

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"fapiao/app"
)

// handleInbound answers S000621 (seed 002): check the envelope and its
// signature, decode and check the query, make up the page asked for, and
// answer it encoded as asked.
func (s *Server) handleInbound(w http.ResponseWriter, r *http.Request) {
	req, err := s.readInboundRequest(w, r)
	var q inboundQuery
	if err == nil {
		q, err = decodeInboundQuery(req.Content)
	}
	var f *inboundFailure
	if errors.As(err, &f) {
		s.log.Info("S000621 refused", "code", f.code, "reason", f.msg)
		writeInboundFailure(w, f)
		return
	}
	content, err := s.inboundContent(r.Context(), req.Nsrsbh, q)
	if err != nil {
		s.log.Error("S000621", "err", err)
		writeHTTPError(w, http.StatusInternalServerError, "发票同步失败:税局系统内部错误")
		return
	}
	writeInboundOK(w, content)
}

// inboundContent is the encoded content answering q for the company.
func (s *Server) inboundContent(ctx context.Context, taxID string, q inboundQuery) (string, error) {
	cat, err := s.inboundCatalog(ctx, taxID)
	if err != nil {
		return "", err
	}
	spans := cat.spans(q.status, q.filter)
	positions := pageOf(spans, q.page, q.pageSize)
	invoices := make([]app.InboundInvoice, len(positions))
	for k, p := range positions {
		invoices[k] = cat.invoice(p.run, p.j)
	}
	s.inboundMade.Add(int64(len(invoices)))
	if q.adapter {
		return encodeInboundContent(adapterPage(q, invoices), q.zip)
	}
	return encodeInboundContent(plainPage(q, spanTotal(spans), invoices), q.zip)
}

// inboundCatalog is the company's invoices as of now, with its checks.
func (s *Server) inboundCatalog(ctx context.Context, taxID string) (*inboundCatalog, error) {
	checks, err := s.loadInboundChecks(ctx, taxID)
	if err != nil {
		return nil, err
	}
	return newInboundCatalog(taxID, s.opts.InboundCount, s.now(), checks), nil
}

// plainPage is the plain format: the page and the count.
func plainPage(q inboundQuery, count int, invoices []app.InboundInvoice) inboundPlainPage {
	page := inboundPlainPage{PageSize: q.pageSize, CurrentPage: q.page, Count: count,
		InvoiceList: make([]inboundInvoiceWire, 0, len(invoices)), Skssq: q.filter.period}
	for _, inv := range invoices {
		page.InvoiceList = append(page.InvoiceList, toWire(inv, false))
	}
	return page
}

// adapterPage is rzzt 40's adapter format: the page's invoices by period,
// then by kind. The period asked for (skssq) is there even when the page
// holds none of it, as an empty object, the way seed 002 shows one.
func adapterPage(q inboundQuery, invoices []app.InboundInvoice) inboundAdapterPage {
	groups := map[string]inboundPeriodGroup{}
	if q.filter.period != "" {
		groups[q.filter.period] = inboundPeriodGroup{}
	}
	for _, inv := range invoices {
		g := groups[inv.Period]
		if inv.Kind == kindCustoms {
			g.HGJKS = append(g.HGJKS, toWire(inv, true))
		} else {
			g.FP = append(g.FP, toWire(inv, true))
		}
		groups[inv.Period] = g
	}
	return inboundAdapterPage{PageSize: strconv.Itoa(q.pageSize), CurrentPage: strconv.Itoa(q.page),
		InvoiceList: groups}
}
