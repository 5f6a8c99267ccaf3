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

// numberSeries is one counter of invoice numbers: a year, a province and an
// issuing channel. Numbers are YY + province + channel + a 15-digit
// sequence, 20 digits in all.
type numberSeries struct {
	yy       int // two-digit year, as in the number
	province string
	channel  byte
}

// seriesOf is the series a seller's numbers of the year of at come from.
func seriesOf(at time.Time, sellerTaxID string, channel byte) numberSeries {
	return numberSeries{yy: at.In(app.ChinaTime).Year() % 100, province: provinceOf(sellerTaxID), channel: channel}
}

// number is the series' number with sequence seq.
func (ns numberSeries) number(seq int64) string {
	return fmt.Sprintf("%02d%s%c%015d", ns.yy, ns.province, ns.channel, seq)
}

// reserve takes the next n sequences of the series inside tx and returns
// the first and the last. The sequence only ever grows, so numbers never
// repeat, not even after a restart; blueTicket's single numbers and
// QDFPPLFM's segments share it.
func (ns numberSeries) reserve(ctx context.Context, tx *sql.Tx, n int64) (first, last int64, err error) {
	err = tx.QueryRowContext(ctx, `
		INSERT INTO number_sequences (year, province, channel, last) VALUES (?, ?, ?, ?)
		ON CONFLICT (year, province, channel) DO UPDATE SET last = last + excluded.last
		RETURNING last`, ns.yy, ns.province, string(ns.channel), n).Scan(&last)
	if err != nil {
		return 0, 0, fmt.Errorf("assign number: %w", err)
	}
	if last > maxSequence {
		return 0, 0, fmt.Errorf("assign number: sequence of 20%02d/%s/%c exhausted", ns.yy, ns.province, ns.channel)
	}
	return last - n + 1, last, nil
}

// nextNumber assigns the next invoice number of (year, province, channel)
// inside tx.
func nextNumber(ctx context.Context, tx *sql.Tx, issuedAt time.Time, sellerTaxID string, channel byte) (string, error) {
	ns := seriesOf(issuedAt, sellerTaxID, channel)
	seq, _, err := ns.reserve(ctx, tx, 1)
	if err != nil {
		return "", err
	}
	return ns.number(seq), nil
}

// provinceOf is the two-digit province the bureau files a seller under.
func provinceOf(taxID string) string {
	if p := app.ProvinceOfTaxID(taxID); p != "" {
		return p
	}
	return "11" // old-style IDs carry no province: the bureau files them under Beijing here
}
