package sandbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// xlRecord is what 迅联云 remembers of an application it issued.
type xlRecord struct {
	requisition string
	otherID     string
	contentHash string
	uuid        string
	docID       string
	parityCode  string
	number      string
	issuedAt    time.Time
	amount      string // total_amount as stored
}

// answer is the success body that tells of the record.
func (r xlRecord) answer() xlIssued {
	return xlIssued{
		RequisitionApplyNo: r.requisition, OtherID: r.otherID, InvoiceUUID: r.uuid, DocID: r.docID,
		InvoiceNumber: r.number, InvoiceDate: r.issuedAt.In(app.ChinaTime).Format(time.DateOnly),
		InvoiceParityCode: r.parityCode, Amount: json.Number(r.amount),
	}
}

// issueXunlian issues o in one transaction, or answers what was issued
// under its application number before (fresh false): the same content is
// answered with the same invoice, other content is refused. A new invoice
// is checked against the account's company (and, when red, against its
// blue invoice), numbered from the sandbox's one counter, stored with its
// lines, and remembered under the application number.
func (s *Server) issueXunlian(ctx context.Context, o xlOrder) (out xlIssued, fresh bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		prior, found, err := loadXunlianRecord(ctx, tx, o.account.CompanyDataResource, o.requisition)
		switch {
		case err != nil:
			return err
		case found && prior.contentHash != o.contentHash:
			return &xlRefusal{code: xlCodeConflict, msg: fmt.Sprintf(
				"申请单号已使用:requisitionApplyNo %s 已开具发票 %s,本次请求的内容与之不同,不会重复开具", o.requisition, prior.number)}
		case found:
			out = prior.answer()
			return nil
		}
		rec, err := s.issueXunlianTx(ctx, tx, o)
		if err != nil {
			return err
		}
		out, fresh = rec.answer(), true
		return nil
	})
	return out, fresh, err
}

// issueXunlianTx issues a new invoice for o inside tx.
func (s *Server) issueXunlianTx(ctx context.Context, tx *sql.Tx, o xlOrder) (xlRecord, error) {
	inv := o.inv
	if err := s.checkCompany(ctx, tx, o.account, inv.Seller.TaxID); err != nil {
		return xlRecord{}, err
	}
	var blueSeqs []int
	if inv.Red {
		var err error
		if blueSeqs, err = reverseWhole(ctx, tx, &inv, o); err != nil {
			return xlRecord{}, err
		}
	}
	token, err := newToken()
	if err != nil {
		return xlRecord{}, fmt.Errorf("file token: %w", err)
	}
	inv.FileToken, inv.IssuedAt = token, s.issuedAtNow()
	if err := s.issueTx(ctx, tx, &inv, blueSeqs); err != nil {
		if errors.Is(err, errDuplicateSerial) {
			return xlRecord{}, &xlRefusal{code: xlCodeConflict, msg: fmt.Sprintf(
				"申请单号已使用:requisitionApplyNo %s 已被其他开票请求使用", o.requisition)}
		}
		return xlRecord{}, err
	}
	uuid := newUUIDHex()
	rec := xlRecord{
		requisition: o.requisition, otherID: o.otherID, contentHash: o.contentHash,
		uuid:  uuid[:8] + "-" + uuid[8:12] + "-" + uuid[12:16] + "-" + uuid[16:20] + "-" + uuid[20:],
		docID: fmt.Sprintf("ANI%s%06d", inv.IssuedAt.Format("20060102"), inv.ID), parityCode: randomDigits(20),
		number: inv.Number, issuedAt: inv.IssuedAt, amount: app.FormatMoney(inv.TotalAmount),
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO xunlian_issues (data_resource, requisition_no, other_id, content_hash, invoice_id,
			invoice_type_code, terminal_code, uuid, doc_id, parity_code)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.account.CompanyDataResource, rec.requisition, rec.otherID, rec.contentHash, inv.ID,
		o.typeCode, o.account.TerminalCode, rec.uuid, rec.docID, rec.parityCode)
	if err != nil {
		return xlRecord{}, fmt.Errorf("store serverIssue record: %w", err)
	}
	return rec, nil
}

// loadXunlianRecord finds what the account issued under requisition.
func loadXunlianRecord(ctx context.Context, q queryer, resource, requisition string) (xlRecord, bool, error) {
	rec := xlRecord{requisition: requisition}
	var issuedAt string
	err := q.QueryRowContext(ctx, `
		SELECT x.other_id, x.content_hash, x.uuid, x.doc_id, x.parity_code, i.number, i.issued_at, i.total_amount
		FROM xunlian_issues x JOIN invoices i ON i.id = x.invoice_id
		WHERE x.data_resource = ? AND x.requisition_no = ?`, resource, requisition).
		Scan(&rec.otherID, &rec.contentHash, &rec.uuid, &rec.docID, &rec.parityCode, &rec.number, &issuedAt, &rec.amount)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return rec, false, nil
	case err != nil:
		return rec, false, fmt.Errorf("load serverIssue record: %w", err)
	}
	if rec.issuedAt, err = time.Parse(time.RFC3339, issuedAt); err != nil {
		return rec, false, fmt.Errorf("load serverIssue record: %w", err)
	}
	return rec, true, nil
}

// checkCompany refuses a seller the account does not issue for (403). An
// account without a configured company is bound, inside the caller's
// transaction, to the first seller it issues for.
func (s *Server) checkCompany(ctx context.Context, tx *sql.Tx, a XunlianAccount, seller string) error {
	company := a.SellerTaxID
	if company == "" {
		err := tx.QueryRowContext(ctx, `SELECT seller_tax_id FROM xunlian_companies WHERE data_resource = ?`,
			a.CompanyDataResource).Scan(&company)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO xunlian_companies (data_resource, seller_tax_id, bound_at) VALUES (?, ?, ?)`,
				a.CompanyDataResource, seller, s.now().UnixMilli())
			return err
		case err != nil:
			return err
		}
	}
	if company != seller {
		return &xlRefusal{code: xlCodeForbidden, msg: fmt.Sprintf(
			"销方税号(sellerTaxId)%s 未授权:数据来源 %s 只能为 %s 开票", seller, a.CompanyDataResource, company)}
	}
	return nil
}

// randomDigits returns n random decimal digits, evenly distributed: bytes
// at or above 250 are drawn again.
func randomDigits(n int) string {
	out := make([]byte, 0, n)
	var buf [32]byte
	for len(out) < n {
		_, _ = rand.Read(buf[:]) // never fails since Go 1.24
		for _, c := range buf {
			if c < 250 && len(out) < n {
				out = append(out, '0'+c%10)
			}
		}
	}
	return string(out)
}
