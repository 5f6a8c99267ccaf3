package app

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// InboundStatus is the state a query of service S000621 asks for (rzzt):
// which of the company's inbound invoices and vouchers to list.
type InboundStatus string

// The statuses synced. Seed 002 names the groups; the codes are those its
// parameters refer to (rq_q is a check date for 11, 15 and 17).
const (
	InboundUnchecked      InboundStatus = "10" // 未勾选
	InboundChecked        InboundStatus = "11" // 当期已勾选
	InboundExportDomestic InboundStatus = "12" // 出口转内销(znxpz)
	InboundNotDeductible  InboundStatus = "15" // 不抵扣已勾选
	InboundNotDue         InboundStatus = "16" // 未到期(发票、海关缴款书)
	InboundExportRebate   InboundStatus = "17" // 出口退税已认证
	InboundPastPeriods    InboundStatus = "40" // 往期抵扣类(适配格式,按所属期分组)
)

// InboundStatuses lists every status a full sync covers.
var InboundStatuses = []InboundStatus{InboundUnchecked, InboundChecked, InboundExportDomestic,
	InboundNotDeductible, InboundNotDue, InboundExportRebate, InboundPastPeriods}

// Label is the status in Chinese.
func (s InboundStatus) Label() string {
	switch s {
	case InboundUnchecked:
		return "未勾选"
	case InboundChecked:
		return "当期已勾选"
	case InboundExportDomestic:
		return "出口转内销"
	case InboundNotDeductible:
		return "不抵扣已勾选"
	case InboundNotDue:
		return "未到期"
	case InboundExportRebate:
		return "出口退税已认证"
	case InboundPastPeriods:
		return "往期"
	}
	return string(s)
}

// InboundInvoice is one invoice or voucher received, as the bureau reports
// it — every field of seed 002's InvoiceList, in the domain's words.
type InboundInvoice struct {
	// Key identifies it across syncs: code (empty for 数电 invoices and
	// vouchers), number and type.
	Key string `json:"key"`

	Status InboundStatus `json:"status"` // the query it last came from
	Period string        `json:"period"` // 税款所属期 yyyyMM, where known
	Kind   string        `json:"kind"`   // FP (invoice) or HGJKS (customs voucher), adapter format

	Code        string    `json:"code"`         // invoiceCode
	Number      string    `json:"number"`       // invoiceNumber
	Type        string    `json:"type"`         // invoiceType: 01, 10, 08, 09, 90, 17 海关缴款书, 18 完税凭证…
	BillingDate time.Time `json:"billing_date"` // 开票日期 (填发日期 for vouchers)
	BuyerName   string    `json:"buyer_name"`
	BuyerTaxID  string    `json:"buyer_tax_id"`
	SellerName  string    `json:"seller_name"`
	SellerTaxID string    `json:"seller_tax_id"`

	Amount    decimal.NullDecimal `json:"amount"` // 未税金额; none for vouchers
	Tax       decimal.Decimal     `json:"tax"`
	ValidTax  decimal.Decimal     `json:"valid_tax"` // 有效税额
	State     string              `json:"state"`     // 0 正常,1 作废,2 红冲,3 失控,4 异常,7 部分红冲,8 全额红冲,80 红字发票待确认
	CheckCode string              `json:"check_code"`

	Deductible       string    `json:"deductible"`        // 0 未认证, 1 已认证
	DeductibleDate   time.Time `json:"deductible_date"`   // zero when not
	DeductiblePeriod string    `json:"deductible_period"` // yyyyMM
	DeductibleType   string    `json:"deductible_type"`   // 1 勾选, 2 扫描
	DeductibleMode   string    `json:"deductible_mode"`   // 1 抵扣, 2 退税, 4 不抵扣勾选
	CheckStatus      string    `json:"check_status"`      // 0 未勾选, 1 已勾选
	CheckDate        time.Time `json:"check_date"`
	ManagementStatus string    `json:"management_status"` // 风险: 0 正常,1 疑点,2 异常,3 红字锁定,4 禁止勾选退税,5/6 机动车高/低风险
	AbnormalType     string    `json:"abnormal_type"`     // 0 状态异常,1 用途变更,2 管理状态异常

	Mismatch          string `json:"mismatch"`            // ylzd2: 是否录入不符项
	ExportDomesticNo  string `json:"export_domestic_no"`  // ylzd3: 转内销证明编号
	NotDeductibleType string `json:"not_deductible_type"` // ylzd4: 1 非应税 … 5 其他
	EInvoiceNumber    string `json:"einvoice_number"`     // ylzd5: 全电纸质发票的全电发票号
	BusinessType      string `json:"business_type"`       // tdyslxDm: 08 通行费, 12 自产农产品…

	// The adapter format's extra fields (rzzt=40).
	SourceID   string    `json:"source_id"`   // id
	Source     string    `json:"source"`      // source
	CheckTime  time.Time `json:"check_time"`  // checkTime
	Withheld   string    `json:"withheld"`    // tq_bj
	ModifiedAt time.Time `json:"modified_at"` // xg_sj
}

