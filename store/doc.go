// Package store keeps Fapiao's invoices (blue and red), their outbox, the
// red cases with their history, the autocomplete catalogs, the form's
// drafts, small app state, the pre-assigned number pool of direct connect,
// and the inbound invoices synced from the bureau with their history and
// sync runs in one SQLite file (modernc.org/sqlite, no cgo). It implements
// app.InvoiceStore, app.CatalogStore, app.DraftStore, app.StateStore,
// app.RedStore, app.PoolStore, app.IssueStats and app.InboundStore.
//
// Two connection pools share the file: a single writer, whose transactions
// take the write lock up front (BEGIN IMMEDIATE), and a few read-only
// readers. In WAL mode readers see the last committed state and never wait
// for the writer, so the invoice list stays responsive while an invoice is
// being recorded.
package store
