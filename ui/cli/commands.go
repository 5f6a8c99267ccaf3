package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fapiao/app"
)

// readDraft reads the invoice JSON named by -f ("-" for standard input).
func readDraft(env Env, path string) (app.Draft, error) {
	if path == "" {
		return app.Draft{}, &app.ValidationError{Errors: []app.FieldError{{Field: "-f", Rule: "required", Message: "-f:请指定发票JSON文件(- 表示标准输入)"}}}
	}
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(env.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return app.Draft{}, &app.ValidationError{Errors: []app.FieldError{{Field: "-f", Rule: "readable", Message: "-f:无法读取 " + path + ":" + err.Error()}}}
	}
	return app.DecodeDraft(data)
}

// draftCommand reads the flags of check and issue (-f FILE, --json) and
// the invoice file. exit is the status to return when ok is false.
func draftCommand(env Env, name string, args []string) (d app.Draft, asJSON bool, exit int, ok bool) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	file := fs.String("f", "", "invoice JSON")
	jsonFlag := fs.Bool("json", false, "JSON output")
	if _, err := parseFlags(fs, args); err != nil {
		return d, false, badInput(env, "args", "flags", err.Error()), false
	}
	d, err := readDraft(env, *file)
	if err != nil {
		return d, *jsonFlag, report(env, err, *jsonFlag), false
	}
	return d, *jsonFlag, ExitOK, true
}

func runCheck(_ context.Context, env Env, args []string) int {
	d, asJSON, exit, ok := draftCommand(env, "check", args)
	if !ok {
		return exit
	}
	svc, closeFn, err := env.Open(context.Background())
	if err != nil {
		return report(env, err, asJSON)
	}
	defer closeFn()
	inv, err := svc.Issuing.Check(d)
	if err != nil {
		return report(env, err, asJSON)
	}
	if asJSON {
		writeJSON(env, viewOf(inv))
	} else {
		printInvoice(env.Stdout, inv)
	}
	return ExitOK
}

func runIssue(ctx context.Context, env Env, args []string) int {
	d, asJSON, exit, ok := draftCommand(env, "issue", args)
	if !ok {
		return exit
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		inv, err := svc.Issuing.Issue(ctx, d)
		if err != nil {
			hintHeld(env, inv, err)
			return report(env, err, asJSON)
		}
		printIssued(env, inv, asJSON)
		return ExitOK
	})
}

// hintHeld tells the clerk how to go on with an invoice held for a face
// scan or a login: it keeps its serial, so nothing is typed again.
func hintHeld(env Env, inv app.Invoice, err error) {
	switch app.ErrorKindOf(err) {
	case app.KindFaceAuth:
		fmt.Fprintf(env.Stderr, "发票已保存未开具。请运行 fapiao face qr --wait 扫码认证,然后 fapiao resubmit %s\n", inv.RequestSerial)
	case app.KindLogin:
		fmt.Fprintf(env.Stderr, "发票已保存未开具。请运行 fapiao login 登录电子税务局,然后 fapiao resubmit %s\n", inv.RequestSerial)
	}
}

// printIssued prints what an issuance produced: the number, or with --json
// the whole invoice.
func printIssued(env Env, inv app.Invoice, asJSON bool) {
	if asJSON {
		writeJSON(env, viewOf(inv))
		return
	}
	fmt.Fprintln(env.Stdout, inv.Number)
}

func runResubmit(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("resubmit", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return badInput(env, "SERIAL", "required", "请给出一个请求流水号,例如 fapiao resubmit 91510100MA6CXP8Q2Q_261121093000ABCD")
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		inv, err := svc.Issuing.Resubmit(ctx, pos[0])
		if err != nil {
			return report(env, err, *asJSON)
		}
		printIssued(env, inv, *asJSON)
		return ExitOK
	})
}

