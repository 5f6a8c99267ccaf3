// Command fapiao is a desktop client for China's fully digitalized
// e-invoices (数电票). With no command it opens the desktop app; with one it
// runs the command line of DESIGN §3.
//
// This file is wiring only: config → store → providers → app services → ui
// or the CLI. It is the only file that knows every package, and the only one
// that imports fyne.io/fyne/v2/app, which needs cgo.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"fapiao/app"
	"fapiao/providers/layout"
	"fapiao/providers/leqi"
	"fapiao/providers/piaodanyun"
	"fapiao/providers/sandbox"
	"fapiao/providers/taxsync"
	"fapiao/providers/xunlian"
	"fapiao/store"
	"fapiao/store/secretstore"
	"fapiao/ui"
	"fapiao/ui/cli"
)

// appID is the application's identity (FyneApp.toml's ID), which also names
// its preferences store.
const appID = "cn.fapiao.desktop"

func main() {
	os.Exit(run())
}

func run() int {
	global, rest, err := cli.ParseGlobal(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return cli.ExitBadInput
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(rest) == 0 {
		return runDesktop(ctx, global.Home)
	}
	return cli.Run(ctx, rest, cli.Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin,
		Open: func(ctx context.Context) (*app.Services, func(), error) {
			return openServices(ctx, global.Home)
		},
		RunSandbox: func(ctx context.Context, addr string, ready func(string)) error {
			return runSandbox(ctx, global.Home, addr, ready)
		},
	})
}

// runDesktop opens the window. Start-up errors (a broken config.toml, say)
// are shown in a window too: a clerk who started the app from a menu never
// sees standard error.
func runDesktop(ctx context.Context, home string) int {
	a := fyneapp.NewWithID(appID)
	ui.SetupApp(a)
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	svc, closeServices, err := openServices(ctx, home)
	if err != nil {
		// A broken config.toml or a missing secret: show why, and the
		// settings screen to fix it.
		cfg, _ := app.LoadConfig(home)
		w := a.NewWindow("Fapiao 发票")
		w.SetContent(container.NewPadded(container.NewVBox(
			widget.NewLabel("无法启动:\n"+err.Error()),
			widget.NewButton("打开设置", func() { ui.NewSettingsWindow(a, settingsFor(home, cfg)).Show() }))))
		w.ShowAndRun()
		return cli.ExitRefused
	}
	defer closeServices()
	ui.NewMainWindow(a, svc).ShowAndRun()
	return cli.ExitOK
}

// openServices builds everything the UI and the CLI use from the home
// directory. The returned function releases it all.
func openServices(ctx context.Context, home string) (*app.Services, func(), error) {
	if err := os.MkdirAll(home, 0o700); err != nil {
		return nil, nil, fmt.Errorf("创建主目录 %s: %w", home, err)
	}
	cfg, err := app.LoadConfig(home)
	if err != nil {
		return nil, nil, err
	}
	log, closeLog := openLog(home)
	db, err := store.Open(filepath.Join(home, "fapiao.db"))
	if err != nil {
		closeLog()
		return nil, nil, fmt.Errorf("打开数据库: %w", err)
	}
	p, err := connect(cfg, home, log)
	if err != nil {
		db.Close()
		closeLog()
		return nil, nil, err
	}
	svc, err := assemble(cfg, p, db, log)
	if err == nil {
		svc.Settings = settingsFor(home, cfg)
	}
	if err != nil {
		p.close()
		db.Close()
		closeLog()
		return nil, nil, err
	}
	return svc, func() {
		p.close()
		db.Close()
		closeLog()
	}, nil
}

