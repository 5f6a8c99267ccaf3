// Package app is Fapiao's domain and its use cases: invoices and their lines,
// the tax engine, the validation rules a strict tax bureau applies, and the
// issuing service with its request serials, outbox and reconciliation.
//
// It knows no Fyne, no SQL and no HTTP. It defines small interfaces (ports)
// for what it needs — storing invoices, issuing through a provider — that the
// store and providers packages implement.
package app
