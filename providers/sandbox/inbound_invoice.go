package sandbox

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// Kinds of the adapter format's lists.
const (
	kindInvoice = "FP"    // invoices
	kindCustoms = "HGJKS" // customs vouchers (海关缴款书)
)

// invoice makes position j of run r, as its list shows it. What the
// invoice is (type, seller, amounts, number) depends on the company and
// the index only; where it is listed decides its check fields.
func (c *inboundCatalog) invoice(r inboundRun, j int) app.InboundInvoice {
	i := r.block.lo + j
	f := drawFacts(rand.New(rand.NewPCG(c.seed, uint64(i))), r.block.status)
	billing := c.billingDay(r, j)
	id := newInboundIdentity(f.typ, i, billing, f.seller, f.digits)
	inv := app.InboundInvoice{
		Key: app.InboundKey(id.code, id.number, f.typ), Status: r.listed, Kind: inboundKindOf(f.typ),
		Code: id.code, Number: id.number, Type: f.typ, BillingDate: billing.at(0),
		BuyerName: demoBuyerName, BuyerTaxID: c.taxID, SellerName: f.seller.name, SellerTaxID: f.seller.taxID,
		Tax: f.tax, ValidTax: f.validTax, State: f.state, CheckCode: f.checkCode,
		Deductible: "0", CheckStatus: "0", ManagementStatus: f.risk, AbnormalType: f.abnormal,
		Mismatch: f.mismatch, NotDeductibleType: f.notDeductible, EInvoiceNumber: id.einvoice,
		BusinessType: f.businessType,
	}
	if !isVoucher(f.typ) {
		inv.Amount = decimal.NewNullDecimal(f.amount)
	}
	if r.block.status == app.InboundExportDomestic {
		inv.ExportDomesticNo = strconv.Itoa(billing.utc().Year()) + f.seller.province() + "00" + digitString(f.digits>>12, 8)
	}
	if day, ok := c.checkDay(r, j); ok {
		c.applyCheck(&inv, r, f, i, day)
	}
	return inv
}

// applyCheck fills in the check and certification of a checked list's
// invoice: the period is the check date's month; the current period's
// lists (11, 15) are checked but not yet certified, export rebates (17)
// and past periods (40) are.
func (c *inboundCatalog) applyCheck(inv *app.InboundInvoice, r inboundRun, f inboundFacts, i int, day civilDay) {
	at := c.checkMoment(r, day, f.clock)
	inv.CheckStatus, inv.CheckDate = "1", at
	inv.Period, inv.DeductiblePeriod = day.period(), day.period()
	inv.DeductibleType, inv.DeductibleMode = "1", "1"
	switch r.listed {
	case app.InboundNotDeductible:
		inv.DeductibleMode = "4"
	case app.InboundExportRebate:
		inv.Deductible, inv.DeductibleDate, inv.DeductibleMode = "1", at, "2"
	case app.InboundPastPeriods:
		inv.Deductible, inv.DeductibleDate = "1", at
		if f.scanned {
			inv.DeductibleType = "2"
		}
		inv.SourceID, inv.Source, inv.CheckTime = strconv.Itoa(i), "1", at
		if inv.Kind == kindCustoms {
			// Modified after the check, but not today: a past period's
			// check is before today, and today's clock would make the same
			// page differ from one second to the next.
			inv.Withheld = "0"
			inv.ModifiedAt = at.Add(f.modifiedAfter)
			if midnight := c.today.at(0); inv.ModifiedAt.After(midnight) {
				inv.ModifiedAt = latest(midnight, at)
			}
		}
	}
}

// latest is the later of a and b.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// isVoucher reports whether typ is a voucher, which has no amount
// exclusive of tax (seed 002: 缴款书为空).
func isVoucher(typ string) bool { return typ == typeCustoms || typ == typeTaxPaid }

// inboundKindOf is the adapter format's list of typ.
func inboundKindOf(typ string) string {
	if typ == typeCustoms {
		return kindCustoms
	}
	return kindInvoice
}