func runShow(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return badInput(env, "NUMBER", "required", "请给出一个发票号码(20位)或请求流水号")
	}
	key := strings.TrimSpace(pos[0])
	if !strings.Contains(key, "_") {
		if err := app.CheckIssuedNumber(key); err != nil {
			return badInput(env, "NUMBER", "invoice_number", err.Error())
		}
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		inv, err := lookupInvoice(ctx, svc, key)
		if err != nil {
			return report(env, err, *asJSON)
		}
		if *asJSON {
			writeJSON(env, viewOf(inv))
		} else {
			printInvoice(env.Stdout, inv)
		}
		return ExitOK
	})
}

// lookupInvoice finds an invoice by number, or by request serial (which
// always contains "_"), so held invoices without a number can be shown.
func lookupInvoice(ctx context.Context, svc *app.Services, key string) (app.Invoice, error) {
	var inv app.Invoice
	var err error
	if strings.Contains(key, "_") {
		inv, err = svc.Issuing.InvoiceBySerial(ctx, key)
	} else {
		inv, err = svc.Issuing.Invoice(ctx, key)
	}
	if errors.Is(err, app.ErrNotFound) {
		return inv, fmt.Errorf("本地没有发票 %s: %w", key, err)
	}
	return inv, err
}

func runList(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	search := fs.String("search", "", "number, buyer name or tax ID")
	limit := fs.Int("limit", 200, "most invoices to list")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	if *limit <= 0 {
		return badInput(env, "--limit", "positive", "--limit 必须大于0")
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		invs, err := svc.Issuing.List(ctx, app.ListQuery{Limit: *limit, Search: *search})
		if err != nil {
			return report(env, err, *asJSON)
		}
		if *asJSON {
			views := make([]invoiceView, len(invs))
			for i, inv := range invs {
				views[i] = viewOf(inv)
			}
			writeJSON(env, views)
			return ExitOK
		}
		rows := [][]string{{"发票号码", "开票日期", "购买方", "价税合计", "状态"}}
		for _, inv := range invs {
			date := ""
			if !inv.IssuedAt.IsZero() {
				date = inv.IssuedAt.In(app.ChinaTime).Format("2006-01-02 15:04")
			}
			number := inv.Number
			if number == "" {
				number = inv.RequestSerial
			}
			rows = append(rows, []string{number, date, inv.Buyer.Name, app.FormatMoney(inv.Total), inv.Status.Label()})
		}
		printTable(env.Stdout, rows, map[int]bool{3: true})
		return ExitOK
	})
}

func runExport(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	formatName := fs.String("format", "pdf", "pdf, ofd or xml")
	outDir := fs.String("out", ".", "directory to write to")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return badInput(env, "NUMBER", "required", "请给出一个发票号码,例如 fapiao export 26512000000000000001 --format pdf --out .")
	}
	if err := app.CheckIssuedNumber(pos[0]); err != nil {
		return badInput(env, "NUMBER", "invoice_number", err.Error())
	}
	format, err := app.ParseDocFormat(*formatName)
	if err != nil {
		return report(env, err, false)
	}
	if st, err := os.Stat(*outDir); err != nil || !st.IsDir() {
		return badInput(env, "--out", "directory", fmt.Sprintf("--out:%s 不是一个已存在的目录", *outDir))
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		inv, err := lookupInvoice(ctx, svc, pos[0])
		if err != nil {
			return report(env, err, false)
		}
		data, err := svc.Issuing.Export(ctx, inv.Number, format)
		if err != nil {
			return report(env, err, false)
		}
		path := filepath.Join(*outDir, app.ExportFileName(inv, format))
		if err := writeFileAtomic(path, data); err != nil {
			return report(env, err, false)
		}
		fmt.Fprintln(env.Stdout, path)
		return ExitOK
	})
}

// writeFileAtomic writes through a temporary file and a rename, so a crash
// never leaves a half-written invoice file that looks complete.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fapiao-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func runSandbox(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8765", "HOST:PORT to listen on")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	err := env.RunSandbox(ctx, *addr, func(baseURL string) {
		fmt.Fprintf(env.Stdout, "模拟税局服务已启动: %s (Ctrl+C 停止)\n", baseURL)
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(env.Stderr, "模拟税局服务:", err)
		return ExitRefused
	}
	return ExitOK
}
