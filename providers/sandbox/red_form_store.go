package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// formConfirmWindow is how long a form may wait for the other side before
// the bureau voids it (07, 超72小时未确认).
const formConfirmWindow = 72 * time.Hour

// redForm is a red-letter confirmation form (红字发票信息确认单) as the
// bureau keeps it.
type redForm struct {
	Number         string // xxbbh / tzdbh
	UUID           string
	BlueID         int64
	BlueNumber     string // of the blue invoice, joined
	SellerTaxID    string
	SellerName     string // of the blue invoice, joined
	BuyerTaxID     string
	Reason         app.RedReason
	Applicant      string // sqyy: 2 the seller
	Username       string
	State          app.RedFormState
	AppliedAt      time.Time
	AnsweredAt     time.Time // zero while pending
	SimulatedBuyer bool      // the sandbox answers for the buyer (BuyerConfirmDelay)
	TotalAmount    decimal.Decimal
	TotalTax       decimal.Decimal
	RedInvoiceID   int64 // 0 until a red invoice was issued on it
	Lines          []redFormLine
}

// redFormLine is one line of a form: how much of blue line BlueSeq it
// reverses, negated (negative for a normal line).
type redFormLine struct {
	BlueSeq    int
	Quantity   decimal.NullDecimal // by quantity (goods returned); null otherwise
	AmountExcl decimal.Decimal
	Tax        decimal.Decimal
}

// Used reports whether a red invoice was issued on the form.
func (f redForm) Used() bool { return f.RedInvoiceID != 0 }

// settled is the form's state at now and since when: a form waiting for
// the simulated buyer is confirmed confirmDelay after it was applied for
// (when that is within the window); one still waiting when the window
// closes is void (07). Other states never change by themselves.
func (f redForm) settled(now time.Time, confirmDelay time.Duration) (app.RedFormState, time.Time) {
	if f.State != app.RedFormAwaitingBuyer {
		return f.State, f.AnsweredAt
	}
	deadline := f.AppliedAt.Add(formConfirmWindow)
	if f.SimulatedBuyer && confirmDelay > 0 {
		if at := f.AppliedAt.Add(confirmDelay); at.Before(deadline) && !now.Before(at) {
			return app.RedFormConfirmed, at
		}
	}
	if !now.Before(deadline) {
		return app.RedFormExpired, deadline
	}
	return f.State, f.AnsweredAt
}

// settleForm brings f's state up to the (sandbox) clock and stores the
// change inside tx. The bureau's states change while nobody looks; the
// sandbox works them out whenever a form is read.
func (s *Server) settleForm(ctx context.Context, tx *sql.Tx, f *redForm) error {
	state, at := f.settled(s.now(), *s.opts.BuyerConfirmDelay)
	if state == f.State {
		return nil
	}
	if err := setFormState(ctx, tx, f.Number, state, at); err != nil {
		return err
	}
	f.State, f.AnsweredAt = state, at
	return nil
}

// setFormState moves form number to state at time at.
func setFormState(ctx context.Context, tx *sql.Tx, number string, state app.RedFormState, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE red_forms SET state = ?, answered_at = ? WHERE number = ?`,
		string(state), at.UnixMilli(), number)
	if err != nil {
		return fmt.Errorf("update form %s: %w", number, err)
	}
	return nil
}

// markFormUsed records the red invoice issued on form number.
func markFormUsed(ctx context.Context, tx *sql.Tx, number string, redInvoiceID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE red_forms SET red_invoice_id = ? WHERE number = ?`, redInvoiceID, number)
	return err
}

// nextFormNumber assigns a form number: the seller's province, "0", the
// China date yyMMdd, and an 11-digit sequence that only ever grows — 20
// digits, shaped like seed 001's 11011424061000028528.
func nextFormNumber(ctx context.Context, tx *sql.Tx, sellerTaxID string, at time.Time) (string, error) {
	province := provinceOf(sellerTaxID)
	var seq int64
	err := tx.QueryRowContext(ctx, `
		INSERT INTO red_form_sequences (province, last) VALUES (?, 1)
		ON CONFLICT (province) DO UPDATE SET last = last + 1
		RETURNING last`, province).Scan(&seq)
	if err != nil {
		return "", fmt.Errorf("assign form number: %w", err)
	}
	return fmt.Sprintf("%s0%s%011d", province, at.In(app.ChinaTime).Format("060102"), seq), nil
}

