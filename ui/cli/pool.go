package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"fapiao/app"
)

// runPool is fapiao pool status [--json] | fapiao pool replenish (for cron:
// seed 000's "every night" job, done right).
func runPool(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || (args[0] != "status" && args[0] != "replenish") {
		return badInput(env, "pool", "subcommand", "用法: fapiao pool status [--json] | fapiao pool replenish")
	}
	fs := flag.NewFlagSet("pool "+args[0], flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parseFlags(fs, args[1:]); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Pool == nil {
			return unavailable(env, svc, app.FeatureNumberPool, "没有预赋码号码池:config.toml 的 [leqi] 未配置 base_url,且开票服务不是沙箱")
		}
		if args[0] == "replenish" {
			res, err := svc.Pool.Replenish(ctx)
			if res.Expired > 0 {
				fmt.Fprintf(env.Stderr, "上一年度未用的 %d 个号码已作废\n", res.Expired)
			}
			if err != nil {
				return report(env, err, *asJSON)
			}
			if res.Downloaded == nil {
				fmt.Fprintln(env.Stdout, "号码充足,无需下载")
			} else {
				fmt.Fprintf(env.Stdout, "已下载号码段 %s – %s(%d 个):%s\n", res.Downloaded.First, res.Downloaded.Last, res.Downloaded.Count, res.Why)
			}
			return ExitOK
		}
		st, err := svc.Pool.Status(ctx)
		if err != nil {
			return report(env, err, *asJSON)
		}
		if *asJSON {
			writeJSON(env, poolView(st))
			return ExitOK
		}
		printPool(env, st)
		return ExitOK
	})
}

type poolYearView struct {
	Year      int               `json:"year"`
	Remaining int64             `json:"remaining"`
	Used      int64             `json:"used"`
	Expired   int64             `json:"expired"`
	Segments  []poolSegmentView `json:"segments"`
}

type poolSegmentView struct {
	First     string `json:"first"`
	Last      string `json:"last"`
	Count     int64  `json:"count"`
	GrantedAt string `json:"granted_at"`
}

func poolView(st app.PoolStatus) map[string]any {
	years := make([]poolYearView, len(st.Years))
	for i, y := range st.Years {
		years[i] = poolYearView{Year: y.Year, Remaining: y.Remaining, Used: y.Used, Expired: y.Expired, Segments: []poolSegmentView{}}
		for _, s := range y.Segments {
			years[i].Segments = append(years[i].Segments, poolSegmentView{First: s.First, Last: s.Last, Count: s.Count,
				GrantedAt: s.GrantedAt.In(app.ChinaTime).Format("2006-01-02T15:04:05-07:00")})
		}
	}
	return map[string]any{"year": st.Year, "years": years, "remaining": st.Remaining,
		"daily_rate": st.DailyRate.String(), "days_left": st.DaysLeft.String(), "forecast": st.Forecast,
		"needs_more": st.NeedsMore, "why": st.Why, "new_year_soon": st.NewYearSoon}
}

func printPool(env Env, st app.PoolStatus) {
	rows := [][]string{{"年度", "剩余", "已用", "作废", "号码段"}}
	for _, y := range st.Years {
		segs := ""
		for i, s := range y.Segments {
			if i > 0 {
				segs += "; "
			}
			segs += s.First + "–" + s.Last
		}
		rows = append(rows, []string{strconv.Itoa(y.Year), strconv.FormatInt(y.Remaining, 10),
			strconv.FormatInt(y.Used, 10), strconv.FormatInt(y.Expired, 10), segs})
	}
	printTable(env.Stdout, rows, map[int]bool{1: true, 2: true, 3: true})
	fmt.Fprintf(env.Stdout, "\n%d年度剩余 %d 个;近30天日均开具 %s 张", st.Year, st.Remaining, st.DailyRate)
	if st.DailyRate.IsPositive() {
		fmt.Fprintf(env.Stdout, ",约可用 %s 天", st.DaysLeft)
	}
	fmt.Fprintf(env.Stdout, ";下一个工作日预计 %d 张\n", st.Forecast)
	if st.NeedsMore {
		fmt.Fprintf(env.Stdout, "需要下载新号码段:%s(fapiao pool replenish)\n", st.Why)
	}
	if st.NewYearSoon {
		fmt.Fprintf(env.Stdout, "提醒:元旦后 %d 年度未用号码作废,需下载 %d 年度号码;请确保元旦当天本程序或定时任务能联网补号\n", st.Year, st.Year+1)
	}
}
