package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"fapiao/app"
)

// issueRed issues the red invoice req asks for, in one transaction: the
// serial is free, the form is the seller's for the blue invoice, may be
// issued on (01 or 04, once its state is brought up to date) and was not
// used; then the red invoice is numbered and stored, the form marked used
// and the blue lines' reversals and red status updated.
func (s *Server) issueRed(ctx context.Context, req redIssueRequest) (issuedInvoice, error) {
	var red issuedInvoice
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkSerialFree(ctx, tx, req.Serial); err != nil {
			return err
		}
		f, err := s.issuableForm(ctx, tx, req)
		if err != nil {
			return err
		}
		blue, err := loadBlueForRed(ctx, tx, req.SellerTaxID, req.BlueNumber)
		if err != nil {
			return err
		}
		var blueSeqs []int
		red, blueSeqs, err = buildRed(blue, f, req)
		if err != nil {
			return err
		}
		red.IssuedAt = s.now().In(app.ChinaTime).Truncate(time.Second)
		if err := applyReversals(ctx, tx, blue, f.Lines); err != nil {
			return err
		}
		if err := s.issueTx(ctx, tx, &red, blueSeqs); err != nil {
			return err
		}
		return markFormUsed(ctx, tx, f.Number, red.ID)
	})
	return red, err
}

// issuableForm loads the form req names and refuses it unless a red
// invoice may be issued on it now.
func (s *Server) issuableForm(ctx context.Context, tx *sql.Tx, req redIssueRequest) (redForm, error) {
	f, err := loadRedForm(ctx, tx, req.FormNumber)
	switch {
	case errors.Is(err, ErrUnknownForm) || err == nil && (f.SellerTaxID != req.SellerTaxID || f.BlueNumber != req.BlueNumber):
		return f, refuse("红字信息表编号(tzdbh)%s 不存在,或不是销方 %s 就原发票号码(yfphm)%s 申请的", req.FormNumber,
			req.SellerTaxID, req.BlueNumber)
	case err != nil:
		return f, err
	}
	if err := s.settleForm(ctx, tx, &f); err != nil {
		return f, err
	}
	if !f.State.Issuable() {
		return f, refuse("红字信息表(tzdbh)%s 状态为 %s(%s),不能开具红字发票:须为 01(无需确认)或 04(购销双方已确认)",
			f.Number, f.State, formStateNames[f.State])
	}
	if f.Used() {
		return f, refuse("%s", msgFormUsed)
	}
	return f, nil
}

// buildRed makes the red invoice of form f against blue: the blue
// invoice's parties and type, the form's lines (negative, excluding tax),
// and the remark the bureau prints on red invoices. It returns the blue
// line each red line reverses.
func buildRed(blue blueForRed, f redForm, req redIssueRequest) (issuedInvoice, []int, error) {
	token, err := newToken()
	if err != nil {
		return issuedInvoice{}, nil, fmt.Errorf("file token: %w", err)
	}
	red := issuedInvoice{
		Invoice: app.Invoice{
			RequestSerial: req.Serial, Type: blue.Type, Status: app.StatusIssued, Provider: providerName,
			Seller: blue.Seller, Buyer: blue.Buyer, Drawer: blue.Drawer, BlueNumber: blue.Number,
			Remark: fmt.Sprintf("被红冲蓝字数电发票号码:%s 红字发票信息确认单编号:%s", blue.Number, f.Number),
		},
		Username: req.Username, BuyerPhone: blue.BuyerPhone, LevyMethod: blue.LevyMethod,
		Payee: blue.Payee, Reviewer: blue.Reviewer, FileToken: token, Red: true, RedForm: f.Number,
	}
	blueSeqs := make([]int, len(f.Lines))
	for i, fl := range f.Lines {
		bl, ok := blue.line(fl.BlueSeq)
		if !ok {
			return red, nil, fmt.Errorf("form %s names blue line %d of %d", f.Number, fl.BlueSeq, len(blue.Lines))
		}
		red.Lines = append(red.Lines, redLine(bl, fl))
		blueSeqs[i] = fl.BlueSeq
	}
	red.ApplyTotals()
	return red, blueSeqs, nil
}

// redLine is the red invoice's line for form line fl of blue line bl:
// excluding tax, with bl's unit price when it goes by quantity.
func redLine(bl storedLine, fl redFormLine) app.Line {
	l := app.Line{
		Nature: bl.Nature, Name: bl.Name, TaxCode: bl.TaxCode, Spec: bl.Spec, Unit: bl.Unit,
		TaxRate: bl.TaxRate, Amount: fl.AmountExcl, AmountExcl: fl.AmountExcl, Tax: fl.Tax,
	}
	// Quantity and price come as a pair; a form goes by quantity only on
	// lines that have both.
	if price := priceExclTax(bl.Line); fl.Quantity.Valid && price.Valid {
		l.Quantity, l.Price = fl.Quantity, price
	}
	return l
}

// applyReversals adds the form's lines to what was reversed of the blue
// lines — refusing when another red invoice took some of it meanwhile —
// and updates the blue invoice's red status.
func applyReversals(ctx context.Context, tx *sql.Tx, blue blueForRed, lines []redFormLine) error {
	after := make([]storedLine, len(blue.Lines))
	copy(after, blue.Lines)
	for _, fl := range lines {
		bl, ok := blue.line(fl.BlueSeq)
		if !ok {
			return fmt.Errorf("blue line %d missing", fl.BlueSeq)
		}
		next, err := after[bl.Seq-1].reverse(fl)
		if err != nil {
			return err
		}
		after[bl.Seq-1].Reversed = next
		_, err = tx.ExecContext(ctx, `UPDATE invoice_lines SET reversed_quantity = ?, reversed_excl = ?, reversed_tax = ?
			WHERE invoice_id = ? AND seq = ?`, next.Quantity.String(), app.FormatMoney(next.AmountExcl),
			app.FormatMoney(next.Tax), blue.ID, bl.Seq)
		if err != nil {
			return fmt.Errorf("store reversal of line %d: %w", bl.Seq, err)
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE invoices SET red_status = ? WHERE id = ?`, redStatusOf(after), blue.ID)
	return err
}
