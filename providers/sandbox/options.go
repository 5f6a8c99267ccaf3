package sandbox

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/shopspring/decimal"
)

// The demo account the sandbox accepts. Only these credentials obtain a token.
const (
	DemoPhone      = "13800000000" // 票单云 account (phone number)
	DemoPassword   = "sandbox"     // its password
	DemoTenantID   = 1             // 企业租户ID
	DemoUsername   = "demo"        // 局端账号 (the e-tax account the requests name)
	defaultTTL     = 2 * time.Hour
	defaultChannel = '2'
)

// The demo e-tax (电子税务局) credentials loginDppt accepts.
const (
	DemoEtaxPassword = "etax-sandbox" // the 局端账号's e-tax password
	DemoSMSCode      = "123456"       // the code every "sent" SMS carries
)

// The demo access unit of the 乐企 (Leqi) direct-connect platform. A
// simulator's key is not a secret: it is GB/T 32907's sample key, which
// anyone can look up.
const (
	DemoJrdwptbh = "JRDW-SANDBOX-0001"                // 接入单位平台编号 (header jrdwptbh)
	DemoLeqiKey  = "0123456789abcdeffedcba9876543210" // SM4 key, 32 hex characters
)

// The demo account of the inbound sync service S000621. A simulator's
// secret is not a secret: it only signs requests to the sandbox.
const (
	DemoInboundAppID  = "sandbox-inbound"        // appid
	DemoInboundSecret = "sandbox-inbound-secret" // its HMAC-SHA256 key
)

// Bounds of Options.InboundCount.
const (
	DefaultInboundCount = 5_000
	MaxInboundCount     = 1_000_000
)

// Defaults of the bureau's session windows.
const (
	// defaultFaceValidity is seed 001's "48小时内至少认证一次".
	defaultFaceValidity   = 48 * time.Hour
	defaultFaceQRLifetime = 5 * time.Minute
	defaultLoginValidity  = 24 * time.Hour
)

// Defaults of the simulated buyer and the credit line.
const (
	// DefaultBuyerConfirmDelay is how long the simulated buyer takes to
	// confirm a form that waits for it (02 → 04) when
	// Options.BuyerConfirmDelay is nil.
	DefaultBuyerConfirmDelay = 2 * time.Minute
	// defaultCreditLine is every seller's total credit line (总授信额度).
	defaultCreditLine = 3_000_000
)

// Options configure a Server.
type Options struct {
	DBPath string           // sandbox.db; required
	Now    func() time.Time // clock; default time.Now (tests inject one)
	// TokenTTL is how long an access token lives; default 2h like 票单云.
	TokenTTL time.Duration
	Faults   Faults
	// LayoutAsURLs answers getInvoicePdfOfd with the URL object even for
	// downflag 1–3, as some bureau gateways do.
	LayoutAsURLs bool
	// Channel is the issuing-channel digit (5th) of assigned numbers; default '2'.
	Channel byte
	// FaceValidity is how long a face scan keeps a seller authenticated;
	// default 48h. A seller the sandbox has not seen yet counts as scanned
	// at first sight, so a fresh sandbox issues at once.
	FaceValidity time.Duration
	// FaceQRLifetime is how long a face or login QR code can be scanned;
	// default 5 min.
	FaceQRLifetime time.Duration
	// LoginValidity is how long an e-tax login lasts; default 24h. Like face
	// authentication, a seller starts logged in at first sight.
	LoginValidity time.Duration
	// BuyerConfirmDelay is how long after a red-letter form was applied for
	// the simulated buyer confirms it by itself (02 → 04). nil means
	// DefaultBuyerConfirmDelay (2 min); a zero (or negative) delay means
	// never: the form waits for BuyerAnswer or the control endpoint, or
	// turns void after 72 h. E.g. new(time.Duration) for "never".
	BuyerConfirmDelay *time.Duration
	// CreditLine is every seller's total credit line (zsxed); default
	// 3,000,000.00.
	CreditLine decimal.Decimal
	// LeqiPlatform is the one access unit (jrdwptbh) the 乐企 endpoint
	// knows; default DemoJrdwptbh.
	LeqiPlatform string
	// LeqiKey is that unit's SM4 key as 32 hex characters; default
	// DemoLeqiKey.
	LeqiKey string
	// LeqiProcessing is how long after an upload (QDFPSC) CXQDFPSCJG still
	// answers 处理中 (clzt 01); default 0: decided at once.
	LeqiProcessing time.Duration
	// InboundCount is how many inbound invoices and vouchers S000621 knows
	// for every company; default DefaultInboundCount, at most
	// MaxInboundCount. They are made up on the fly, never stored.
	InboundCount int
	// InboundAppID is the one appid S000621 accepts; default
	// DemoInboundAppID.
	InboundAppID string
	// InboundSecret is that appid's signing secret; default
	// DemoInboundSecret.
	InboundSecret string
	// XunlianAccounts are the 迅联云 accounts serverIssue accepts; default
	// the demo account (DemoCompanyDataResource, DemoTerminalCode), bound
	// to the first seller that issues through it.
	XunlianAccounts []XunlianAccount
	Log             *slog.Logger // optional
}

