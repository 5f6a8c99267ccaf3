package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"fapiao/app"
)

// runLogin logs in to the e-tax bureau: by SMS code (the default, in two
// steps: send, then --sms CODE or typed at the prompt), by QR code (--qr),
// or by certificate (--cert).
func runLogin(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	sms := fs.String("sms", "", "the SMS code received (second step)")
	qr := fs.String("qr", "", "log in by QR code: tax (税务app扫码) or face (人脸二维码)")
	pngPath := fs.String("png", "login-qr.png", "with --qr: where to write the QR code")
	cert := fs.String("cert", "", "log in by certificate: hard or soft")
	pin := fs.String("pin", "", "with --cert soft: the certificate's passphrase")
	if _, err := parseFlags(fs, args); err != nil {
		return badInput(env, "args", "flags", err.Error())
	}
	return withServices(ctx, env, func(svc *app.Services) int {
		if svc.Login == nil {
			return report(env, errNoLogin, false)
		}
		switch {
		case *cert != "":
			return loginCert(ctx, env, svc, *cert, *pin)
		case *qr != "":
			return loginQR(ctx, env, svc, *qr, *pngPath)
		case *sms != "":
			return loginSMS(ctx, env, svc, *sms)
		}
		return loginSendSMS(ctx, env, svc)
	})
}

func loginSendSMS(ctx context.Context, env Env, svc *app.Services) int {
	if err := svc.Login.RequestSMSCode(ctx); err != nil {
		return report(env, err, false)
	}
	fmt.Fprintln(env.Stderr, "短信验证码已发送到办税人员手机。")
	if svc.SandboxTools != nil {
		fmt.Fprintf(env.Stderr, "沙箱模式:验证码是 %s。\n", svc.SandboxTools.SMSCode)
	}
	if !isTerminal(env.Stdin) {
		fmt.Fprintln(env.Stderr, "收到验证码后运行 fapiao login --sms 验证码 完成登录。")
		return ExitOK
	}
	fmt.Fprint(env.Stderr, "请输入短信验证码: ")
	code, err := readLine(env.Stdin)
	if err != nil {
		return report(env, err, false)
	}
	return loginSMS(ctx, env, svc, code)
}

func loginSMS(ctx context.Context, env Env, svc *app.Services, code string) int {
	if err := svc.Login.LoginWithSMS(ctx, code); err != nil {
		return report(env, err, false)
	}
	fmt.Fprintln(env.Stdout, describeLogin(svc.Login.Status(ctx)))
	return ExitOK
}

func loginQR(ctx context.Context, env Env, svc *app.Services, kindName, pngPath string) int {
	kind := map[string]app.QRLoginKind{"tax": app.QRLoginTaxApp, "10": app.QRLoginTaxApp, "face": app.QRLoginFace, "1": app.QRLoginFace}[kindName]
	if kind == 0 {
		return badInput(env, "--qr", "one_of", "--qr 应为 tax(税务app扫码)或 face(人脸二维码)")
	}
	q, err := svc.Login.StartQRLogin(ctx, kind)
	if err != nil {
		return report(env, err, false)
	}
	switch {
	case len(q.Image) > 0:
		if err := os.WriteFile(pngPath, q.Image, 0o644); err != nil {
			return report(env, err, false)
		}
		fmt.Fprintln(env.Stderr, "登录二维码已写入", pngPath, ",请用税务App扫码确认。")
	default:
		fmt.Fprintln(env.Stdout, q.Content)
	}
	if svc.SandboxTools != nil {
		if err := svc.SandboxTools.SimulateQRLoginScan(ctx, q.ID); err == nil {
			fmt.Fprintln(env.Stderr, "沙箱模式:已模拟手机扫码确认。")
		}
	}
	fmt.Fprintln(env.Stderr, "等待扫码确认……(Ctrl+C 取消)")
	if err := svc.Login.WaitForQRLogin(ctx, q, nil); err != nil {
		return report(env, err, false)
	}
	fmt.Fprintln(env.Stdout, describeLogin(svc.Login.Status(ctx)))
	return ExitOK
}

func loginCert(ctx context.Context, env Env, svc *app.Services, kindName, pin string) int {
	kind := map[string]app.CertKind{"hard": app.CertHardware, "1": app.CertHardware, "soft": app.CertSoft, "2": app.CertSoft}[kindName]
	if kind == 0 {
		return badInput(env, "--cert", "one_of", "--cert 应为 hard(证书)或 soft(软证书)")
	}
	if err := svc.Login.LoginWithCertificate(ctx, kind, pin); err != nil {
		return report(env, err, false)
	}
	fmt.Fprintln(env.Stdout, describeLogin(svc.Login.Status(ctx)))
	return ExitOK
}
