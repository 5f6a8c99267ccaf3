package piaodanyun

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"fapiao/app"
)

const (
	opLogin   = "loginDppt"
	pathLogin = "/qdjk/fullExteriorInvoke/loginDppt"
)

// RequestSMSCode asks the bureau to text a login code to the clerk's phone
// (loginDppt without sms). Code 200 means it was sent; data is not used.
func (c *Client) RequestSMSCode(ctx context.Context) error {
	f, err := c.loginForm()
	if err != nil {
		return err
	}
	_, err = c.post(ctx, opLogin, pathLogin, f.values())
	return err
}

// LoginWithSMS completes the SMS login with the code the clerk received.
// The bureau answers a session ID (uuid) as data; a success without one is
// not taken as a login.
func (c *Client) LoginWithSMS(ctx context.Context, code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		return required("sms", "请输入收到的短信验证码")
	}
	f, err := c.loginForm()
	if err != nil {
		return err
	}
	f.required("sms", code)
	data, err := c.post(ctx, opLogin, pathLogin, f.values())
	if err != nil {
		return err
	}
	return checkLoggedIn(data)
}

// LoginWithCertificate logs in with the hardware certificate (cert 1) or
// the soft one (cert 2). pinString, the soft certificate's passphrase, is
// sent only for cert 2 and only when given; it is blanked out of anything
// quoted from the server, like the passwords.
func (c *Client) LoginWithCertificate(ctx context.Context, kind app.CertKind, pin string) error {
	if kind != app.CertHardware && kind != app.CertSoft {
		return oneOf("cert", "证书类型应为证书登录(1)或软证书登录(2)")
	}
	f, err := c.loginForm()
	if err != nil {
		return err
	}
	f.required("cert", strconv.Itoa(int(kind)))
	scoped := c
	if kind == app.CertSoft && pin != "" {
		f.required("pinString", pin)
		scoped = c.withSecrets(pin)
	}
	data, err := scoped.post(ctx, opLogin, pathLogin, f.values())
	if err != nil {
		return err
	}
	return checkLoggedIn(data)
}

// loginForm is what every loginDppt call sends: the taxpayer, the bureau
// account and its password, which the seed marks required in every mode.
// Without a configured password it refuses before anything is sent.
func (c *Client) loginForm() (form, error) {
	if c.cfg.EtaxPassword == "" {
		pe := providerError(app.KindCredentials, opLogin, "",
			"未配置电子税务局密码:请在 config.toml 的 [piaodanyun] 中用 etax_password_env 指定保存该密码的环境变量,设置后重试", nil)
		pe.NotSent = true
		return nil, pe
	}
	f := form{}
	f.required("nsrsbh", c.cfg.SellerTaxID)
	f.required("username", c.cfg.Username)
	f.required("password", c.cfg.EtaxPassword)
	return f, nil
}

// checkLoggedIn wants a session ID (or any value) in a login's data.
func checkLoggedIn(data json.RawMessage) error {
	if !hasData(data) {
		return transientError(opLogin, "登录应答成功但没有返回会话标识(data 为空),请重新登录", nil)
	}
	return nil
}
