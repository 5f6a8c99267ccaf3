package sandbox

import (
	"errors"
	"fmt"
	"log/slog"
	"time"
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
	Log     *slog.Logger // optional
}

// Faults are the failures the sandbox injects, for reliability tests.
type Faults struct {
	Latency   time.Duration // added before every answer
	ErrorRate float64       // share of requests answered 503 before doing anything (transient)
	DropRate  float64       // share of blueTicket calls committed, then answered by closing the connection
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
	if o.Channel == 0 {
		o.Channel = defaultChannel
	}
	if o.Channel < '0' || o.Channel > '9' {
		return o, fmt.Errorf("sandbox: channel %q is not a digit", o.Channel)
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o, o.Faults.validate()
}
