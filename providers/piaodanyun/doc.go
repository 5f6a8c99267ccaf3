// Package piaodanyun is the client of 票单云 (Piaodanyun), seed 001: it
// obtains and refreshes the access token, issues blue invoices, looks
// invoices up by request serial, fetches their PDF/OFD/XML files, asks
// whether a face scan is due and for the face-auth QR code, logs in to the
// e-tax bureau (SMS code, QR code or certificate), reverses invoices as
// their seller (retInviceMsg, hzxxbsq, hzfpkj) and reads the credit line
// (getCreditLine). It implements app.Issuer, app.FaceAuthProvider,
// app.LoginProvider, app.RedProvider and app.CreditProvider against the
// real service or the sandbox that speaks the same protocol.
//
// Every call except obtainToken is one small file built on Client.call
// (through post for a form, get for getFaceImg's query), which sends the
// token, retries once on an expired token, decodes the {code, msg, data}
// envelope and classifies failures as *app.ProviderError. Wire names
// (fphm, xhdwsbh, jshj…) stay inside this package.
package piaodanyun
