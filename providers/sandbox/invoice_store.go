package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// errDuplicateSerial: the serial was used before, for whatever invoice.
var errDuplicateSerial = errors.New(msgDuplicate)

// issue assigns the invoice its number and stores it with its lines, in one
// transaction: either the bureau issued it (number, lines and all) or
// nothing happened.
func (s *Server) issue(ctx context.Context, inv *issuedInvoice) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.issueTx(ctx, tx, inv, nil) })
}

// issueTx is issue inside the caller's transaction. blueSeqs names, for a
// red invoice, the blue line each line reverses (nil for a blue one).
func (s *Server) issueTx(ctx context.Context, tx *sql.Tx, inv *issuedInvoice, blueSeqs []int) error {
	if err := checkSerialFree(ctx, tx, inv.RequestSerial); err != nil {
		return err
	}
	number, err := nextNumber(ctx, tx, inv.IssuedAt, inv.Seller.TaxID, s.opts.Channel)
	if err != nil {
		return err
	}
	inv.Number = number
	id, err := insertInvoice(ctx, tx, inv)
	if err != nil {
		return err
	}
	inv.ID = id
	return insertLines(ctx, tx, id, inv.Lines, blueSeqs)
}

// checkSerialFree returns errDuplicateSerial when serial was used before,
// for whatever invoice.
func checkSerialFree(ctx context.Context, q queryer, serial string) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM invoices WHERE serial = ?`, serial).Scan(&one)
	if err == nil {
		return errDuplicateSerial
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

func insertInvoice(ctx context.Context, tx *sql.Tx, inv *issuedInvoice) (int64, error) {
	kind := kindBlue
	if inv.Red {
		kind = kindRed
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO invoices (serial, number, type, issued_at, username,
			seller_tax_id, seller_name, seller_address_phone, seller_bank_account, seller_natural,
			buyer_tax_id, buyer_name, buyer_address_phone, buyer_bank_account, buyer_contact_phone,
			buyer_email, buyer_natural, levy_method, total_amount, total_tax, total,
			remark, drawer, payee, reviewer, file_token, kind, blue_number, red_form, channel)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		inv.RequestSerial, inv.Number, string(inv.Type), inv.IssuedAt.Format(time.RFC3339), inv.Username,
		inv.Seller.TaxID, inv.Seller.Name, inv.Seller.Address, inv.Seller.Bank, inv.Seller.NaturalPerson,
		inv.Buyer.TaxID, inv.Buyer.Name, inv.Buyer.Address, inv.Buyer.Bank, inv.BuyerPhone,
		inv.Buyer.Email, inv.Buyer.NaturalPerson, inv.LevyMethod,
		app.FormatMoney(inv.TotalAmount), app.FormatMoney(inv.TotalTax), app.FormatMoney(inv.Total),
		inv.Remark, inv.Drawer, inv.Payee, inv.Reviewer, inv.FileToken, kind, inv.BlueNumber, inv.RedForm, inv.Channel)
	if err != nil {
		return 0, fmt.Errorf("store invoice: %w", err)
	}
	return res.LastInsertId()
}

func insertLines(ctx context.Context, tx *sql.Tx, invoiceID int64, lines []app.Line, blueSeqs []int) error {
	stmt, err := tx.PrepareContext(ctx, `
		INSERT INTO invoice_lines (invoice_id, seq, nature, name, tax_code, spec, unit,
			quantity, price, amount, tax_included, tax_rate, amount_excl, tax, blue_seq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, l := range lines {
		var blueSeq sql.NullInt64
		if i < len(blueSeqs) {
			blueSeq = sql.NullInt64{Int64: int64(blueSeqs[i]), Valid: true}
		}
		_, err := stmt.ExecContext(ctx, invoiceID, i+1, int(l.Nature), l.Name, l.TaxCode, l.Spec, l.Unit,
			nullDecimalText(l.Quantity), nullDecimalText(l.Price), app.FormatMoney(l.Amount), l.TaxIncluded,
			app.FormatRate(l.TaxRate), app.FormatMoney(l.AmountExcl), app.FormatMoney(l.Tax), blueSeq)
		if err != nil {
			return fmt.Errorf("store line %d: %w", i+1, err)
		}
	}
	return nil
}

func nullDecimalText(d decimal.NullDecimal) sql.NullString {
	if !d.Valid {
		return sql.NullString{}
	}
	return sql.NullString{String: d.Decimal.String(), Valid: true}
}
