package app

import (
	"context"
	"time"
)

// InvoiceStore keeps invoices and the outbox of requests to providers. The
// store package implements it over SQLite.
type InvoiceStore interface {
	// CreatePending stores a new invoice with status pending together with
	// its outbox entry (the exact request to send), in one transaction,
	// before anything is sent. It sets inv.ID.
	CreatePending(ctx context.Context, inv *Invoice, request []byte) error
	// MarkIssued records the number and date the provider assigned, closes
	// the outbox entry and remembers the buyer and items for autocomplete
	// (not those of a red invoice, which reverses a sale), in one transaction.
	MarkIssued(ctx context.Context, serial string, result IssueResult) error
	// MarkStatus moves an invoice to another status with a message
	// (rejected, held, unknown, pending), recording the attempt on its
	// outbox entry; a final status (rejected) closes the entry.
	MarkStatus(ctx context.Context, serial string, status Status, message string) error
	// OpenOutbox lists the outbox entries not yet resolved, oldest first.
	OpenOutbox(ctx context.Context) ([]OutboxEntry, error)
	// InvoiceBySerial and InvoiceByNumber return ErrNotFound when there is none.
	InvoiceBySerial(ctx context.Context, serial string) (Invoice, error)
	InvoiceByNumber(ctx context.Context, number string) (Invoice, error)
	// ListInvoices returns invoices newest first.
	ListInvoices(ctx context.Context, q ListQuery) ([]Invoice, error)
}

// OutboxEntry is a request committed before it was sent.
type OutboxEntry struct {
	Serial    string
	InvoiceID int64
	Request   []byte // the invoice as it was sent, JSON
	Attempts  int
	LastError string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ListQuery selects invoices for the issued list.
type ListQuery struct {
	Limit  int // 0 means a default page
	Offset int
	Search string // matches number, buyer name or buyer tax ID; empty for all
}

// CatalogStore remembers past buyers and items for autocomplete. text
// matches anywhere in a name (and at the start of a buyer's tax ID); the
// most used and most recent come first.
type CatalogStore interface {
	SuggestBuyers(ctx context.Context, text string, limit int) ([]Party, error)
	SuggestItems(ctx context.Context, text string, limit int) ([]CatalogItem, error)
}

// CatalogItem is an item issued before, offered as the clerk types.
type CatalogItem struct {
	Name        string
	TaxCode     string
	Spec        string
	Unit        string
	Price       string // as last issued, on the basis of TaxIncluded; may be empty
	TaxRate     string
	TaxIncluded bool
}

// DraftStore keeps the form's draft so it survives closing the app.
type DraftStore interface {
	SaveDraft(ctx context.Context, name string, d Draft) error
	// LoadDraft returns ErrNotFound when there is no draft of that name.
	LoadDraft(ctx context.Context, name string) (Draft, error)
	DeleteDraft(ctx context.Context, name string) error
}

// Issuer is a provider that issues invoices (票单云, 迅联云, 乐企, or the
// sandbox behind one of their protocols).
type Issuer interface {
	// Name is the provider's name for messages, e.g. "票单云".
	Name() string
	// Issue sends a blue invoice under inv.RequestSerial. Errors are
	// *ProviderError, classified by Kind.
	Issue(ctx context.Context, inv Invoice) (IssueResult, error)
	// Lookup asks the provider what became of a serial. It returns
	// ErrNotFound when the provider has no invoice under it.
	Lookup(ctx context.Context, serial string) (IssueResult, error)
	// Document fetches the invoice's file in the given format.
	Document(ctx context.Context, inv Invoice, format DocFormat) ([]byte, error)
}

// IssueResult is what a provider says about an issued invoice.
type IssueResult struct {
	Number    string
	Code      string // 发票代码: empty for 数电 invoices; some providers return one
	IssuedAt  time.Time
	CheckCode string // 校验码, where the provider returns one
}

// DocFormat is a file format an invoice can be exported in.
type DocFormat string

// Export formats.
const (
	FormatPDF DocFormat = "pdf"
	FormatOFD DocFormat = "ofd"
	FormatXML DocFormat = "xml"
)

// ParseDocFormat accepts pdf, ofd or xml in any case.
func ParseDocFormat(s string) (DocFormat, error) {
	switch f := DocFormat(toLowerASCII(s)); f {
	case FormatPDF, FormatOFD, FormatXML:
		return f, nil
	}
	return "", &ValidationError{Errors: []FieldError{{Field: "format", Rule: "one_of",
		Message: "导出格式:" + s + " 无效,应为 pdf、ofd 或 xml"}}}
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
