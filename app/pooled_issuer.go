package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// PooledIssuer issues by direct connect (乐企): it takes a pre-assigned
// number from the pool, uploads the invoice it numbered (QDFPSC) and
// follows the bureau's result (CXQDFPSCJG). The number is bound to the
// request serial, so a retry of the same invoice uploads the same number.
type PooledIssuer struct {
	name     string
	pool     *PoolService
	uploader Uploader
	// Poll is how long to wait between result queries, and Polls how many
	// to make before calling the outcome unknown (then Lookup resolves it).
	Poll  time.Duration
	Polls int
	// Documents renders an issued invoice's files: direct connect has no
	// layout download, the company makes its own.
	Documents func(inv Invoice, format DocFormat) ([]byte, error)
}

// NewPooledIssuer wires the issuer. name is the provider's name, e.g. 乐企.
func NewPooledIssuer(name string, pool *PoolService, uploader Uploader, documents func(Invoice, DocFormat) ([]byte, error)) *PooledIssuer {
	return &PooledIssuer{name: name, pool: pool, uploader: uploader,
		Poll: time.Second, Polls: 10, Documents: documents}
}

// Name is the provider's name.
func (p *PooledIssuer) Name() string { return p.name }

// Issue numbers inv from the pool and uploads it.
func (p *PooledIssuer) Issue(ctx context.Context, inv Invoice) (IssueResult, error) {
	// The pool's clock: the number and the date must agree on the year.
	pn, err := p.pool.Take(ctx, p.pool.Now(), inv.RequestSerial)
	if err != nil {
		return IssueResult{}, &ProviderError{Kind: KindBusiness, Provider: p.name, Op: "预赋码", Message: err.Error(), Err: err, NotSent: true}
	}
	// The invoice is dated when its number was bound: a retry after New
	// Year uploads the old year's invoice, dated in its year, as allowed.
	if n, _ := ParseInvoiceNumber(pn.Number); !n.UsableOn(pn.BoundAt) {
		return IssueResult{}, fmt.Errorf("号码 %s 不能用于 %d 年开具的发票", pn.Number, pn.BoundAt.In(ChinaTime).Year())
	}
	inv.Number, inv.IssuedAt = pn.Number, pn.BoundAt
	ticket, err := p.uploader.Upload(ctx, inv)
	if err != nil {
		return IssueResult{}, err
	}
	return p.follow(ctx, ticket, pn.Number)
}

// follow polls the upload's result until the bureau decides.
func (p *PooledIssuer) follow(ctx context.Context, ticket, number string) (IssueResult, error) {
	for i := 0; ; i++ {
		res, err := p.uploader.UploadResult(ctx, ticket, number)
		if err != nil {
			return IssueResult{}, err
		}
		switch res.State {
		case UploadAccepted:
			return IssueResult{Number: res.Number, IssuedAt: res.IssuedAt}, nil
		case UploadRejected:
			return IssueResult{}, &ProviderError{Kind: KindBusiness, Provider: p.name, Op: "CXQDFPSCJG", Message: res.Message}
		}
		if i+1 >= p.Polls {
			return IssueResult{}, &ProviderError{Kind: KindTransient, Provider: p.name, Op: "CXQDFPSCJG",
				Message: fmt.Sprintf("税局仍在处理发票 %s,结果稍后查询", number)}
		}
		if err := sleep(ctx, p.Poll); err != nil {
			return IssueResult{}, err
		}
	}
}

// Lookup finds what became of a serial: the number bound to it, asked of
// the bureau by number. A serial with no number was never uploaded.
func (p *PooledIssuer) Lookup(ctx context.Context, serial string) (IssueResult, error) {
	pn, err := p.pool.store.NumberOf(ctx, serial)
	if err != nil {
		return IssueResult{}, err // ErrNotFound: no number, no upload
	}
	number := pn.Number
	res, err := p.uploader.UploadResult(ctx, "", number)
	switch {
	case err != nil:
		return IssueResult{}, err
	case res.State == UploadAccepted:
		return IssueResult{Number: res.Number, IssuedAt: res.IssuedAt}, nil
	case res.State == UploadProcessing:
		return IssueResult{}, &ProviderError{Kind: KindTransient, Provider: p.name, Op: "CXQDFPSCJG", Message: "税局仍在处理"}
	}
	// Rejected, or unknown to the bureau: not issued.
	return IssueResult{}, fmt.Errorf("发票 %s 未开具(%s): %w", number, res.Message, ErrNotFound)
}

// Document renders an issued invoice's file.
func (p *PooledIssuer) Document(_ context.Context, inv Invoice, format DocFormat) ([]byte, error) {
	if p.Documents == nil {
		return nil, errors.New("直连开票:未配置版式文件生成")
	}
	return p.Documents(inv, format)
}