// Faults are the failures the sandbox injects, for reliability tests.
type Faults struct {
	Latency   time.Duration // added before every answer
	ErrorRate float64       // share of requests answered 503 before doing anything (transient)
	DropRate  float64       // share of committing calls (blueTicket, hzfpkj, serverIssue, QDFPPLFM, QDFPSC) committed, then answered by closing the connection
}

func (f Faults) validate() error {
	switch {
	case f.Latency < 0:
		return errors.New("sandbox: latency must not be negative")
	case f.ErrorRate < 0 || f.ErrorRate > 1:
		return fmt.Errorf("sandbox: error rate %v outside [0, 1]", f.ErrorRate)
	case f.DropRate < 0 || f.DropRate > 1:
		return fmt.Errorf("sandbox: drop rate %v outside [0, 1]", f.DropRate)
	}
	return nil
}

// withDefaults fills the zero values and checks the rest.
func (o Options) withDefaults() (Options, error) {
	if o.DBPath == "" {
		return o, errors.New("sandbox: Options.DBPath is required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TokenTTL <= 0 {
		o.TokenTTL = defaultTTL
	}
	o.FaceValidity = orDefault(o.FaceValidity, defaultFaceValidity)
	o.FaceQRLifetime = orDefault(o.FaceQRLifetime, defaultFaceQRLifetime)
	o.LoginValidity = orDefault(o.LoginValidity, defaultLoginValidity)
	if o.Channel == 0 {
		o.Channel = defaultChannel
	}
	if o.Channel < '0' || o.Channel > '9' {
		return o, fmt.Errorf("sandbox: channel %q is not a digit", o.Channel)
	}
	if o.BuyerConfirmDelay == nil {
		o.BuyerConfirmDelay = new(DefaultBuyerConfirmDelay)
	}
	if o.CreditLine.IsZero() {
		o.CreditLine = decimal.NewFromInt(defaultCreditLine)
	}
	if o.CreditLine.IsNegative() {
		return o, errors.New("sandbox: credit line must not be negative")
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if err := o.leqiDefaults(); err != nil {
		return o, err
	}
	if err := o.inboundDefaults(); err != nil {
		return o, err
	}
	if err := o.xunlianDefaults(); err != nil {
		return o, err
	}
	return o, o.Faults.validate()
}

// leqiDefaults fills in and checks the 乐企 options. Its errors never quote
// the key.
func (o *Options) leqiDefaults() error {
	if o.LeqiPlatform == "" {
		o.LeqiPlatform = DemoJrdwptbh
	}
	if o.LeqiKey == "" {
		o.LeqiKey = DemoLeqiKey
	}
	if _, err := leqiKeyBytes(o.LeqiKey); err != nil {
		return err
	}
	if !isCode(o.LeqiPlatform) {
		return errors.New("sandbox: LeqiPlatform may hold only letters, digits, - and _")
	}
	if o.LeqiProcessing < 0 {
		return errors.New("sandbox: LeqiProcessing must not be negative")
	}
	return nil
}

// inboundDefaults fills in and checks the S000621 options. Its errors
// never quote the secret.
func (o *Options) inboundDefaults() error {
	if o.InboundCount == 0 {
		o.InboundCount = DefaultInboundCount
	}
	if o.InboundCount < 0 || o.InboundCount > MaxInboundCount {
		return fmt.Errorf("sandbox: InboundCount %d outside 1–%d", o.InboundCount, MaxInboundCount)
	}
	if o.InboundAppID == "" {
		o.InboundAppID = DemoInboundAppID
	}
	if o.InboundSecret == "" {
		o.InboundSecret = DemoInboundSecret
	}
	return nil
}

// orDefault replaces a zero or negative duration by def.
func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
