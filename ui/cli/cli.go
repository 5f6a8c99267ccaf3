// Package cli is Fapiao's command line (DESIGN §3): check, issue, show,
// list, export and sandbox, with exit status 0 done, 1 refused by the
// provider or a business rule, 2 bad input. Like the desktop UI it talks to
// package app only; main.go wires the services and hands them over.
package cli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"fapiao/app"
)

// Exit statuses (DESIGN §3).
const (
	ExitOK       = 0
	ExitRefused  = 1 // the provider or a business rule refused
	ExitBadInput = 2 // bad input; the message names the field and the rule
)

// Env is what the commands need from main.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// Open builds the services for the home directory. The returned function
	// releases them. It is called only by commands that need them.
	Open func(ctx context.Context) (*app.Services, func(), error)
	// RunSandbox serves the simulated tax service on addr until ctx is done.
	RunSandbox func(ctx context.Context, addr string, ready func(baseURL string)) error
}

type command struct {
	usage string
	help  string
	run   func(ctx context.Context, env Env, args []string) int
}

var commands = map[string]command{
	"check":    {"check -f invoice.json [--json]", "校验并试算发票,不发送", runCheck},
	"issue":    {"issue -f invoice.json [--json]", "开具蓝字发票,输出发票号码", runIssue},
	"show":     {"show NUMBER|SERIAL [--json]", "查看一张发票", runShow},
	"list":     {"list [--search TEXT] [--limit N] [--json]", "已开发票,最新的在前", runList},
	"export":   {"export NUMBER --format pdf|ofd|xml [--out DIR]", "导出版式文件,输出文件路径", runExport},
	"resubmit": {"resubmit SERIAL [--json]", "用原流水号重新提交待处理的发票", runResubmit},
	"face":     {"face status [--json] | face qr [--png FILE] [--wait] | face scan", "人脸认证状态;显示/保存认证二维码", runFace},
	"login":    {"login [--sms CODE] [--qr tax|face] [--cert hard|soft]", "登录电子税务局(默认短信验证码)", runLogin},
	"red":      {"red NUMBER --reason 01|02|03|04 [--lines FILE] | red list | red resume ID", "红冲:确认单与红字发票", runRed},
	"credit":   {"credit [--json]", "授信额度", runCredit},
	"pool":     {"pool status [--json] | pool replenish", "预赋码号码池:状态;按阈值补充(可用于定时任务)", runPool},
	"inbound":  {"inbound sync [--status CODE] [--from DATE --to DATE] [--period YYYYMM] | inbound list [--json] [筛选]", "进项发票:同步;查询", runInbound},
	"sandbox":  {"sandbox [--addr HOST:PORT]", "单独运行模拟税局服务", runSandbox},
}

// Run executes one command (args without the program name and global
// flags) and returns the exit status.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(env.Stdout)
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "未知命令 %q\n\n", args[0])
		printUsage(env.Stderr)
		return ExitBadInput
	}
	return cmd.run(ctx, env, args[1:])
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "用法: fapiao [--home DIR] [命令]   (不带命令时打开桌面程序)")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		c := commands[name]
		fmt.Fprintf(w, "  fapiao %-52s %s\n", c.usage, c.help)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "退出状态: 0 成功;1 税局或业务规则拒绝;2 输入有误(信息中指明字段和规则)")
	fmt.Fprintln(w, "主目录: --home DIR 或环境变量 FAPIAO_HOME,其中有 fapiao.db、config.toml、sandbox.db")
}

// withServices opens the services, reconciles invoices left unresolved by
// an earlier run (this asks the provider only when there are some), and
// runs fn.
func withServices(ctx context.Context, env Env, fn func(svc *app.Services) int) int {
	svc, closeFn, err := env.Open(ctx)
	if err != nil {
		fmt.Fprintln(env.Stderr, "启动失败:", err)
		return exitFor(err)
	}
	defer closeFn()
	reconcile(ctx, env, svc)
	return fn(svc)
}

func reconcile(ctx context.Context, env Env, svc *app.Services) {
	rep, err := svc.Issuing.Reconcile(ctx)
	if err != nil {
		fmt.Fprintln(env.Stderr, "核对未决发票失败:", err)
		return
	}
	if len(rep.Issued) > 0 {
		fmt.Fprintf(env.Stderr, "已核对:%d 张此前结果未知的发票已开具成功:%s\n", len(rep.Issued), strings.Join(rep.Issued, ", "))
	}
	if len(rep.NotSent) > 0 {
		fmt.Fprintf(env.Stderr, "已核对:%d 张发票税局无记录,未开具,可用 fapiao resubmit 重新提交:%s\n", len(rep.NotSent), strings.Join(rep.NotSent, ", "))
	}
	if len(rep.Resend) > 0 {
		fmt.Fprintf(env.Stderr, "%d 张发票结果未知(开票服务不能按流水号查询),请用 fapiao resubmit 以同一流水号重新提交:%s\n", len(rep.Resend), strings.Join(rep.Resend, ", "))
	}
	if len(rep.Failed) > 0 {
		fmt.Fprintf(env.Stderr, "仍有 %d 张发票结果未知,稍后再试:%v\n", len(rep.Failed), rep.LastErr)
	}
}