// assemble builds the app services over the store and what the provider
// offers; what it does not offer stays nil, and the UI and CLI leave it out.
func assemble(cfg app.Config, p provider, db *store.DB, log *slog.Logger) (*app.Services, error) {
	svc := &app.Services{Catalog: db, Drafts: db, Sandbox: p.sandboxURL != "",
		SandboxTools: p.tools}
	issuer, credit := p.issuer, p.credit
	if p.leqi != nil {
		svc.Pool = app.NewPoolService(p.leqi, db, db, p.jrdwptbh, log)
		svc.Pool.Policy = cfg.Leqi.PoolPolicy()
	}
	if cfg.Provider == app.ProviderLeqi {
		if svc.Pool == nil {
			return nil, fmt.Errorf("config.toml: provider = \"leqi\" 需要 [leqi] 的 base_url")
		}
		issuer = app.NewPooledIssuer(p.leqi.Name(), svc.Pool, p.leqi, renderDocument)
		credit = p.leqi
	}
	svc.Issuing = app.NewIssueService(db, issuer, cfg.SellerParty(), log)
	if p.face != nil {
		svc.Face = app.NewFaceAuthService(p.face, db, log)
		svc.Face.Window = cfg.FaceWindow()
		svc.Issuing.Face = svc.Face
	}
	if credit != nil {
		svc.Credit = app.NewCreditService(credit, db, log)
		svc.Issuing.Credit = svc.Credit
	}
	if p.red != nil {
		svc.Red = app.NewRedService(p.red, svc.Issuing, db, log)
		svc.Red.Inbox = p.inbox
	}
	if p.directRed != nil {
		svc.Red = app.NewRedService(app.NewDirectRed(p.directRed, db, db), svc.Issuing, db, log)
	}
	if p.login != nil {
		svc.Login = app.NewLoginService(p.login, db, log)
		svc.Issuing.Login = svc.Login
		if svc.Face != nil {
			svc.Face.Login = svc.Login
		}
	}
	svc.Dashboard = &app.DashboardService{Credit: svc.Credit, Pool: svc.Pool, Face: svc.Face, Stats: db}
	if p.inbound != nil {
		svc.Inbound = app.NewInboundService(p.inbound, db, log)
	}
	svc.Issuing.ProviderDocuments = p.documents
	svc.Capabilities = app.CapabilitiesOf(cfg.Provider, svc)
	return svc, nil
}

// renderDocument makes an invoice's layout files where the provider has no
// download (direct connect): the company renders its own.
func renderDocument(inv app.Invoice, format app.DocFormat) ([]byte, error) {
	switch format {
	case app.FormatOFD:
		return layout.OFD(inv)
	case app.FormatXML:
		return layout.XML(inv)
	}
	return layout.PDF(inv)
}

// provider is what connecting to the configured providers gives: who
// issues, and its face authentication, e-tax login, red invoices and credit
// line where it has them, and the 乐企 client where a [leqi] section is
// served (by its base_url, or by the sandbox).
type provider struct {
	issuer   app.Issuer
	face     app.FaceAuthProvider // nil when the provider has none
	login    app.LoginProvider    // nil when the provider has none
	red      app.RedProvider      // nil when the provider has none
	credit   app.CreditProvider   // nil when the provider has none
	inbox    app.RedInbox         // the buyer side; sandbox only (seed 001 has none)
	leqi     *leqi.Client         // nil without a served [leqi] section
	jrdwptbh string
	inbound  app.InboundSource // nil without a served [inbound] section
	// documents: the issuer downloads layout files (票单云) rather than
	// rendering them here.
	documents bool
	// directRed issues red invoices by the blue number (迅联云).
	directRed  app.DirectRedIssuer
	sandboxURL string            // the embedded sandbox's address, when one runs
	tools      *app.SandboxTools // set in sandbox mode only
	close      func()
}

// connect connects the providers config.toml names. The sandbox is the
// real 票单云 and 乐企 clients pointed at the simulated tax service, run
// in-process on a loopback port, so the real HTTP code path is what a
// demo exercises.
func connect(cfg app.Config, home string, log *slog.Logger) (provider, error) {
	var p provider
	var err error
	switch cfg.Provider {
	case app.ProviderSandbox:
		p, err = connectSandbox(cfg, home, log)
	case app.ProviderPiaodanyun:
		p, err = connectPiaodanyun(cfg, log)
	case app.ProviderXunlian:
		p, err = connectXunlian(cfg, home, log)
	case app.ProviderLeqi:
		p = provider{close: func() {}}
	default:
		return provider{}, fmt.Errorf("config.toml: provider = %q 无效,应为 sandbox、piaodanyun、xunlian 或 leqi", cfg.Provider)
	}
	if err != nil {
		return provider{}, err
	}
	if cfg.Leqi.BaseURL != "" {
		if p.leqi, err = connectLeqi(cfg, log); err != nil {
			p.close()
			return provider{}, err
		}
		p.jrdwptbh = cfg.Leqi.Jrdwptbh
	}
	if cfg.Inbound.BaseURL != "" {
		if p.inbound, err = connectInbound(cfg, log); err != nil {
			p.close()
			return provider{}, err
		}
	}
	return p, nil
}

