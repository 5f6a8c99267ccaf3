package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// runInbound is fapiao inbound sync | inbound list.
func runInbound(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || (args[0] != "sync" && args[0] != "list") {
		return badInput(env, "inbound", "subcommand", "用法: fapiao inbound sync [--status CODE] [--from DATE --to DATE] [--period YYYYMM] | fapiao inbound list [--json] [筛选]")
	}
	if args[0] == "sync" {
		return inboundSync(ctx, env, args[1:])
	}
	return inboundList(ctx, env, args[1:])
}

func inboundSync(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("inbound sync", flag.ContinueOnError)
	status := fs.String("status", "", "rzzt: 10,11,12,15,16,17,40 (comma-separated); all when empty")
	from := fs.String("from", "", "yyyy-MM-dd")
	to := fs.String("to", "", "yyyy-MM-dd")
	period := fs.String("period", "", "yyyyMM")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	req := app.SyncRequest{Period: *period}
	var bad int
	if req.Statuses, bad = parseStatuses(env, *status); bad != ExitOK {
		return bad
	}
	if req.From, bad = parseDay(env, "--from", *from); bad != ExitOK {
		return bad
	}
	if req.To, bad = parseDay(env, "--to", *to); bad != ExitOK {
		return bad
	}
	if *period != "" {
		if _, err := time.Parse("200601", *period); err != nil {
			return badInput(env, "--period", "yyyymm", "--period 应为 yyyyMM,例如 202611")
		}
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Inbound == nil {
			return unavailable(env, svc, app.FeatureInbound, "没有进项同步服务:config.toml 的 [inbound] 未配置 base_url,且开票服务不是沙箱")
		}
		run, err := svc.Inbound.Sync(ctx, req, func(p app.SyncProgress) {
			fmt.Fprintf(env.Stderr, "\r%s 第 %d/%d 页,已同步 %d 张,%d 张/秒   ", p.Status.Label(), p.Page, p.PageCount, p.Run.Invoices, p.PerSecond)
		})
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return report(env, err, false)
		}
		fmt.Fprintf(env.Stdout, "同步完成:%d 页,%d 张(新增 %d,更新 %d)\n", run.Pages, run.Invoices, run.Inserted, run.Updated)
		return ExitOK
	})
}

func parseStatuses(env Env, s string) ([]app.InboundStatus, int) {
	if s == "" {
		return nil, ExitOK
	}
	var out []app.InboundStatus
	for _, part := range strings.Split(s, ",") {
		st := app.InboundStatus(strings.TrimSpace(part))
		known := false
		for _, k := range app.InboundStatuses {
			known = known || k == st
		}
		if !known {
			return nil, badInput(env, "--status", "one_of", fmt.Sprintf("--status %q 无效,应为 10、11、12、15、16、17 或 40", part))
		}
		out = append(out, st)
	}
	return out, ExitOK
}

func parseDay(env Env, flagName, s string) (time.Time, int) {
	if s == "" {
		return time.Time{}, ExitOK
	}
	t, err := time.ParseInLocation("2006-01-02", s, app.ChinaTime)
	if err != nil {
		return time.Time{}, badInput(env, flagName, "date", flagName+" 应为 yyyy-MM-dd,例如 2026-11-01")
	}
	return t, ExitOK
}

func inboundList(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("inbound list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	status := fs.String("status", "", "rzzt codes, comma-separated")
	check := fs.String("check", "", "check status: 0 or 1")
	state := fs.String("state", "", "invoice states, comma-separated")
	risk := fs.String("risk", "", "management statuses, comma-separated")
	typ := fs.String("type", "", "invoice types, comma-separated")
	from := fs.String("from", "", "billing date from, yyyy-MM-dd")
	to := fs.String("to", "", "billing date to, yyyy-MM-dd")
	period := fs.String("period", "", "yyyyMM")
	seller := fs.String("seller", "", "seller name or tax ID")
	minAmount := fs.String("min", "", "smallest amount")
	maxAmount := fs.String("max", "", "largest amount")
	sort := fs.String("sort", "billing_date", "column to sort by")
	desc := fs.Bool("desc", false, "sort descending")
	limit := fs.Int("limit", 100, "rows")
	offset := fs.Int("offset", 0, "rows to skip")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	q := app.InboundQuery{CheckStatus: *check, States: splitList(*state), Risks: splitList(*risk), Types: splitList(*typ),
		Period: *period, Seller: *seller, Sort: *sort, Desc: *desc, Limit: *limit, Offset: *offset}
	var bad int
	if q.Statuses, bad = parseStatuses(env, *status); bad != ExitOK {
		return bad
	}
	if q.From, bad = parseDay(env, "--from", *from); bad != ExitOK {
		return bad
	}
	if q.To, bad = parseDay(env, "--to", *to); bad != ExitOK {
		return bad
	}
	for name, text := range map[string]string{"--min": *minAmount, "--max": *maxAmount} {
		if text == "" {
			continue
		}
		d, ok := app.ParseTypedNumber(text)
		if !ok {
			return badInput(env, name, "number", name+" 应为金额,例如 1000.00")
		}
		if name == "--min" {
			q.MinAmount = decimal.NewNullDecimal(d)
		} else {
			q.MaxAmount = decimal.NewNullDecimal(d)
		}
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Inbound == nil {
			return unavailable(env, svc, app.FeatureInbound, "没有进项同步服务")
		}
		rows, err := svc.Inbound.Query(ctx, q)
		if err != nil {
			return report(env, err, *asJSON)
		}
		totals, err := svc.Inbound.Totals(ctx, q)
		if err != nil {
			return report(env, err, *asJSON)
		}
		if *asJSON {
			writeJSON(env, map[string]any{"count": totals.Count, "amount": app.FormatMoney(totals.Amount),
				"tax": app.FormatMoney(totals.Tax), "valid_tax": app.FormatMoney(totals.ValidTax), "invoices": rows})
			return ExitOK
		}
		table := [][]string{{"开票日期", "发票号码", "类型", "销售方", "金额", "税额", "有效税额", "状态"}}
		for _, r := range rows {
			amount := ""
			if r.Amount.Valid {
				amount = app.FormatMoney(r.Amount.Decimal)
			}
			table = append(table, []string{r.BillingDate.Format("2006-01-02"), r.Number, r.Type, r.SellerName, amount,
				app.FormatMoney(r.Tax), app.FormatMoney(r.ValidTax), r.Status.Label()})
		}
		printTable(env.Stdout, table, map[int]bool{4: true, 5: true, 6: true})
		fmt.Fprintf(env.Stdout, "\n共 %d 张:金额 ¥%s,税额 ¥%s,有效税额 ¥%s\n", totals.Count, app.FormatMoney(totals.Amount),
			app.FormatMoney(totals.Tax), app.FormatMoney(totals.ValidTax))
		return ExitOK
	})
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
