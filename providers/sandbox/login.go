package sandbox

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"

	"github.com/skip2/go-qrcode"
)

// msgBadEtaxLogin refuses a wrong e-tax account or password.
const msgBadEtaxLogin = "电子税务局账号或密码错误"

// loginAnswer is loginDppt's envelope: seed 001 shows message beside msg.
type loginAnswer struct {
	Code    int    `json:"code"`
	Msg     string `json:"msg"`
	Message string `json:"message"`
	Data    any    `json:"data"`
	Total   int    `json:"total"`
}

// loginQRData is the answer to the first step of a QR login.
type loginQRData struct {
	ID    string `json:"ewmid"`
	Image string `json:"ewm"` // base64 PNG
}

func writeLogin(w http.ResponseWriter, code int, msg string, data any) {
	writeJSON(w, http.StatusOK, loginAnswer{Code: code, Msg: msg, Message: msg, Data: data})
}

func writeLoginRefusal(w http.ResponseWriter, msg string) { writeLogin(w, codeBusiness, msg, nil) }

// writeLoggedIn answers a completed login: data is the session's uuid.
func writeLoggedIn(w http.ResponseWriter) { writeLogin(w, codeOK, msgOK, newUUIDHex()) }

// handleLoginDppt logs a seller in to the e-tax bureau: by SMS code in two
// calls (send, then verify), by QR code in two calls (get the code, then
// confirm it was scanned), or by certificate in one.
func (s *Server) handleLoginDppt(w http.ResponseWriter, r *http.Request) {
	form, ok := readForm(w, r)
	if !ok {
		return
	}
	taxID, err := sellerParams(form)
	if err != nil {
		writeLoginRefusal(w, err.Error())
		return
	}
	password := field(form, "password")
	if password == "" {
		writeLoginRefusal(w, "电子税务局密码(password)不能为空")
		return
	}
	if field(form, "username") != DemoUsername ||
		subtle.ConstantTimeCompare([]byte(password), []byte(DemoEtaxPassword)) != 1 {
		s.log.Info("e-tax login refused", "nsrsbh", taxID) // never the password
		writeLoginRefusal(w, msgBadEtaxLogin)
		return
	}
	switch cert, kind, sms := field(form, "cert"), field(form, "ewmlx"), field(form, "sms"); {
	case cert != "":
		s.loginByCertificate(w, r, taxID, cert)
	case kind != "":
		s.loginByQR(w, r, taxID, kind, field(form, "ewmid"))
	case sms != "":
		s.loginBySMS(w, r, taxID, sms)
	default:
		s.sendSMSCode(w, r, taxID)
	}
}

// sendSMSCode is the first SMS step: "send" DemoSMSCode to the clerk.
func (s *Server) sendSMSCode(w http.ResponseWriter, r *http.Request, taxID string) {
	if err := s.saveSMSSent(r.Context(), taxID, s.now()); err != nil {
		s.loginFailed(w, taxID, err)
		return
	}
	writeLogin(w, codeOK, "验证码已发送至手机 "+maskPhone(DemoPhone), nil)
}

// maskPhone hides the middle four digits of a mobile number, as SMS
// notices do.
func maskPhone(phone string) string {
	if len(phone) != 11 {
		return phone
	}
	return phone[:3] + "****" + phone[7:]
}

// loginBySMS is the second SMS step.
func (s *Server) loginBySMS(w http.ResponseWriter, r *http.Request, taxID, code string) {
	s.finishLogin(w, taxID, s.loginWithSMS(r.Context(), taxID, code, s.now()))
}

// loginByCertificate logs in with a (soft) certificate; its pinString is
// accepted unchecked.
func (s *Server) loginByCertificate(w http.ResponseWriter, r *http.Request, taxID, cert string) {
	if cert != "1" && cert != "2" {
		writeLoginRefusal(w, fmt.Sprintf("证书类型(cert) %q 无效:应为1(证书)或2(软证书)", cert))
		return
	}
	s.finishLogin(w, taxID, s.setAuth(r.Context(), loginColumn, taxID, s.now()))
}

// loginByQR issues a login QR code when ewmid is empty, else completes the
// login once that code was scanned.
func (s *Server) loginByQR(w http.ResponseWriter, r *http.Request, taxID, kind, ewmid string) {
	if kind != "1" && kind != "10" {
		writeLoginRefusal(w, fmt.Sprintf("二维码类型(ewmlx) %q 无效:应为1(人脸二维码)或10(税务app扫码)", kind))
		return
	}
	if ewmid != "" {
		s.finishLogin(w, taxID, s.completeQRLogin(r.Context(), ewmid, taxID, kind, s.now()))
		return
	}
	data, err := s.newLoginQR(r.Context(), taxID, kind, "http://"+r.Host)
	if err != nil {
		s.loginFailed(w, taxID, err)
		return
	}
	writeLogin(w, codeOK, msgOK, data)
}

// newLoginQR issues a login QR code. The code encodes the URL of its
// sandbox scan endpoint (under base), so whoever holds the picture can
// "scan" it.
func (s *Server) newLoginQR(ctx context.Context, taxID, kind, base string) (loginQRData, error) {
	now := s.now()
	q := loginQR{ID: newUUIDHex(), TaxID: taxID, Kind: kind, IssuedAt: now, ExpiresAt: now.Add(s.opts.FaceQRLifetime)}
	png, err := qrcode.Encode(base+loginQRScanPrefix+q.ID+"/scan", qrcode.Medium, 256)
	if err != nil {
		return loginQRData{}, fmt.Errorf("draw login QR: %w", err)
	}
	if err := s.saveLoginQR(ctx, q); err != nil {
		return loginQRData{}, err
	}
	return loginQRData{ID: q.ID, Image: base64.StdEncoding.EncodeToString(png)}, nil
}

// finishLogin answers the outcome of a login step: the uuid, the bureau's
// refusal, or a server error.
func (s *Server) finishLogin(w http.ResponseWriter, taxID string, err error) {
	switch {
	case err == nil:
		s.log.Info("e-tax login", "nsrsbh", taxID)
		writeLoggedIn(w)
	case errors.Is(err, errBadSMSCode), errors.Is(err, errLoginQRUnknown), errors.Is(err, errLoginQRKind),
		errors.Is(err, errLoginQRExpired), errors.Is(err, errLoginQRPending):
		writeLoginRefusal(w, err.Error())
	default:
		s.loginFailed(w, taxID, err)
	}
}

func (s *Server) loginFailed(w http.ResponseWriter, taxID string, err error) {
	s.log.Error("loginDppt", "nsrsbh", taxID, "err", err)
	writeHTTPError(w, http.StatusInternalServerError, "登录失败:税局系统内部错误")
}