// connectInbound connects the inbound sync service S000621 that [inbound]
// names. The company defaults to the seller, the group to the company.
func connectInbound(cfg app.Config, log *slog.Logger) (*taxsync.Client, error) {
	secret, err := secrets(cfg).Lookup(app.SecretInbound)
	if err != nil {
		return nil, err
	}
	return taxsync.New(inboundConfig(cfg, secret, log))
}

// inboundConfig is the S000621 client's configuration from [inbound].
func inboundConfig(cfg app.Config, secret string, log *slog.Logger) taxsync.Config {
	nsrsbh := cmp.Or(cfg.Inbound.Nsrsbh, cfg.Seller.TaxID)
	return taxsync.Config{BaseURL: cfg.Inbound.BaseURL, AppID: cfg.Inbound.AppID, Secret: secret,
		Jtnsrsbh: cmp.Or(cfg.Inbound.Jtnsrsbh, nsrsbh), Nsrsbh: nsrsbh, Log: log}
}

func connectPiaodanyun(cfg app.Config, log *slog.Logger) (provider, error) {
	password, err := secrets(cfg).Lookup(app.SecretPiaodanyunPassword)
	if err != nil {
		return provider{}, err
	}
	// The e-tax password is only needed to log in; its absence is
	// reported when a login is tried.
	etax, _ := secrets(cfg).Lookup(app.SecretEtaxPassword)
	client, err := piaodanyun.New(piaodanyunConfig(cfg, password, etax, log))
	if err != nil {
		return provider{}, err
	}
	return provider{issuer: client, face: client, login: client, red: client, credit: client, documents: true,
		close: func() {}}, nil
}

// piaodanyunConfig is the 票单云 client's configuration from [piaodanyun].
func piaodanyunConfig(cfg app.Config, password, etax string, log *slog.Logger) piaodanyun.Config {
	p := cfg.Piaodanyun
	return piaodanyun.Config{BaseURL: p.BaseURL, Phone: p.Phone, Password: password, EtaxPassword: etax,
		TenantID: p.TenantID, Username: p.Username, SellerTaxID: cfg.Seller.TaxID, PartialRed: p.PartialRed, Log: log}
}

// connectXunlian connects 迅联云 at [xunlian] base_url, or — when it names
// none — the sandbox's serverIssue, which also serves [leqi] and [inbound]
// as in sandbox mode. 迅联云 only issues (blue, and red by the blue
// number); it has no face authentication, login, credit line or layout
// files, so those stay nil and the app explains their absence.
func connectXunlian(cfg app.Config, home string, log *slog.Logger) (provider, error) {
	x := cfg.Xunlian
	p, name := provider{close: func() {}}, ""
	if x.BaseURL == "" {
		demo, err := connectSandbox(cfg, home, log)
		if err != nil {
			return provider{}, err
		}
		p = provider{leqi: demo.leqi, jrdwptbh: demo.jrdwptbh, inbound: demo.inbound, sandboxURL: demo.sandboxURL,
			close: demo.close}
		x = app.XunlianConfig{BaseURL: demo.sandboxURL, CompanyDataResource: sandbox.DemoCompanyDataResource,
			TerminalCode: sandbox.DemoTerminalCode}
		name = "沙箱(迅联云接口)"
	}
	client, err := xunlian.New(xunlian.Config{BaseURL: x.BaseURL, CompanyDataResource: x.CompanyDataResource,
		TerminalCode: x.TerminalCode, Seller: cfg.SellerParty(), Render: renderDocument, Log: log})
	if err != nil {
		p.close()
		return provider{}, err
	}
	p.issuer, p.directRed = client, client
	if name != "" {
		p.issuer = namedIssuer{client, name}
	}
	return p, nil
}

