package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"fapiao/app"
)

// runCredit shows the credit line, refreshed from the bureau unless it was
// asked within its rate limit (then the cached figure with its age).
func runCredit(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("credit", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Credit == nil {
			return unavailable(env, svc, app.FeatureCreditLine, "当前开票服务不提供授信额度查询")
		}
		st, err := svc.Credit.Refresh(ctx)
		var tooSoon *app.CreditTooSoonError
		switch {
		case errors.As(err, &tooSoon) && st.Known:
			fmt.Fprintln(env.Stderr, err)
		case err != nil:
			return report(env, err, *asJSON)
		}
		if *asJSON {
			writeJSON(env, map[string]any{"total": app.FormatMoney(st.Total), "remaining": app.FormatMoney(st.Remaining),
				"used": app.FormatMoney(st.Used), "at": timeOrNil(st.At), "adjusted": st.Adjusted})
			return ExitOK
		}
		fmt.Fprintf(env.Stdout, "总授信额度  ¥%s\n剩余额度    ¥%s\n已用额度    ¥%s\n", app.FormatMoney(st.Total), app.FormatMoney(st.Remaining), app.FormatMoney(st.Used))
		fmt.Fprintf(env.Stdout, "税局数据时间 %s", st.At.In(app.ChinaTime).Format("2006-01-02 15:04:05"))
		if st.Adjusted {
			fmt.Fprint(env.Stdout, "(此后开具的发票已在本机扣减)")
		}
		fmt.Fprintf(env.Stdout, ",%s前\n", time.Since(st.At).Round(time.Second))
		return ExitOK
	})
}
