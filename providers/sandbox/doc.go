// Package sandbox is the simulated tax service: a strict tax bureau behind
// the 票单云 (Piaodanyun) gateway protocol, served over real HTTP.
//
// The app runs it in-process on a loopback port and points its real 票单云
// client at it, so every workflow works on a fresh machine and every test
// exercises the real HTTP code paths. `fapiao sandbox --addr` runs it
// standalone. It keeps its state in its own SQLite file, refuses what a
// strict bureau refuses (with the bureau's code 999 and a Chinese message
// naming the field), and injects faults on demand: latency, transient 503s,
// and "commit the invoice, then drop the connection".
//
// Like the bureau, it keeps two sessions per seller: the e-tax login
// (loginDppt; lapsed → 419) and the clerk's face authentication
// (getFaceImg, queryFaceAuthState; lapsed → 420 on issuing). Both start
// valid when a seller is first seen, so a fresh sandbox issues at once;
// tests make them lapse (LapseLogin, LapseFaceAuth, or the clock) and play
// the phone (SimulateFaceScan, SimulateQRLoginScan), in Go or over HTTP
// under /sandbox/face/ and /sandbox/login/.
//
// Red invoices follow seed 001: retInviceMsg says what is left to reverse
// of a blue invoice, hzxxbsq applies for a red-letter form (or, without
// hzxxbcheck=1, answers the one already applied for, in its current
// state), hzfpkj issues the red invoice on a form in state 01 or 04. The
// sandbox plays every buyer: an invoice of 10,000.00 or more (or one
// marked with MarkUsedByBuyer, MarkBookedByBuyer, or under
// /sandbox/buyer/) counts as used, so its forms wait for the buyer (02);
// the buyer confirms after Options.BuyerConfirmDelay, or when told
// (BuyerAnswer, /sandbox/redform/{xxbbh}/confirm or /refuse), and a form
// still waiting 72 h after it was applied for is void (07). Form states
// are worked out whenever a form is read, against the sandbox clock, which
// tests move on with AdvanceClock or /sandbox/clock/advance (in memory
// only: a restart resets it). getCreditLine reports the credit line a blue
// invoice consumes and a red one restores. For our company as a buyer,
// Inbox lists the forms other sellers raise against it; a made-up supplier
// raises one the first time a tax ID is seen, so a demo has one to answer.
//
// It also speaks 乐企 (Leqi), the bureau's direct-connect platform: POST
// /access/v2/invoke/{nlbm}/{fwbm}, the body and the answer's Data
// Base64(SM4-ECB(JSON)) under the access unit's key (Options.LeqiPlatform,
// Options.LeqiKey; by default DemoJrdwptbh and GB/T 32907's sample key
// DemoLeqiKey). QDFPPLFM grants segments of pre-assigned numbers (channel
// digit 1) from the counter blueTicket numbers from, once per business
// serial (ywlsh); QDFPSC takes an invoice on such a number and decides at
// once whether a strict bureau would accept it; CXQDFPSCJG tells the
// verdict (处理中 for Options.LeqiProcessing first); CXSXED reports the
// same credit line as getCreditLine. An accepted upload is an issued
// invoice like blueTicket's.
//
// And S000621 (seed 002), the inbound invoice sync: POST /invoice/S000621
// with the signed envelope (appid DemoInboundAppID, HMAC-SHA256 under
// DemoInboundSecret by default) lists a company's inbound invoices by
// status (rzzt 10, 11, 12, 15, 16, 17, 40), paged, filtered by dates and
// period, as Base64 JSON or a zip, and for rzzt 40 in the adapter format.
// The Options.InboundCount invoices of every company are never stored:
// each is a pure function of the company, its index and the day, and each
// status owns a fixed share of the indexes, so any page of up to a million
// is made in the time its invoices take. CheckInbound (or POST
// /sandbox/inbound/check?n=N) checks the first N unchecked ones; only that
// count is stored.
//
// And 迅联云 (Xunlian) hosted issuance (seed 003): POST
// /sco-invoice-legged-biz/tax/output/openapi/serverIssue with a JSON body
// issues a blue invoice, or — with blueInvoiceNo and negative totals — a
// red one reversing a blue invoice of this sandbox whole. The body's
// companyDataResource and terminalCode are the credentials
// (Options.XunlianAccounts; by default DemoCompanyDataResource and
// DemoTerminalCode, bound to the first seller that issues through them).
// Every rule of the seed is checked, lengths in GBK bytes; the invoice is
// numbered from the same counter and stored in the same table as
// blueTicket's (noted as the 迅联云 channel), and an application number
// (requisitionApplyNo) sent again is answered with the invoice it issued,
// or refused when the content differs. Every invoice is 数电: a 20-digit
// number and an empty invoiceCode, whatever invoiceTypeCode (01, 04, 08,
// 10) was sent.
//
// Layout of the package: one file per endpoint group (token.go,
// blueticket*.go, query*.go, files.go, face*.go, login*.go, red_check.go,
// red_form*.go, red_issue*.go, credit.go, control.go, session_control.go,
// buyer*.go, clock.go, inbox*.go, leqi*.go, inbound*.go, xunlian*.go), a small router (router.go),
// the shared envelope helpers (envelope.go; leqi_envelope.go and
// leqi_seal.go for 乐企), the session gate (seller_gate.go) and one state
// store over SQLite (db.go, schema.go, *_store.go).
package sandbox
