package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fapiao/app"
	"fapiao/providers/layout"
	"fapiao/providers/leqi"
	"fapiao/providers/piaodanyun"
	"fapiao/providers/sandbox"
	"fapiao/store"
	"fapiao/ui/cli"
)

// sampleInvoice is DESIGN §3's invoice input: seed 001's example.
const sampleInvoice = `{"type": "82",
 "buyer": {"name": "上海某某科技有限公司", "tax_id": "91510113MA6739XPX2", "address": "", "phone": "",
           "bank": "", "account": "", "email": "", "natural_person": false},
 "lines": [{"name": "*软件*财税管理系统", "spec": "V1", "unit": "年", "quantity": "1", "price": "1",
            "amount": "1", "tax_rate": "0.01", "tax_code": "1060301020100000000", "tax_included": true}],
 "remark": "", "drawer": ""}`

// world is the app wired as main.go wires it, in-process: a real SQLite
// store, the real sandbox on a loopback port and the real 票单云 client.
type world struct {
	t       *testing.T
	home    string
	srv     *sandbox.Server
	baseURL string
	db      *store.DB
	svc     *app.Services
}

func newWorld(t *testing.T) *world {
	t.Helper()
	return newWorldWith(t, sandbox.Options{})
}

// newWorldWith starts the sandbox with opts (its DBPath is set here).
func newWorldWith(t *testing.T, opts sandbox.Options) *world {
	t.Helper()
	w := &world{t: t, home: t.TempDir()}
	opts.DBPath = filepath.Join(w.home, "sandbox.db")
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	w.srv = srv
	w.baseURL, err = srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	w.open()
	return w
}

// open (re)opens the local store and services, as a fresh process would.
func (w *world) open() {
	db, err := store.Open(filepath.Join(w.home, "fapiao.db"))
	if err != nil {
		w.t.Fatal(err)
	}
	w.db = db
	w.t.Cleanup(func() { db.Close() })
	client := w.client()
	w.svc = &app.Services{Issuing: w.service(client), Catalog: db, Drafts: db, Sandbox: true,
		Face: app.NewFaceAuthService(client, db, nil), Login: app.NewLoginService(client, db, nil),
		SandboxTools: &app.SandboxTools{
			SMSCode:             sandbox.DemoSMSCode,
			SimulateFaceScan:    func(_ context.Context, id string) error { return w.srv.SimulateFaceScan(id) },
			SimulateQRLoginScan: func(_ context.Context, id string) error { return w.srv.SimulateQRLoginScan(id) },
		}}
	w.svc.Issuing.Face, w.svc.Issuing.Login = w.svc.Face, w.svc.Login
	w.svc.Credit = app.NewCreditService(client, db, nil)
	w.svc.Issuing.Credit = w.svc.Credit
	w.svc.Red = app.NewRedService(client, w.svc.Issuing, db, nil)
	w.svc.Red.Inbox = w.srv.Inbox(app.DemoSeller.TaxID)
	w.svc.Pool = app.NewPoolService(w.leqiClient(), db, db, sandbox.DemoJrdwptbh, nil)
	w.svc.Dashboard = &app.DashboardService{Credit: w.svc.Credit, Pool: w.svc.Pool, Face: w.svc.Face, Stats: db}
}

// useDirectConnect makes 乐企 the issuer, as provider = "leqi" does: numbers
// from the pool, invoices uploaded.
func (w *world) useDirectConnect() {
	c := w.leqiClient()
	issuer := app.NewPooledIssuer(c.Name(), w.svc.Pool, c, func(inv app.Invoice, f app.DocFormat) ([]byte, error) {
		switch f {
		case app.FormatOFD:
			return layout.OFD(inv)
		case app.FormatXML:
			return layout.XML(inv)
		}
		return layout.PDF(inv)
	})
	issuer.Poll = 10 * time.Millisecond
	w.svc.Issuing = w.service(issuer)
}

func (w *world) leqiClient() *leqi.Client {
	c, err := leqi.New(leqi.Config{BaseURL: w.baseURL, Jrdwptbh: sandbox.DemoJrdwptbh, Key: sandbox.DemoLeqiKey,
		SellerTaxID: app.DemoSeller.TaxID, Timeout: 5 * time.Second})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

func (w *world) client() *piaodanyun.Client {
	c, err := piaodanyun.New(piaodanyun.Config{
		BaseURL: w.baseURL, Phone: sandbox.DemoPhone, Password: sandbox.DemoPassword, EtaxPassword: sandbox.DemoEtaxPassword,
		TenantID: sandbox.DemoTenantID, Username: sandbox.DemoUsername, SellerTaxID: app.DemoSeller.TaxID,
		PartialRed: true, Timeout: 5 * time.Second,
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

func (w *world) service(issuer app.Issuer) *app.IssueService {
	s := app.NewIssueService(w.db, issuer, app.DefaultConfig().SellerParty(), nil)
	s.Backoff = []time.Duration{0, 0}
	return s
}

// run executes one CLI command and returns its output and exit status.
func (w *world) run(args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	env := cli.Env{
		Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(""),
		Open: func(context.Context) (*app.Services, func(), error) { return w.svc, func() {}, nil },
	}
	code = cli.Run(context.Background(), args, env)
	return out.String(), errOut.String(), code
}

// file writes content into the home directory and returns its path.
func (w *world) file(name, content string) string {
	path := filepath.Join(w.home, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
	return path
}

func (w *world) requests() int {
	n := 0
	for _, c := range w.srv.Stats() {
		n += c
	}
	return n
}
