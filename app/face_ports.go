package app

import (
	"context"
	"time"
)

// FaceApp is the phone app that scans a face-authentication QR code.
type FaceApp int

// The apps the bureau's QR codes are made for (getFaceImg's type).
const (
	FaceAppTax       FaceApp = 1 // 电子税务局 app
	FaceAppIncomeTax FaceApp = 2 // 个人所得税 app
)

// Label is the app's Chinese name.
func (a FaceApp) Label() string {
	if a == FaceAppIncomeTax {
		return "个人所得税"
	}
	return "电子税务局"
}

// FaceQR is a face-authentication QR code the bureau issued (getFaceImg).
type FaceQR struct {
	AuthID   string    `json:"auth_id"` // rzid
	Content  string    `json:"content"` // ewm: the string the QR code encodes
	App      FaceApp   `json:"app"`
	IssuedAt time.Time `json:"issued_at"`
}

// FaceAuthProvider is a provider's face-authentication calls.
type FaceAuthProvider interface {
	// FaceAuthNeeded asks the bureau whether the clerk must scan now
	// (queryFaceAuthState: Sfsl = Y).
	FaceAuthNeeded(ctx context.Context) (bool, error)
	// NewFaceQR asks for a new QR code for app (getFaceImg). The bureau
	// issues at most one a minute and 20 a day; FaceAuthService keeps to that.
	NewFaceQR(ctx context.Context, app FaceApp) (FaceQR, error)
}

// QRLoginKind is how a QR login is confirmed on the phone (loginDppt ewmlx).
type QRLoginKind int

// QR login kinds.
const (
	QRLoginFace   QRLoginKind = 1  // 人脸二维码登录
	QRLoginTaxApp QRLoginKind = 10 // 税务app扫码登录
)

// QRLogin is a QR login in progress.
type QRLogin struct {
	Kind QRLoginKind
	ID   string // ewmid, sent back to complete the login
	// Image is the QR code as the provider drew it (decoded from base64:
	// usually PNG), Content the text to encode when it sent text instead.
	// At least one is set.
	Image   []byte
	Content string
}

// CertKind is the certificate used for a certificate login (loginDppt cert).
type CertKind int

// Certificate kinds.
const (
	CertHardware CertKind = 1 // 证书登录
	CertSoft     CertKind = 2 // 软证书登录
)

// LoginProvider is a provider's e-tax (电子税务局) login: by SMS code in two
// steps, by QR code, or by certificate (loginDppt).
type LoginProvider interface {
	// RequestSMSCode is the first SMS step: the bureau sends a code to the
	// clerk's phone.
	RequestSMSCode(ctx context.Context) error
	// LoginWithSMS is the second step, with the code the clerk received.
	LoginWithSMS(ctx context.Context, code string) error
	// StartQRLogin asks for a login QR code.
	StartQRLogin(ctx context.Context, kind QRLoginKind) (QRLogin, error)
	// CheckQRLogin asks whether the QR code was scanned and the login done:
	// true when logged in, false while the bureau is still waiting.
	CheckQRLogin(ctx context.Context, q QRLogin) (bool, error)
	// LoginWithCertificate logs in with a certificate; pin is the soft
	// certificate's passphrase, empty when there is none.
	LoginWithCertificate(ctx context.Context, kind CertKind, pin string) error
}

// StateStore keeps small named documents of app state (the face-auth and
// login state) as JSON, so they survive a restart.
type StateStore interface {
	// LoadState decodes the document name into v; ErrNotFound when absent.
	LoadState(ctx context.Context, name string, v any) error
	SaveState(ctx context.Context, name string, v any) error
}
