package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fapiao/app"
)

// defaultSuggestions is how many suggestions a limit of 0 gives.
const defaultSuggestions = 10

// rememberCatalog adds an issued invoice's buyer and items to the catalogs
// (use_count+1, last_used). It runs inside MarkIssued's transaction, so the
// catalogs count exactly the invoices recorded as issued.
func rememberCatalog(ctx context.Context, tx writeTx, invoiceID int64, usedAt time.Time) error {
	var b app.Party
	err := tx.QueryRowContext(ctx, sqlBuyerOf, invoiceID).
		Scan(&b.Name, &b.TaxID, &b.Address, &b.Phone, &b.Bank, &b.Account, &b.Email, &b.NaturalPerson)
	if err != nil {
		return fmt.Errorf("读取购买方: %w", err)
	}
	when := formatTime(usedAt)
	if err := upsertBuyer(ctx, tx, b, when); err != nil {
		return fmt.Errorf("记录常用购买方: %w", err)
	}
	lines, err := linesOf(ctx, tx, invoiceID)
	if err != nil {
		return err
	}
	for _, l := range distinctItems(lines) {
		if err := upsertItem(ctx, tx, l, when); err != nil {
			return fmt.Errorf("记录常用项目 %s: %w", l.Name, err)
		}
	}
	return nil
}

var sqlBuyerOf = prepared(`SELECT buyer_name, buyer_tax_id, buyer_address, buyer_phone, buyer_bank,
	buyer_account, buyer_email, buyer_natural_person FROM invoices WHERE id = ?`)

// A buyer is keyed by tax ID when it has one, else by name: natural persons
// usually have no tax ID. The details are replaced by the latest.
const upsertBuyerSQL = `INSERT INTO buyers
	(name, tax_id, address, phone, bank, account, email, natural_person, use_count, last_used)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) %s DO UPDATE SET
	name = excluded.name, address = excluded.address, phone = excluded.phone, bank = excluded.bank,
	account = excluded.account, email = excluded.email, natural_person = excluded.natural_person,
	use_count = use_count + 1, last_used = excluded.last_used`

var (
	sqlUpsertBuyerByTaxID = prepared(fmt.Sprintf(upsertBuyerSQL, `ON CONFLICT (tax_id) WHERE tax_id <> ''`))
	sqlUpsertBuyerByName  = prepared(fmt.Sprintf(upsertBuyerSQL, `ON CONFLICT (name) WHERE tax_id = ''`))
)

func upsertBuyer(ctx context.Context, tx writeTx, b app.Party, when string) error {
	query := sqlUpsertBuyerByTaxID
	if b.TaxID == "" {
		query = sqlUpsertBuyerByName
	}
	_, err := tx.ExecContext(ctx, query,
		b.Name, b.TaxID, b.Address, b.Phone, b.Bank, b.Account, b.Email, boolInt(b.NaturalPerson), when)
	return err
}

// distinctItems drops discount lines (not items of their own) and repeats
// of an item within the invoice, so use_count counts invoices.
func distinctItems(lines []app.Line) []app.Line {
	type key struct{ name, code, spec, unit string }
	seen := map[key]bool{}
	var out []app.Line
	for _, l := range lines {
		k := key{l.Name, l.TaxCode, l.Spec, l.Unit}
		if l.Nature == app.NatureDiscount || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, l)
	}
	return out
}

// sqlUpsertItem remembers an item with its last price, rate and tax basis.
var sqlUpsertItem = prepared(`INSERT INTO items
	(name, tax_code, spec, unit, price, tax_rate, tax_included, use_count, last_used)
	VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
	ON CONFLICT (name, tax_code, spec, unit) DO UPDATE SET
	price = excluded.price, tax_rate = excluded.tax_rate, tax_included = excluded.tax_included,
	use_count = use_count + 1, last_used = excluded.last_used`)

func upsertItem(ctx context.Context, tx writeTx, l app.Line, when string) error {
	price := ""
	if l.Price.Valid {
		price = quantity(l.Price.Decimal)
	}
	_, err := tx.ExecContext(ctx, sqlUpsertItem,
		l.Name, l.TaxCode, l.Spec, l.Unit, price, rate(l.TaxRate), boolInt(l.TaxIncluded), when)
	return err
}

// SuggestBuyers returns buyers issued to before whose name contains text
// or whose tax ID starts with it, most used and most recent first. Names
// match anywhere because clerks type "某某科技" rather than "上海某某".
// limit ≤ 0 means 10.
func (db *DB) SuggestBuyers(ctx context.Context, text string, limit int) ([]app.Party, error) {
	text = strings.TrimSpace(text)
	rows, err := db.reader.QueryContext(ctx, `SELECT name, tax_id, address, phone, bank, account, email, natural_person
		FROM buyers
		WHERE name LIKE ? ESCAPE '\' OR tax_id LIKE ? ESCAPE '\'
		ORDER BY use_count DESC, last_used DESC LIMIT ?`,
		containsPattern(text), prefixPattern(text), suggestionLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("查询常用购买方: %w", err)
	}
	defer rows.Close()
	var out []app.Party
	for rows.Next() {
		var b app.Party
		if err := rows.Scan(&b.Name, &b.TaxID, &b.Address, &b.Phone, &b.Bank, &b.Account, &b.Email, &b.NaturalPerson); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// SuggestItems returns items issued before whose name contains text, most
// used and most recent first, each with its last price. limit ≤ 0 means 10.
func (db *DB) SuggestItems(ctx context.Context, text string, limit int) ([]app.CatalogItem, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT name, tax_code, spec, unit, price, tax_rate, tax_included
		FROM items WHERE name LIKE ? ESCAPE '\'
		ORDER BY use_count DESC, last_used DESC LIMIT ?`,
		containsPattern(strings.TrimSpace(text)), suggestionLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("查询常用项目: %w", err)
	}
	defer rows.Close()
	var out []app.CatalogItem
	for rows.Next() {
		var it app.CatalogItem
		if err := rows.Scan(&it.Name, &it.TaxCode, &it.Spec, &it.Unit, &it.Price, &it.TaxRate, &it.TaxIncluded); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func suggestionLimit(limit int) int {
	if limit <= 0 {
		return defaultSuggestions
	}
	return limit
}
