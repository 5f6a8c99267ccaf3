package app

// Services is everything the desktop UI and the command line use. main.go
// builds it; ui and the CLI see nothing else.
type Services struct {
	Issuing *IssueService
	Catalog CatalogStore
	Drafts  DraftStore
	// Sandbox is true when the embedded simulated tax service issues the
	// invoices, so the UI can say so.
	Sandbox bool
}
