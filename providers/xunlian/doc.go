// Package xunlian is the client of 迅联云 (Xunlian cloud) hosted issuance,
// seed 003: one call, serverIssue, that sends a blue invoice — or a red one
// against a blue invoice's number — and answers with the number issued. It
// implements app.Issuer against the real service.
//
// The mapping folds the domain's discount lines into the line they
// discount (lineAttribute 2 with discount, lineDiscountExcludeTax and
// taxDiscount), writes every figure the domain computed as a string with
// the seed's fixed decimals, and refuses before sending whatever 迅联云
// could only refuse: fields over the seed's lengths (counted in GBK bytes),
// an invoice mixing tax-inclusive and tax-exclusive lines, an invoice type
// it has no code for. Those refusals are *app.ValidationError naming the
// domain's field (lines[0].name) and the wire field (itemName).
//
// serverIssue has no query: Lookup returns app.ErrNoLookup, and the
// service deduplicates by requisitionApplyNo, which is the request serial,
// so sending the same invoice again is how a lost answer is resolved. 迅联云
// returns no layout files either: Document renders them with Config.Render.
// Wire names (buyerName, lineAttribute…) stay inside this package.
package xunlian
