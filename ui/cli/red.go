package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"fapiao/app"
)

// runRed is the whole red-invoice flow (fapiao red NUMBER --reason CODE
// [--lines FILE]), and the list and resumption of cases.
func runRed(ctx context.Context, env Env, args []string) int {
	if len(args) > 0 && (args[0] == "list" || args[0] == "resume") {
		return runRedCases(ctx, env, args[0], args[1:])
	}
	fs := flag.NewFlagSet("red", flag.ContinueOnError)
	reason := fs.String("reason", "", "01 开票有误, 02 销货退回, 03 服务中止, 04 销售折让")
	linesFile := fs.String("lines", "", "JSON file of the lines to reverse in part: [{\"index\":1,\"quantity\":\"3\"}]")
	asJSON := fs.Bool("json", false, "JSON output")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return badInput(env, "NUMBER", "required", "用法: fapiao red 蓝字发票号码 --reason 01|02|03|04 [--lines FILE] [--json]")
	}
	req := app.RedRequest{BlueNumber: strings.TrimSpace(pos[0]), Reason: app.RedReason(*reason)}
	if app.ReasonRefusal(req.Reason, nil) != "" {
		return badInput(env, "--reason", "one_of", "--reason 应为 01(开票有误)、02(销货退回)、03(服务中止)或 04(销售折让)")
	}
	if *linesFile != "" {
		picks, code := readPicks(env, *linesFile)
		if code != ExitOK {
			return code
		}
		req.Partial, req.Picks = true, picks
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Red == nil {
			return unavailable(env, svc, app.FeatureRedForms, "当前开票服务不支持红字发票")
		}
		c, err := svc.Red.Start(ctx, req)
		if err != nil && c.ID == 0 {
			return report(env, err, *asJSON)
		}
		printCase(env, c, *asJSON)
		if err != nil {
			hintHeld(env, app.Invoice{RequestSerial: c.Serial}, err)
			return report(env, err, false)
		}
		return ExitOK
	})
}

func readPicks(env Env, path string) ([]app.RedPick, int) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, badInput(env, "--lines", "readable", "无法读取 "+path+":"+err.Error())
	}
	var picks []app.RedPick
	if err := json.Unmarshal(data, &picks); err != nil {
		return nil, badInput(env, "--lines", "syntax", "应为 [{\"index\":1,\"quantity\":\"3\"}] 这样的JSON数组:"+err.Error())
	}
	return picks, ExitOK
}

// runRedCases lists cases (refreshing pending forms first) or resumes one.
func runRedCases(ctx context.Context, env Env, sub string, args []string) int {
	fs := flag.NewFlagSet("red "+sub, flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	pos, err := parseFlags(fs, args)
	if err != nil || (sub == "resume" && len(pos) != 1) {
		return badInput(env, "args", "flags", "用法: fapiao red list [--json] | fapiao red resume 红冲编号")
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Red == nil {
			return unavailable(env, svc, app.FeatureRedForms, "当前开票服务不支持红字发票")
		}
		if sub == "resume" {
			id, err := strconv.ParseInt(pos[0], 10, 64)
			if err != nil {
				return badInput(env, "ID", "number", "红冲编号应为数字(见 fapiao red list)")
			}
			c, err := svc.Red.Advance(ctx, id)
			if c.ID != 0 {
				printCase(env, c, *asJSON)
			}
			if err != nil {
				return report(env, err, false)
			}
			return ExitOK
		}
		changed, err := svc.Red.RefreshPending(ctx)
		for _, c := range changed {
			fmt.Fprintf(env.Stderr, "红冲 %d:%s\n", c.ID, c.Message)
		}
		if err != nil {
			fmt.Fprintln(env.Stderr, "刷新确认单状态失败:", err)
		}
		cases, err := svc.Red.Cases(ctx, "", false)
		if err != nil {
			return report(env, err, *asJSON)
		}
		if *asJSON {
			views := make([]redCaseView, len(cases))
			for i, c := range cases {
				views[i] = viewOfCase(c)
			}
			writeJSON(env, views)
			return ExitOK
		}
		rows := [][]string{{"编号", "蓝字发票", "原因", "金额", "确认单", "状态", "红字发票"}}
		for _, c := range cases {
			rows = append(rows, []string{strconv.FormatInt(c.ID, 10), c.BlueNumber, c.Reason.Label(), app.FormatMoney(c.Total),
				c.Form.State.Label(), c.Step.Label(), c.RedNumber})
		}
		printTable(env.Stdout, rows, map[int]bool{3: true})
		return ExitOK
	})
}

// redCaseView is a case as --json prints it.
type redCaseView struct {
	ID          int64      `json:"id"`
	BlueNumber  string     `json:"blue_number"`
	Reason      string     `json:"reason"`
	Partial     bool       `json:"partial"`
	Step        string     `json:"step"`
	FormNumber  string     `json:"form_number"`
	FormState   string     `json:"form_state"`
	Serial      string     `json:"request_serial"`
	RedNumber   string     `json:"red_number"`
	TotalAmount string     `json:"total_amount"`
	TotalTax    string     `json:"total_tax"`
	Total       string     `json:"total"`
	Lines       []lineView `json:"lines"`
	Message     string     `json:"message"`
}

func viewOfCase(c app.RedCase) redCaseView {
	v := redCaseView{ID: c.ID, BlueNumber: c.BlueNumber, Reason: string(c.Reason), Partial: c.Partial, Step: string(c.Step),
		FormNumber: c.Form.Number, FormState: string(c.Form.State), Serial: c.Serial, RedNumber: c.RedNumber,
		TotalAmount: app.FormatMoney(c.TotalAmount), TotalTax: app.FormatMoney(c.TotalTax), Total: app.FormatMoney(c.Total),
		Message: c.Message}
	lines := make([]app.Line, len(c.Lines))
	for i, l := range c.Lines {
		lines[i] = l.Line
	}
	v.Lines = viewOf(app.Invoice{Lines: lines}).Lines
	return v
}

func printCase(env Env, c app.RedCase, asJSON bool) {
	if asJSON {
		writeJSON(env, viewOfCase(c))
		return
	}
	if c.Step == app.RedStepIssued {
		fmt.Fprintln(env.Stdout, c.RedNumber)
	}
	fmt.Fprintf(env.Stderr, "红冲 %d:蓝字发票 %s,%s,价税合计 %s;确认单 %s(%s);%s\n", c.ID, c.BlueNumber, c.Reason.Label(),
		app.FormatMoney(c.Total), c.Form.Number, c.Form.State.Label(), c.Message)
	if c.Step == app.RedStepAwaiting {
		fmt.Fprintf(env.Stderr, "确认后运行 fapiao red resume %d 开具红字发票(fapiao red list 可刷新状态)\n", c.ID)
	}
}
