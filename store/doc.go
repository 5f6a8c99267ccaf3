// Package store keeps Fapiao's invoices, their outbox, the autocomplete
// catalogs and the form's drafts in one SQLite file (modernc.org/sqlite, no
// cgo). It implements app.InvoiceStore, app.CatalogStore and app.DraftStore.
//
// Two connection pools share the file: a single writer, whose transactions
// take the write lock up front (BEGIN IMMEDIATE), and a few read-only
// readers. In WAL mode readers see the last committed state and never wait
// for the writer, so the invoice list stays responsive while an invoice is
// being recorded.
package store
