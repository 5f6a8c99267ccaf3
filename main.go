// Command fapiao is a desktop client for China's fully digitalized
// e-invoices (数电票). With no command it opens the desktop app; with one it
// runs the command line of DESIGN §3.
//
// This file is wiring only: config → store → providers → app services → ui
// or the CLI. It is the only file that knows every package, and the only one
// that imports fyne.io/fyne/v2/app, which needs cgo.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
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
	"fapiao/store"
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
		w := a.NewWindow("Fapiao 发票")
		w.SetContent(container.NewPadded(widget.NewLabel("无法启动:\n" + err.Error())))
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
	svc := &app.Services{Catalog: db, Drafts: db, Sandbox: cfg.Provider == app.ProviderSandbox, SandboxTools: p.tools}
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
	if p.login != nil {
		svc.Login = app.NewLoginService(p.login, db, log)
		svc.Issuing.Login = svc.Login
		if svc.Face != nil {
			svc.Face.Login = svc.Login
		}
	}
	svc.Dashboard = &app.DashboardService{Credit: svc.Credit, Pool: svc.Pool, Face: svc.Face, Stats: db}
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
	tools    *app.SandboxTools // set in sandbox mode only
	close    func()
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
	case app.ProviderLeqi:
		p = provider{close: func() {}}
	default:
		return provider{}, fmt.Errorf("config.toml: provider = %q 暂不支持开票,请使用 sandbox、piaodanyun 或 leqi", cfg.Provider)
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
	return p, nil
}

func connectPiaodanyun(cfg app.Config, log *slog.Logger) (provider, error) {
	p := cfg.Piaodanyun
	password, err := secretFromEnv(p.PasswordEnv, "FAPIAO_PIAODANYUN_PASSWORD", "票单云密码", "password_env")
	if err != nil {
		return provider{}, err
	}
	// The e-tax password is only needed to log in; its absence is
	// reported when a login is tried.
	etax, _ := secretFromEnv(p.EtaxPasswordEnv, "FAPIAO_ETAX_PASSWORD", "电子税务局密码", "etax_password_env")
	client, err := piaodanyun.New(piaodanyun.Config{
		BaseURL: p.BaseURL, Phone: p.Phone, Password: password, EtaxPassword: etax,
		TenantID: p.TenantID, Username: p.Username, SellerTaxID: cfg.Seller.TaxID,
		PartialRed: p.PartialRed, Log: log,
	})
	if err != nil {
		return provider{}, err
	}
	return provider{issuer: client, face: client, login: client, red: client, credit: client, close: func() {}}, nil
}

func connectLeqi(cfg app.Config, log *slog.Logger) (*leqi.Client, error) {
	key, err := secretFromEnv(cfg.Leqi.KeyEnv, "FAPIAO_LEQI_KEY", "乐企密钥", "key_env")
	if err != nil {
		return nil, err
	}
	return leqi.New(leqi.Config{BaseURL: cfg.Leqi.BaseURL, Jrdwptbh: cfg.Leqi.Jrdwptbh, Key: key,
		Capability: cfg.Leqi.Nlbm, SellerTaxID: cfg.Seller.TaxID, Log: log})
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
	tools := &app.SandboxTools{
		SMSCode:             sandbox.DemoSMSCode,
		SimulateFaceScan:    func(_ context.Context, id string) error { return srv.SimulateFaceScan(id) },
		SimulateQRLoginScan: func(_ context.Context, id string) error { return srv.SimulateQRLoginScan(id) },
	}
	return provider{issuer: sandboxIssuer{client}, face: client, login: client, red: client, credit: client,
		inbox: srv.Inbox(cfg.Seller.TaxID), leqi: numbers, jrdwptbh: sandbox.DemoJrdwptbh,
		tools: tools, close: func() { srv.Close() }}, nil
}

// sandboxIssuer is the 票单云 client talking to the embedded sandbox. Its
// name says so, because invoices record who issued them and a demo invoice
// must never pass for a real one.
type sandboxIssuer struct{ app.Issuer }

func (sandboxIssuer) Name() string { return "沙箱(票单云接口)" }

// secretFromEnv reads a secret from the environment variable config.toml
// names under key (fallback when it names none). The error names the
// variable, never its value.
func secretFromEnv(name, fallback, what, key string) (string, error) {
	if name == "" {
		name = fallback
	}
	if v := os.Getenv(name); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("未设置%s:请设置环境变量 %s(config.toml 中的 %s 可改用其他变量名)", what, name, key)
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
