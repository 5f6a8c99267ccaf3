package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"fapiao/app"
	"fapiao/ui/qrimage"
)

// runFace dispatches fapiao face status | qr | scan.
func runFace(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 {
		return badInput(env, "face", "subcommand", "用法: fapiao face status [--json] | fapiao face qr [--png FILE] [--app tax|iit] [--wait] | fapiao face scan")
	}
	sub, rest := args[0], args[1:]
	run, ok := map[string]func(context.Context, Env, *app.Services, []string) int{
		"status": faceStatus, "qr": faceQR, "scan": faceScan,
	}[sub]
	if !ok {
		return badInput(env, "face", "subcommand", fmt.Sprintf("未知的子命令 %q,应为 status、qr 或 scan", sub))
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Face == nil {
			return unavailable(env, svc, app.FeatureFaceAuth, "当前开票服务不需要也不支持人脸认证")
		}
		return run(ctx, env, svc, rest)
	})
}

// faceStatusView is `face status --json`.
type faceStatusView struct {
	Needed       bool        `json:"needed"`
	ValidUntil   *string     `json:"valid_until"`
	CheckedAt    *string     `json:"checked_at"`
	QR           *faceQRView `json:"qr"`
	QRsLeftToday int         `json:"qrs_left_today"`
	Login        loginView   `json:"login"`
}

type faceQRView struct {
	AuthID    string `json:"auth_id"`
	Ewm       string `json:"ewm"`
	App       int    `json:"app"`
	ExpiresAt string `json:"expires_at"`
}

type loginView struct {
	Known    bool    `json:"known"`
	LoggedIn bool    `json:"logged_in"`
	Method   string  `json:"method,omitempty"`
	At       *string `json:"at"`
}

func timeOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(app.ChinaTime).Format(time.RFC3339)
	return &s
}

func faceStatus(ctx context.Context, env Env, svc *app.Services, args []string) int {
	fs := flag.NewFlagSet("face status", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	st, err := svc.Face.Refresh(ctx)
	if err != nil {
		return report(env, err, *asJSON)
	}
	var login app.LoginStatus
	if svc.Login != nil {
		login = svc.Login.Status(ctx)
	}
	if *asJSON {
		v := faceStatusView{Needed: st.Needed, ValidUntil: timeOrNil(st.ValidUntil), CheckedAt: timeOrNil(st.CheckedAt),
			QRsLeftToday: st.QRsLeftToday,
			Login:        loginView{Known: login.Known, LoggedIn: login.LoggedIn, Method: string(login.Method), At: timeOrNil(login.At)}}
		if st.QR != nil {
			v.QR = &faceQRView{AuthID: st.QR.AuthID, Ewm: st.QR.Content, App: int(st.QR.App), ExpiresAt: st.QRExpiresAt.In(app.ChinaTime).Format(time.RFC3339)}
		}
		writeJSON(env, v)
		return ExitOK
	}
	fmt.Fprintln(env.Stdout, describeFace(st))
	fmt.Fprintln(env.Stdout, describeLogin(login))
	return ExitOK
}

func describeFace(st app.FaceStatus) string {
	switch {
	case st.Needed:
		return "人脸认证:需要扫码认证(fapiao face qr)"
	case !st.ValidUntil.IsZero():
		return "人脸认证:有效至 " + st.ValidUntil.In(app.ChinaTime).Format("2006-01-02 15:04")
	}
	return "人脸认证:当前无需扫码(有效期未知:本机未记录上次扫码时间)"
}

func describeLogin(st app.LoginStatus) string {
	switch {
	case !st.Known:
		return "电子税务局:登录状态未知"
	case !st.LoggedIn:
		return "电子税务局:未登录(fapiao login)"
	case st.Method != "":
		return fmt.Sprintf("电子税务局:已登录(%s,%s)", st.Method.Label(), st.At.In(app.ChinaTime).Format("01-02 15:04"))
	}
	return "电子税务局:已登录"
}

func parseFaceApp(s string) (app.FaceApp, bool) {
	switch s {
	case "", "tax", "swj", "1":
		return app.FaceAppTax, true
	case "iit", "grsds", "2":
		return app.FaceAppIncomeTax, true
	}
	return 0, false
}

func faceQR(ctx context.Context, env Env, svc *app.Services, args []string) int {
	fs := flag.NewFlagSet("face qr", flag.ContinueOnError)
	pngPath := fs.String("png", "", "write the QR code to this PNG file")
	appName := fs.String("app", "tax", "tax (电子税务局) or iit (个人所得税)")
	wait := fs.Bool("wait", false, "wait for the scan")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	faceApp, ok := parseFaceApp(*appName)
	if !ok {
		return badInput(env, "--app", "one_of", "--app 应为 tax(电子税务局)或 iit(个人所得税)")
	}
	qr, err := svc.Face.QR(ctx, faceApp)
	if err != nil {
		return report(env, err, false)
	}
	fmt.Fprintln(env.Stdout, qr.Content)
	if *pngPath != "" {
		data, err := qrimage.PNG(qr.Content, 480)
		if err == nil {
			err = os.WriteFile(*pngPath, data, 0o644)
		}
		if err != nil {
			return report(env, err, false)
		}
		fmt.Fprintln(env.Stderr, "二维码已写入", *pngPath)
	}
	if isTerminal(env.Stdout) {
		drawing, err := qrimage.Terminal(qr.Content)
		if err == nil {
			fmt.Fprint(env.Stdout, drawing)
		}
	}
	expires := qr.IssuedAt.Add(svc.Face.QRLifetime).In(app.ChinaTime).Format("15:04:05")
	fmt.Fprintf(env.Stderr, "请用%s App 扫码完成人脸认证;二维码 %s 前有效。\n", qr.App.Label(), expires)
	if svc.SandboxTools != nil {
		fmt.Fprintln(env.Stderr, "沙箱模式:运行 fapiao face scan 模拟手机扫码。")
	}
	if !*wait {
		return ExitOK
	}
	fmt.Fprintln(env.Stderr, "等待扫码……(Ctrl+C 取消)")
	err = svc.Face.WaitForScan(ctx, func(_ app.FaceStatus, err error) {
		if err != nil {
			fmt.Fprintln(env.Stderr, "查询认证状态失败,继续等待:", err)
		}
	})
	if err != nil {
		return report(env, err, false)
	}
	fmt.Fprintln(env.Stderr, describeFace(svc.Face.Status(ctx)))
	return ExitOK
}

// faceScan, in sandbox mode, does what scanning the current QR code with
// the phone would do, then records the result.
func faceScan(ctx context.Context, env Env, svc *app.Services, _ []string) int {
	if svc.SandboxTools == nil {
		fmt.Fprintln(env.Stderr, "fapiao face scan 只用于沙箱模式:请用手机扫码")
		return ExitBadInput
	}
	qr := svc.Face.Status(ctx).QR
	if qr == nil {
		fmt.Fprintln(env.Stderr, "没有有效的人脸认证二维码:先运行 fapiao face qr")
		return ExitRefused
	}
	if err := svc.SandboxTools.SimulateFaceScan(ctx, qr.AuthID); err != nil {
		return report(env, err, false)
	}
	st, err := svc.Face.Refresh(ctx)
	if err != nil {
		return report(env, err, false)
	}
	fmt.Fprintln(env.Stdout, describeFace(st))
	return ExitOK
}

// errNoLogin is returned when the provider has no e-tax login.
var errNoLogin = errors.New("当前开票服务不需要也不支持登录电子税务局")
