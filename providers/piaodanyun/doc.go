// Package piaodanyun is the client of 票单云 (Piaodanyun), seed 001: it
// obtains and refreshes the access token, issues blue invoices, looks
// invoices up by request serial and fetches their PDF/OFD/XML files. It
// implements app.Issuer against the real service or the sandbox that speaks
// the same protocol.
//
// Every call except obtainToken is one small file built on Client.post, which
// sends a form with the token, retries once on an expired token, decodes the
// {code, msg, data} envelope and classifies failures as *app.ProviderError.
// Wire names (fphm, xhdwsbh, jshj…) stay inside this package.
package piaodanyun
