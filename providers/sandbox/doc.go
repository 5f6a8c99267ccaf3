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
// Layout of the package: one file per endpoint group (token.go,
// blueticket*.go, query*.go, files.go, face*.go, login*.go, control.go,
// session_control.go), a small router (router.go), the shared envelope
// helpers (envelope.go), the session gate (seller_gate.go) and one state
// store over SQLite (db.go, schema.go, *_store.go).
package sandbox