// namedIssuer gives an issuer the name invoices record, so a demo invoice
// never passes for a real one.
type namedIssuer struct {
	*xunlian.Client
	name string
}

func (n namedIssuer) Name() string { return n.name }

func connectLeqi(cfg app.Config, log *slog.Logger) (*leqi.Client, error) {
	key, err := secrets(cfg).Lookup(app.SecretLeqiKey)
	if err != nil {
		return nil, err
	}
	return leqi.New(leqiConfig(cfg, key, log))
}

// leqiConfig is the 乐企 client's configuration from [leqi].
func leqiConfig(cfg app.Config, key string, log *slog.Logger) leqi.Config {
	return leqi.Config{BaseURL: cfg.Leqi.BaseURL, Jrdwptbh: cfg.Leqi.Jrdwptbh, Key: key,
		Capability: cfg.Leqi.Nlbm, SellerTaxID: cfg.Seller.TaxID, Log: log}
}

func connectSandbox(cfg app.Config, home string, log *slog.Logger) (provider, error) {
	srv, err := sandbox.New(sandbox.Options{
		DBPath:       filepath.Join(home, "sandbox.db"),
		Log:          log,
		FaceValidity: cfg.FaceWindow(),
		Faults: sandbox.Faults{
			Latency:   time.Duration(cfg.Sandbox.LatencyMS) * time.Millisecond,
			ErrorRate: float64(cfg.Sandbox.ErrorPercent) / 100,
			DropRate:  float64(cfg.Sandbox.DropPercent) / 100,
		},
		InboundCount: cfg.Sandbox.InboundCount,
		// The demo 迅联云 account issues for whatever seller config.toml names.
		XunlianAccounts: []sandbox.XunlianAccount{{CompanyDataResource: sandbox.DemoCompanyDataResource,
			TerminalCode: sandbox.DemoTerminalCode, SellerTaxID: cfg.Seller.TaxID}},
	})
	if err != nil {
		return provider{}, fmt.Errorf("启动模拟税局: %w", err)
	}
	baseURL, err := srv.Start("127.0.0.1:0")
	if err != nil {
		srv.Close()
		return provider{}, fmt.Errorf("启动模拟税局: %w", err)
	}
	client, err := piaodanyun.New(piaodanyun.Config{
		BaseURL: baseURL, Phone: sandbox.DemoPhone, Password: sandbox.DemoPassword, EtaxPassword: sandbox.DemoEtaxPassword,
		TenantID: sandbox.DemoTenantID, Username: sandbox.DemoUsername, SellerTaxID: cfg.Seller.TaxID,
		PartialRed: true, Log: log, // the sandbox takes the partial-red extension
	})
	if err != nil {
		srv.Close()
		return provider{}, err
	}
	// The sandbox also serves the [leqi] section (the number pool) unless
	// config.toml points it elsewhere.
	numbers, err := leqi.New(leqi.Config{BaseURL: baseURL, Jrdwptbh: sandbox.DemoJrdwptbh, Key: sandbox.DemoLeqiKey,
		SellerTaxID: cfg.Seller.TaxID, Log: log})
	if err != nil {
		srv.Close()
		return provider{}, err
	}
	// And the [inbound] section, for the seller as the receiving company.
	inbound, err := taxsync.New(taxsync.Config{BaseURL: baseURL, AppID: sandbox.DemoInboundAppID,
		Secret: sandbox.DemoInboundSecret, Jtnsrsbh: cfg.Seller.TaxID, Nsrsbh: cfg.Seller.TaxID, Log: log})
	if err != nil {
		srv.Close()
		return provider{}, err
	}
	tools := &app.SandboxTools{
		SMSCode:             sandbox.DemoSMSCode,
		SimulateFaceScan:    func(_ context.Context, id string) error { return srv.SimulateFaceScan(id) },
		SimulateQRLoginScan: func(_ context.Context, id string) error { return srv.SimulateQRLoginScan(id) },
	}
	return provider{issuer: sandboxIssuer{client}, face: client, login: client, red: client, credit: client,
		inbox: srv.Inbox(cfg.Seller.TaxID), leqi: numbers, jrdwptbh: sandbox.DemoJrdwptbh, inbound: inbound, documents: true,
		sandboxURL: baseURL,
		tools:      tools, close: func() { srv.Close() }}, nil
}

