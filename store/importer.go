package store

import (
	"context"
	"database/sql"
	"fmt"

	"fapiao/app"
)

// importedSerialPrefix names the serial given to an imported invoice that
// came without one: history from a provider may lack 发票请求流水号, and the
// column is NOT NULL UNIQUE. The number makes it unique.
const importedSerialPrefix = "IMPORTED_"

// ImportIssued stores invoices that were already issued (history from a
// provider) in one transaction. An invoice whose serial or number is
// already stored is skipped, so importing the same history twice changes
// nothing. Each must have its number and issue date; an empty serial
// becomes IMPORTED_<number>. Imported invoices get no outbox entry (there
// is nothing to send) and are not added to the autocomplete catalogs.
func (db *DB) ImportIssued(ctx context.Context, invs []app.Invoice) error {
	for i, inv := range invs {
		switch {
		case inv.Number == "":
			return fmt.Errorf("导入的第%d张发票缺少发票号码", i+1)
		case inv.IssuedAt.IsZero():
			return fmt.Errorf("导入的第%d张发票(号码 %s)缺少开票日期", i+1, inv.Number)
		}
	}
	return db.inWriteTx(ctx, func(tx writeTx) error {
		insInvoice, err := tx.PrepareContext(ctx, insertInvoiceSQL+` ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer insInvoice.Close()
		insLine, err := tx.PrepareContext(ctx, insertLineSQL)
		if err != nil {
			return err
		}
		defer insLine.Close()
		for i := range invs {
			if err := importOne(ctx, insInvoice, insLine, invs[i]); err != nil {
				return fmt.Errorf("导入发票 %s: %w", invs[i].Number, err)
			}
		}
		return nil
	})
}

// importOne inserts one issued invoice and its lines unless its serial or
// number is already stored.
func importOne(ctx context.Context, insInvoice, insLine *sql.Stmt, inv app.Invoice) error {
	inv.Status = app.StatusIssued
	if inv.RequestSerial == "" {
		inv.RequestSerial = importedSerialPrefix + inv.Number
	}
	if inv.CreatedAt.IsZero() {
		inv.CreatedAt = inv.IssuedAt
	}
	res, err := insInvoice.ExecContext(ctx, invoiceArgs(&inv)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err // n == 0: a duplicate, skipped
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for pos, l := range inv.Lines {
		if _, err := insLine.ExecContext(ctx, lineArgs(id, pos, l)...); err != nil {
			return fmt.Errorf("第%d行明细: %w", pos+1, err)
		}
	}
	return nil
}
