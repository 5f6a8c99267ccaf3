// Package taxsync is the client of the inbound invoice sync service S000621
// (seed 002 and the S000621 facts in the seeds' README). It lists the
// company's inbound invoices and customs vouchers by check status (rzzt),
// one page at a time, and implements app.InboundSource.
//
// A request is POSTed as JSON to {base}/invoice/S000621 in a signed
// envelope: content is Base64 of the JSON query, and signature is
// Base64(HMAC-SHA256(secret, "?" + "appid=…&content=…&jtnsrsbh=…&nsrsbh=…&serviceid=…")),
// the five parameters sorted by name. The answer's code "0000" means
// success; its content is Base64 of the page's JSON or, with iszip=1, of a
// zip whose first entry is that JSON. A page comes in one of two shapes: a
// flat InvoiceList with a count, or — rzzt 40 with adapter=1 — InvoiceList
// grouped by tax period and then by kind (FP invoices, HGJKS customs
// vouchers) with no count at all.
//
// Failures are *app.ProviderError, classified by what should happen next;
// transient ones are retried per page with backoff. The HMAC secret is never
// logged and never part of an error, and anything the server echoes back is
// scrubbed of it. Wire names (rzzt, skssq, jtnsrsbh…) stay inside this
// package.
package taxsync
