package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fapiao/app"
)

// Errors of the simulated buyer (MarkUsedByBuyer, BuyerAnswer, Inbox).
var (
	// ErrUnknownInvoice means no blue invoice has that number.
	ErrUnknownInvoice = errors.New("sandbox: no such blue invoice")
	// ErrUnknownForm means no red-letter form has that number (for that buyer).
	ErrUnknownForm = errors.New("sandbox: no such red-letter form")
	// ErrFormNotPending means the form does not wait for the buyer (02)
	// any more, or never did: it cannot be confirmed or refused.
	ErrFormNotPending = errors.New("sandbox: the red-letter form does not wait for the buyer")
)

// The simulated buyer's marks on a blue invoice. The statements are
// constants because a column name cannot be a parameter.
const (
	markUsedSQL   = `UPDATE invoices SET buyer_used = 1 WHERE number = ? AND kind = '0'`
	markBookedSQL = `UPDATE invoices SET buyer_booked = 1 WHERE number = ? AND kind = '0'`
)

// MarkUsedByBuyer plays the buyer confirming the use of blue invoice
// number (用途确认, e.g. to deduct its tax): from now on a red-letter form
// against it needs the buyer's confirmation (02). Unmarked, an invoice of
// 10,000.00 or more counts as used. It fails with ErrUnknownInvoice.
func (s *Server) MarkUsedByBuyer(number string) error {
	return s.markByBuyer(context.Background(), markUsedSQL, number)
}

// MarkBookedByBuyer plays the buyer booking blue invoice number (入账):
// like MarkUsedByBuyer, a form against it then needs the buyer's
// confirmation. It fails with ErrUnknownInvoice.
func (s *Server) MarkBookedByBuyer(number string) error {
	return s.markByBuyer(context.Background(), markBookedSQL, number)
}

func (s *Server) markByBuyer(ctx context.Context, stmt, number string) error {
	res, err := s.db.ExecContext(ctx, stmt, number)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = ErrUnknownInvoice
	}
	return err
}

// BuyerAnswer plays the buyer answering red-letter form formNumber, which
// must wait for it (02): confirm makes it 04 (a red invoice may be issued),
// else 05 (void, the buyer refused). It fails with ErrUnknownForm or
// ErrFormNotPending (also once the 72 h passed: the form is void then).
func (s *Server) BuyerAnswer(formNumber string, confirm bool) error {
	_, err := s.answerForm(context.Background(), formNumber, "", confirm)
	return err
}

// answerForm records the buyer's answer to form number; buyerTaxID, when
// set, must be the form's buyer. It returns the form as answered.
func (s *Server) answerForm(ctx context.Context, number, buyerTaxID string, confirm bool) (redForm, error) {
	var f redForm
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		f, err = loadRedForm(ctx, tx, number)
		if err == nil && buyerTaxID != "" && f.BuyerTaxID != buyerTaxID {
			err = ErrUnknownForm
		}
		if err != nil {
			return err
		}
		if err := s.settleForm(ctx, tx, &f); err != nil {
			return err
		}
		if f.State != app.RedFormAwaitingBuyer {
			return fmt.Errorf("%w: 确认单 %s 状态为 %s(%s)", ErrFormNotPending, f.Number, f.State, formStateNames[f.State])
		}
		state := app.RedFormRefusedByBuyer
		if confirm {
			state = app.RedFormConfirmed
		}
		f.State, f.AnsweredAt = state, s.now()
		return setFormState(ctx, tx, f.Number, f.State, f.AnsweredAt)
	})
	return f, err
}
