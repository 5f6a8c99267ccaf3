package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"fapiao/app"
)

// maxSequence is the largest 15-digit sequence.
const maxSequence = 999_999_999_999_999

// nextNumber assigns the next invoice number of (year, province, channel)
// inside tx: YY + province + channel + a 15-digit sequence, 20 digits in
// all. The sequence only ever grows, so numbers never repeat, not even
// after a restart.
func nextNumber(ctx context.Context, tx *sql.Tx, issuedAt time.Time, sellerTaxID string, channel byte) (string, error) {
	yy := issuedAt.In(app.ChinaTime).Year() % 100
	province := provinceOf(sellerTaxID)
	var seq int64
	err := tx.QueryRowContext(ctx, `
		INSERT INTO number_sequences (year, province, channel, last) VALUES (?, ?, ?, 1)
		ON CONFLICT (year, province, channel) DO UPDATE SET last = last + 1
		RETURNING last`, yy, province, string(channel)).Scan(&seq)
	if err != nil {
		return "", fmt.Errorf("assign number: %w", err)
	}
	if seq > maxSequence {
		return "", fmt.Errorf("assign number: sequence of 20%02d/%s/%c exhausted", yy, province, channel)
	}
	return fmt.Sprintf("%02d%s%c%015d", yy, province, channel, seq), nil
}

// provinceOf is the two-digit province the bureau files a seller under.
func provinceOf(taxID string) string {
	if p := app.ProvinceOfTaxID(taxID); p != "" {
		return p
	}
	return "11" // old-style IDs carry no province: the bureau files them under Beijing here
}
