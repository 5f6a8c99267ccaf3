package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"fapiao/app"
)

// redInbox is the buyer side of one company: the forms other sellers
// raised against invoices they issued to it. Seed 001 documents no such
// calls, so this is an in-process adapter the app uses in sandbox mode
// only; it reads and writes the same state as the HTTP API.
type redInbox struct {
	s          *Server
	buyerTaxID string
}

// Inbox returns buyerTaxID's buyer-side inbox: forms waiting for its
// answer (02), to confirm or refuse. The first time the sandbox sees
// buyerTaxID (here, or as a seller in any call), one form from the demo
// supplier is put in it.
func (s *Server) Inbox(buyerTaxID string) app.RedInbox {
	return &redInbox{s: s, buyerTaxID: buyerTaxID}
}

// IncomingRedForms lists the forms waiting for the buyer's answer, newest
// first, their states brought up to date (a form past its 72 h is void and
// no longer listed).
func (b *redInbox) IncomingRedForms(ctx context.Context) ([]app.IncomingRedForm, error) {
	if err := app.ValidateTaxID(b.buyerTaxID); err != nil {
		return nil, b.failure("IncomingRedForms", "购方税号"+err.Message, err)
	}
	if _, err := b.s.seeSeller(ctx, b.buyerTaxID); err != nil {
		return nil, b.failure("IncomingRedForms", "读取红字信息表失败", err)
	}
	var out []app.IncomingRedForm
	err := b.s.inTx(ctx, func(tx *sql.Tx) error {
		forms, err := loadRedForms(ctx, tx, formColumns+`
			WHERE f.buyer_tax_id = ? AND f.state = ? ORDER BY f.applied_at DESC, f.number DESC`,
			b.buyerTaxID, string(app.RedFormAwaitingBuyer))
		if err != nil {
			return err
		}
		out = out[:0]
		for i := range forms {
			if err := b.s.settleForm(ctx, tx, &forms[i]); err != nil {
				return err
			}
			if forms[i].State == app.RedFormAwaitingBuyer {
				out = append(out, incoming(forms[i]))
			}
		}
		return nil
	})
	if err != nil {
		return nil, b.failure("IncomingRedForms", "读取红字信息表失败", err)
	}
	return out, nil
}

// AnswerRedForm confirms (04) or refuses (05) form number, which must be
// one of this buyer's forms waiting for its answer.
func (b *redInbox) AnswerRedForm(ctx context.Context, number string, confirm bool) error {
	_, err := b.s.answerForm(ctx, number, b.buyerTaxID, confirm)
	switch {
	case errors.Is(err, ErrUnknownForm):
		return b.failure("AnswerRedForm", fmt.Sprintf("红字信息表 %s 不存在,或不是开给本单位的", number), err)
	case errors.Is(err, ErrFormNotPending):
		return b.failure("AnswerRedForm", fmt.Sprintf("红字信息表 %s 已不在待购方确认状态,不能再确认或否认", number), err)
	case err != nil:
		return b.failure("AnswerRedForm", "保存答复失败", err)
	}
	return nil
}

// failure is an inbox error as the app classifies provider errors: the
// bureau's refusals are business errors, anything else transient.
func (b *redInbox) failure(op, msg string, err error) error {
	kind := app.KindTransient
	if errors.Is(err, ErrUnknownForm) || errors.Is(err, ErrFormNotPending) || isTaxIDError(err) {
		kind = app.KindBusiness
	}
	return &app.ProviderError{Kind: kind, Provider: providerName, Op: op, Message: msg, Err: err}
}

func isTaxIDError(err error) bool {
	var te *app.TaxIDError
	return errors.As(err, &te)
}

func incoming(f redForm) app.IncomingRedForm {
	return app.IncomingRedForm{
		Number: f.Number, Seller: app.Party{Name: f.SellerName, TaxID: f.SellerTaxID},
		BlueNumber: f.BlueNumber, Reason: f.Reason, TotalAmount: f.TotalAmount, TotalTax: f.TotalTax,
		State: f.State, AppliedAt: f.AppliedAt,
	}
}
