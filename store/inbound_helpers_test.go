package store

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// fullInbound has every field filled, each with a value of its own, and
// times with nanoseconds.
func fullInbound() app.InboundInvoice {
	at := time.Date(2025, 3, 18, 14, 30, 5, 123456789, app.ChinaTime)
	return app.InboundInvoice{
		Key: app.InboundKey("5200171130", "01539905", "01"), Status: app.InboundPastPeriods, Period: "202503", Kind: "FP",
		Code: "5200171130", Number: "01539905", Type: "01",
		BillingDate: time.Date(2025, 2, 28, 0, 0, 0, 0, app.ChinaTime),
		BuyerName:   "北京民诺科技有限公司", BuyerTaxID: "9111011457319202X9",
		SellerName: "成都天府软件园有限公司", SellerTaxID: "91510113MA6739XPX2",
		Amount: decimal.NewNullDecimal(dec("28155.34")), Tax: dec("844.66"), ValidTax: dec("844.60"),
		State: "7", CheckCode: "03116155201843526421",
		Deductible: "1", DeductibleDate: at, DeductiblePeriod: "202503", DeductibleType: "1", DeductibleMode: "4",
		CheckStatus: "1", CheckDate: at.Add(time.Hour), ManagementStatus: "1", AbnormalType: "2",
		Mismatch: "1", ExportDomesticNo: "ZNX-2025-0001", NotDeductibleType: "3", EInvoiceNumber: "25512000000000012345",
		BusinessType: "08", SourceID: "35100", Source: "1", CheckTime: at.Add(2 * time.Hour), Withheld: "0",
		ModifiedAt: at.Add(3 * time.Hour),
	}
}

// voucherInbound is a customs voucher (海关缴款书): no code, no amount.
func voucherInbound() app.InboundInvoice {
	return app.InboundInvoice{
		Key: app.InboundKey("", "530420191041060008-L02", "17"), Status: app.InboundUnchecked, Kind: "HGJKS",
		Number: "530420191041060008-L02", Type: "17", BillingDate: time.Date(2024, 11, 28, 0, 0, 0, 0, app.ChinaTime),
		BuyerName: "北京民诺科技有限公司", BuyerTaxID: "9111011457319202X9",
		Tax: dec("433138.80"), ValidTax: dec("433138.8"), State: "0", CheckStatus: "0", ManagementStatus: "0",
	}
}

// upsertInbound stores a page, failing the test on error.
func upsertInbound(t testing.TB, db *DB, page []app.InboundInvoice, runID int64) app.UpsertResult {
	t.Helper()
	res, err := db.UpsertInbound(context.Background(), page, runID)
	if err != nil {
		t.Fatalf("UpsertInbound(%d invoices): %v", len(page), err)
	}
	return res
}

// storedInbound fills a fresh database with invoices, 500 to a page.
func storedInbound(t testing.TB, invs []app.InboundInvoice) *DB {
	t.Helper()
	db, _ := openTemp(t)
	for page := range slices.Chunk(invs, 500) {
		upsertInbound(t, db, page, 1)
	}
	return db
}

// assertSameInbound compares field by field: decimals with Equal, times
// with Equal, everything else exactly.
func assertSameInbound(t *testing.T, got, want app.InboundInvoice) {
	t.Helper()
	sameNull(t, want.Key+" amount", got.Amount, want.Amount)
	if !got.Tax.Equal(want.Tax) || !got.ValidTax.Equal(want.ValidTax) {
		t.Errorf("%s: tax %s, valid tax %s; want %s and %s", want.Key, got.Tax, got.ValidTax, want.Tax, want.ValidTax)
	}
	gotTimes, wantTimes := inboundTimes(&got), inboundTimes(&want)
	for i := range gotTimes {
		if !gotTimes[i].Equal(*wantTimes[i]) {
			t.Errorf("%s: time %d = %v, want %v", want.Key, i, *gotTimes[i], *wantTimes[i])
		}
		*gotTimes[i], *wantTimes[i] = time.Time{}, time.Time{}
	}
	got.Amount, got.Tax, got.ValidTax = decimal.NullDecimal{}, decimal.Zero, decimal.Zero
	want.Amount, want.Tax, want.ValidTax = decimal.NullDecimal{}, decimal.Zero, decimal.Zero
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields differ:\n got %+v\nwant %+v", got, want)
	}
}

func inboundTimes(inv *app.InboundInvoice) []*time.Time {
	return []*time.Time{&inv.BillingDate, &inv.DeductibleDate, &inv.CheckDate, &inv.CheckTime, &inv.ModifiedAt}
}

func keysOf(invs []app.InboundInvoice) []string {
	keys := make([]string, len(invs))
	for i, inv := range invs {
		keys[i] = inv.Key
	}
	return keys
}