// InboundKey is the identity of an inbound invoice or voucher.
func InboundKey(code, number, typ string) string { return typ + "/" + code + "/" + number }

// InboundFetch is one page's query to S000621.
type InboundFetch struct {
	Status   InboundStatus
	Period   string    // skssq yyyyMM; optional
	From, To time.Time // rq_q / rq_z; optional
	Page     int       // from 1
	PageSize int
}

// InboundPage is one page of answers.
type InboundPage struct {
	Invoices []InboundInvoice
	Count    int // how many the query matches in all
	Page     int
	PageSize int
}

// InboundSource is the bureau's inbound sync service (S000621).
type InboundSource interface {
	FetchInbound(ctx context.Context, q InboundFetch) (InboundPage, error)
}

// InboundQuery filters, sorts and pages the stored inbound invoices. Empty
// fields do not filter.
type InboundQuery struct {
	Statuses    []InboundStatus
	CheckStatus string   // "0" / "1"
	States      []string // invoice states
	Risks       []string // management statuses
	Types       []string
	From, To    time.Time // billing date, To inclusive
	Period      string
	Seller      string // name words (full text) or a tax ID prefix
	MinAmount   decimal.NullDecimal
	MaxAmount   decimal.NullDecimal
	Sort        string // a column name: billing_date, amount, tax, valid_tax, seller_name, number, type, state, …
	Desc        bool
	Offset      int
	Limit       int
}

// InboundTotals are the count and sums of what a query matches.
type InboundTotals struct {
	Count    int64
	Amount   decimal.Decimal
	Tax      decimal.Decimal
	ValidTax decimal.Decimal
}

// InboundChange is one recorded change of an invoice's check status or state.
type InboundChange struct {
	At    time.Time
	Field string // check_status or state
	From  string
	To    string
	RunID int64
}

// UpsertResult says what a stored page did.
type UpsertResult struct {
	Inserted, Updated, Unchanged int
}

// SyncRun is one sync, recorded with its figures, and where it stands so
// an interrupted one resumes where it stopped.
type SyncRun struct {
	ID        int64           `json:"id"`
	Statuses  []InboundStatus `json:"statuses"`
	Period    string          `json:"period"`
	From      time.Time       `json:"from"`
	To        time.Time       `json:"to"`
	StartedAt time.Time       `json:"started_at"`
	EndedAt   time.Time       `json:"ended_at"` // zero while unfinished
	// Cursor: the status being synced and the next page to fetch of it;
	// statuses before it in Statuses are done.
	Current   InboundStatus `json:"current"`
	NextPage  int           `json:"next_page"`
	Pages     int           `json:"pages"`    // fetched and stored
	Invoices  int           `json:"invoices"` // stored
	Inserted  int           `json:"inserted"`
	Updated   int           `json:"updated"`
	Error     string        `json:"error"`
	Cancelled bool          `json:"cancelled"`
}

// InboundStore keeps inbound invoices, their history and the sync runs.
type InboundStore interface {
	// UpsertInbound stores a page by key in one transaction: new ones
	// inserted, changed ones updated with their check-status and state
	// changes recorded against runID, unchanged ones left alone.
	UpsertInbound(ctx context.Context, page []InboundInvoice, runID int64) (UpsertResult, error)
	QueryInbound(ctx context.Context, q InboundQuery) ([]InboundInvoice, error)
	TotalInbound(ctx context.Context, q InboundQuery) (InboundTotals, error)
	// InboundByKey returns one with its history; ErrNotFound when none.
	InboundByKey(ctx context.Context, key string) (InboundInvoice, []InboundChange, error)
	// EachInbound streams what q matches (Offset/Limit ignored) in order,
	// for export, without holding them all.
	EachInbound(ctx context.Context, q InboundQuery, fn func(InboundInvoice) error) error

	SaveSyncRun(ctx context.Context, run *SyncRun) error // inserts (ID 0) or updates
	// UnfinishedSyncRun returns the newest run not ended; ErrNotFound when none.
	UnfinishedSyncRun(ctx context.Context) (SyncRun, error)
	SyncRuns(ctx context.Context, limit int) ([]SyncRun, error)
}
