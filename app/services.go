package app

import "context"

// Services is everything the desktop UI and the command line use. main.go
// builds it; ui and the CLI see nothing else.
type Services struct {
	Issuing *IssueService
	Catalog CatalogStore
	Drafts  DraftStore
	// Face and Login are nil when the provider has no face authentication
	// or e-tax login; the UI and CLI then offer none.
	Face  *FaceAuthService
	Login *LoginService
	// Red runs red-invoice cases; nil when the provider has no red invoices.
	Red *RedService
	// Credit is the credit line; nil when the provider cannot report it.
	Credit *CreditService
	// Pool is the pre-assigned number pool (乐企); nil without a [leqi]
	// section served by someone.
	Pool *PoolService
	// Dashboard gathers the 额度 screen.
	Dashboard *DashboardService
	// Inbound syncs and browses inbound invoices; nil without a served
	// [inbound] section.
	Inbound *InboundService
	// Settings reads and writes config.toml and the keyring; nil in tests
	// that do not show the settings screen.
	Settings *SettingsService
	// Capabilities say what the providers can do and why not; main.go
	// derives them with CapabilitiesOf once the services are assembled.
	Capabilities Capabilities
	// Sandbox is true when the embedded simulated tax service issues the
	// invoices, so the UI can say so.
	Sandbox bool
	// SandboxTools are the simulator's knobs, set only in sandbox mode.
	SandboxTools *SandboxTools
}

// SandboxTools let a clerk rehearse with the simulated tax service what a
// phone and the bureau would do.
type SandboxTools struct {
	// SMSCode is the login code the sandbox accepts, shown as a hint.
	SMSCode string
	// SimulateFaceScan does what scanning the QR code authID with the phone does.
	SimulateFaceScan func(ctx context.Context, authID string) error
	// SimulateQRLoginScan confirms a QR login on the phone.
	SimulateQRLoginScan func(ctx context.Context, loginID string) error
}