// The reference model: what QueryInbound should return, computed in Go
// from the invoices given, independently of the SQL.

// modelMatches is q's filter.
func modelMatches(inv app.InboundInvoice, q app.InboundQuery) bool {
	date := inv.BillingDate.Format(dateLayout)
	switch {
	case len(q.Statuses) > 0 && !slices.Contains(q.Statuses, inv.Status),
		q.CheckStatus != "" && inv.CheckStatus != q.CheckStatus,
		len(q.States) > 0 && !slices.Contains(q.States, inv.State),
		len(q.Risks) > 0 && !slices.Contains(q.Risks, inv.ManagementStatus),
		len(q.Types) > 0 && !slices.Contains(q.Types, inv.Type),
		!q.From.IsZero() && (inv.BillingDate.IsZero() || date < q.From.Format(dateLayout)),
		!q.To.IsZero() && (inv.BillingDate.IsZero() || date > q.To.Format(dateLayout)),
		q.Period != "" && inv.Period != q.Period,
		q.MinAmount.Valid && (!inv.Amount.Valid || inv.Amount.Decimal.LessThan(q.MinAmount.Decimal)),
		q.MaxAmount.Valid && (!inv.Amount.Valid || inv.Amount.Decimal.GreaterThan(q.MaxAmount.Decimal)):
		return false
	}
	return modelSeller(inv, strings.TrimSpace(q.Seller))
}

func modelSeller(inv app.InboundInvoice, text string) bool {
	if text == "" {
		return true
	}
	if looksLikeTaxID(text) {
		return strings.HasPrefix(inv.SellerTaxID, strings.ToUpper(text))
	}
	name := strings.ToLower(inv.SellerName)
	for _, word := range strings.Fields(text) {
		if !strings.Contains(name, strings.ToLower(word)) {
			return false
		}
	}
	return true
}

// modelCompare orders two invoices by a sort name as documented, before
// the direction is applied: NULL (an amount a voucher lacks) first.
func modelCompare(a, b app.InboundInvoice, sortName string) int {
	var c int
	switch sortName {
	case "", "billing_date":
	case "amount":
		c = cmp.Compare(centsOrNull(a.Amount), centsOrNull(b.Amount))
	case "tax":
		c = a.Tax.Cmp(b.Tax)
	case "valid_tax":
		c = a.ValidTax.Cmp(b.ValidTax)
	default:
		c = strings.Compare(modelText(a, sortName), modelText(b, sortName))
	}
	if c == 0 && !slices.Contains([]string{"amount", "tax", "valid_tax", "number"}, sortName) {
		c = strings.Compare(a.BillingDate.Format(dateLayout), b.BillingDate.Format(dateLayout))
	}
	if c == 0 {
		c = strings.Compare(a.Key, b.Key)
	}
	return c
}

func centsOrNull(d decimal.NullDecimal) int64 {
	if !d.Valid {
		return -1 << 62
	}
	return d.Decimal.Shift(2).IntPart()
}

func modelText(inv app.InboundInvoice, column string) string {
	switch column {
	case "seller_name":
		return inv.SellerName
	case "seller_tax_id":
		return inv.SellerTaxID
	case "number":
		return inv.Number
	case "type":
		return inv.Type
	case "status":
		return string(inv.Status)
	case "check_status":
		return inv.CheckStatus
	case "state":
		return inv.State
	case "management_status":
		return inv.ManagementStatus
	case "period":
		return inv.Period
	}
	panic("no sort " + column)
}

// modelQuery is every invoice q matches, in q's order, before paging.
func modelQuery(invs []app.InboundInvoice, q app.InboundQuery) []app.InboundInvoice {
	var out []app.InboundInvoice
	for _, inv := range invs {
		if modelMatches(inv, q) {
			out = append(out, inv)
		}
	}
	desc := q.Desc || q.Sort == ""
	slices.SortFunc(out, func(a, b app.InboundInvoice) int {
		c := modelCompare(a, b, q.Sort)
		if desc {
			return -c
		}
		return c
	})
	return out
}

// modelTotals sums the matches in Go with decimal.
func modelTotals(matches []app.InboundInvoice) app.InboundTotals {
	t := app.InboundTotals{Count: int64(len(matches)), Amount: decimal.Zero, Tax: decimal.Zero, ValidTax: decimal.Zero}
	for _, inv := range matches {
		if inv.Amount.Valid {
			t.Amount = t.Amount.Add(inv.Amount.Decimal)
		}
		t.Tax, t.ValidTax = t.Tax.Add(inv.Tax), t.ValidTax.Add(inv.ValidTax)
	}
	return t
}