// insertRedForm stores a new form with its lines.
func insertRedForm(ctx context.Context, tx *sql.Tx, f redForm) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO red_forms (number, uuid, blue_invoice_id, seller_tax_id, buyer_tax_id, reason,
			applicant, username, state, applied_at, simulated_buyer, total_amount, total_tax)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Number, f.UUID, f.BlueID, f.SellerTaxID, f.BuyerTaxID, string(f.Reason), f.Applicant, f.Username,
		string(f.State), f.AppliedAt.UnixMilli(), f.SimulatedBuyer,
		app.FormatMoney(f.TotalAmount), app.FormatMoney(f.TotalTax))
	if err != nil {
		return fmt.Errorf("store form: %w", err)
	}
	for i, l := range f.Lines {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO red_form_lines (form_number, seq, blue_seq, quantity, amount_excl, tax)
			VALUES (?, ?, ?, ?, ?, ?)`,
			f.Number, i+1, l.BlueSeq, nullDecimalText(l.Quantity), app.FormatMoney(l.AmountExcl), app.FormatMoney(l.Tax))
		if err != nil {
			return fmt.Errorf("store form line %d: %w", i+1, err)
		}
	}
	return nil
}

// formColumns selects a form with its blue invoice's number and seller name.
const formColumns = `
	SELECT f.number, f.uuid, f.blue_invoice_id, i.number, f.seller_tax_id, i.seller_name,
		f.buyer_tax_id, f.reason, f.applicant, f.username, f.state, f.applied_at, f.answered_at,
		f.simulated_buyer, f.total_amount, f.total_tax, f.red_invoice_id
	FROM red_forms f JOIN invoices i ON i.id = f.blue_invoice_id`

// loadRedForm loads form number with its lines, or ErrUnknownForm.
func loadRedForm(ctx context.Context, q queryer, number string) (redForm, error) {
	forms, err := loadRedForms(ctx, q, formColumns+` WHERE f.number = ?`, number)
	if err != nil {
		return redForm{}, err
	}
	if len(forms) == 0 {
		return redForm{}, ErrUnknownForm
	}
	return forms[0], nil
}

// loadRedForms loads the forms query selects (formColumns and a WHERE
// clause of constant SQL, with args for its parameters), each with its lines.
func loadRedForms(ctx context.Context, q queryer, query string, args ...any) ([]redForm, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("load forms: %w", err)
	}
	var forms []redForm
	for rows.Next() {
		f, err := scanRedForm(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		forms = append(forms, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Lines are read once the form rows are closed: with one connection,
	// a second query cannot run while the first is still open.
	for i := range forms {
		if forms[i].Lines, err = loadFormLines(ctx, q, forms[i].Number); err != nil {
			return nil, err
		}
	}
	return forms, nil
}

func scanRedForm(rows *sql.Rows) (redForm, error) {
	var f redForm
	var reason, state, totalAmount, totalTax string
	var applied int64
	var answered, redID sql.NullInt64
	err := rows.Scan(&f.Number, &f.UUID, &f.BlueID, &f.BlueNumber, &f.SellerTaxID, &f.SellerName,
		&f.BuyerTaxID, &reason, &f.Applicant, &f.Username, &state, &applied, &answered,
		&f.SimulatedBuyer, &totalAmount, &totalTax, &redID)
	if err != nil {
		return f, fmt.Errorf("load form: %w", err)
	}
	f.Reason, f.State = app.RedReason(reason), app.RedFormState(state)
	f.AppliedAt = time.UnixMilli(applied)
	if answered.Valid {
		f.AnsweredAt = time.UnixMilli(answered.Int64)
	}
	f.RedInvoiceID = redID.Int64
	return f, scanDecimals(decimalField{totalAmount, &f.TotalAmount}, decimalField{totalTax, &f.TotalTax})
}

func loadFormLines(ctx context.Context, q queryer, number string) ([]redFormLine, error) {
	rows, err := q.QueryContext(ctx, `SELECT blue_seq, quantity, amount_excl, tax
		FROM red_form_lines WHERE form_number = ? ORDER BY seq`, number)
	if err != nil {
		return nil, fmt.Errorf("load form lines: %w", err)
	}
	defer rows.Close()
	var lines []redFormLine
	for rows.Next() {
		var l redFormLine
		var quantity sql.NullString
		var excl, tax string
		if err := rows.Scan(&l.BlueSeq, &quantity, &excl, &tax); err != nil {
			return nil, fmt.Errorf("load form lines: %w", err)
		}
		if err := scanDecimals(decimalField{excl, &l.AmountExcl}, decimalField{tax, &l.Tax}); err != nil {
			return nil, err
		}
		if l.Quantity, err = nullDecimal(quantity); err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

// formTotals sums a form's lines.
func formTotals(lines []redFormLine) (amount, tax decimal.Decimal) {
	for _, l := range lines {
		amount, tax = amount.Add(l.AmountExcl), tax.Add(l.Tax)
	}
	return amount, tax
}