// sandboxIssuer is the 票单云 client talking to the embedded sandbox. Its
// name says so, because invoices record who issued them and a demo invoice
// must never pass for a real one.
type sandboxIssuer struct{ app.Issuer }

func (sandboxIssuer) Name() string { return "沙箱(票单云接口)" }

// settingsFor is the settings screen's service for home.
func settingsFor(home string, cfg app.Config) *app.SettingsService {
	return &app.SettingsService{Home: home, Store: secretstore.Keyring{}, Getenv: os.Getenv, Tester: testConnection,
		Current: cfg}
}

// testConnection tries what cfg names by calls that change nothing at the
// bureau: 票单云 and 乐企 a credit-line query (which needs their token or
// key), 迅联云 reachability, S000621 one row. It reports each part.
func testConnection(ctx context.Context, cfg app.Config, secrets map[app.Secret]string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var report []string
	note := func(part string, err error) error {
		if err != nil {
			return fmt.Errorf("%s:%w", part, err)
		}
		report = append(report, part+":连接正常")
		return nil
	}
	switch cfg.Provider {
	case app.ProviderSandbox:
		report = append(report, "沙箱:内置模拟税局,无需连接")
	case app.ProviderPiaodanyun:
		client, err := piaodanyun.New(piaodanyunConfig(cfg, secrets[app.SecretPiaodanyunPassword],
			secrets[app.SecretEtaxPassword], nil))
		if err == nil {
			_, err = client.CreditLine(ctx)
		}
		if err := note("票单云(登录并查询授信额度)", err); err != nil {
			return strings.Join(report, "\n"), err
		}
	case app.ProviderXunlian:
		if err := note("迅联云(地址可达;授权在首次开票时验证)", xunlian.Reachable(ctx, cfg.Xunlian.BaseURL)); err != nil {
			return strings.Join(report, "\n"), err
		}
	}
	if cfg.Leqi.BaseURL != "" {
		client, err := leqi.New(leqiConfig(cfg, secrets[app.SecretLeqiKey], nil))
		if err == nil {
			_, err = client.CreditLine(ctx)
		}
		if err := note("乐企(查询授信额度)", err); err != nil {
			return strings.Join(report, "\n"), err
		}
	}
	if cfg.Inbound.BaseURL != "" {
		ic := inboundConfig(cfg, secrets[app.SecretInbound], nil)
		ic.Retries = -1 // a test says at once what is wrong
		client, err := taxsync.New(ic)
		if err == nil {
			_, err = client.FetchInbound(ctx, app.InboundFetch{Status: app.InboundUnchecked, Page: 1, PageSize: 1})
		}
		if err := note("进项同步(查询一张未勾选发票)", err); err != nil {
			return strings.Join(report, "\n"), err
		}
	}
	return strings.Join(report, "\n"), nil
}

// secrets finds the providers' secrets: in the environment variable
// config.toml names, else in the OS keyring where the settings screen put
// them. Errors name where it looked, never a value.
func secrets(cfg app.Config) app.SecretResolver {
	return app.SecretResolver{Config: cfg, Store: secretstore.Keyring{}, Getenv: os.Getenv}
}

// openLog appends structured logs to fapiao.log in the home directory.
// Nothing secret is ever logged: providers log codes and messages only.
func openLog(home string) (*slog.Logger, func()) {
	f, err := os.OpenFile(filepath.Join(home, "fapiao.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}
	}
	return slog.New(slog.NewJSONHandler(f, nil)), func() { f.Close() }
}

// runSandbox serves the simulated tax service standalone until ctx ends.
func runSandbox(ctx context.Context, home, addr string, ready func(string)) error {
	if err := os.MkdirAll(home, 0o700); err != nil {
		return err
	}
	log, closeLog := openLog(home)
	defer closeLog()
	srv, err := sandbox.New(sandbox.Options{DBPath: filepath.Join(home, "sandbox.db"), Log: log})
	if err != nil {
		return err
	}
	baseURL, err := srv.Start(addr)
	if err != nil {
		srv.Close()
		return err
	}
	ready(baseURL)
	<-ctx.Done()
	if err := srv.Close(); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
