package sandbox

import (
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// inboundFacts is what an inbound invoice is, whichever list shows it:
// drawn from the company's seed and the index, always in the same order,
// so the same invoice comes out on every page, run and machine.
type inboundFacts struct {
	typ           string
	digits        uint64 // the random part of the code and number
	seller        inboundSeller
	amount        decimal.Decimal // exclusive of tax (完税价格 for vouchers)
	tax, validTax decimal.Decimal
	state         string
	risk          string // managementStatus
	abnormal      string // abnormalType
	checkCode     string
	mismatch      string // ylzd2
	notDeductible string // ylzd4, of 不抵扣 (15)
	businessType  string // tdyslxDm
	scanned       bool   // certified by scanning (deductibleType 2), past periods only
	clock         time.Duration
	modifiedAfter time.Duration // xg_sj − checkTime, of customs vouchers
}

// choice is one outcome of a draw and its weight.
type choice[T any] struct {
	v T
	w int
}

// pick draws one of choices by weight.
func pick[T any](rng *rand.Rand, choices []choice[T]) T {
	total := 0
	for _, c := range choices {
		total += c.w
	}
	n := rng.IntN(total)
	for _, c := range choices {
		if n < c.w {
			return c.v
		}
		n -= c.w
	}
	return choices[len(choices)-1].v
}

// Invoice types (invoiceType) of the lists.
const (
	typeDigitalSpecial  = "81" // 数电专票
	typeDigitalOrdinary = "82" // 数电普票
	typeFullSpecial     = "09" // 全电发票(专票)
	typeFullOrdinary    = "90" // 全电发票(普票)
	typePaperSpecial    = "01" // 增值税专用发票
	typePaperOrdinary   = "10" // 增值税普通发票(电子)
	typeESpecial        = "08" // 增值税电子专用发票
	typeFullPaper       = "85" // 全电纸质专票: carries its 全电 number in ylzd5
	typeRailway         = "51" // 铁路电子客票
	typeAir             = "61" // 航空运输电子客票行程单
	typeCustoms         = "17" // 海关进口增值税专用缴款书
	typeTaxPaid         = "18" // 完税凭证
)

// inboundTypes is each status's mix of invoice types, in percent.
var inboundTypes = map[app.InboundStatus][]choice[string]{
	app.InboundUnchecked: {{typeDigitalSpecial, 30}, {typeDigitalOrdinary, 10}, {typeFullSpecial, 6},
		{typeFullOrdinary, 4}, {typePaperSpecial, 8}, {typePaperOrdinary, 6}, {typeESpecial, 5},
		{typeFullPaper, 2}, {typeRailway, 5}, {typeAir, 4}, {typeCustoms, 14}, {typeTaxPaid, 6}},
	app.InboundChecked: {{typeDigitalSpecial, 36}, {typeFullSpecial, 8}, {typePaperSpecial, 10},
		{typePaperOrdinary, 5}, {typeESpecial, 8}, {typeFullPaper, 2}, {typeRailway, 6}, {typeAir, 5},
		{typeCustoms, 14}, {typeTaxPaid, 6}},
	app.InboundExportDomestic: {{typeDigitalSpecial, 50}, {typeFullSpecial, 15}, {typePaperSpecial, 20},
		{typeESpecial, 15}},
	app.InboundNotDeductible: {{typeDigitalSpecial, 40}, {typeFullSpecial, 10}, {typePaperSpecial, 20},
		{typeESpecial, 10}, {typeCustoms, 10}, {typeTaxPaid, 10}},
	app.InboundNotDue: {{typeDigitalSpecial, 20}, {typePaperSpecial, 10}, {typeCustoms, 70}},
	app.InboundExportRebate: {{typeDigitalSpecial, 45}, {typeFullSpecial, 10}, {typePaperSpecial, 20},
		{typeESpecial, 10}, {typeCustoms, 15}},
	app.InboundPastPeriods: {{typeDigitalSpecial, 34}, {typeFullSpecial, 8}, {typePaperSpecial, 12},
		{typePaperOrdinary, 5}, {typeESpecial, 8}, {typeFullPaper, 2}, {typeRailway, 6}, {typeAir, 5},
		{typeCustoms, 14}, {typeTaxPaid, 6}},
}

// inboundStates is each status's mix of invoice states, in per mille. The
// unchecked and checked lists (10, 11) hold only what seed 002's default
// fpztdm lets through (0, 2, 7, 8); voided, lost-control, abnormal and
// red-pending invoices show up among the not-yet-due and past ones.
var inboundStates = map[app.InboundStatus][]choice[string]{
	app.InboundUnchecked:      {{"0", 930}, {"2", 10}, {"7", 30}, {"8", 30}},
	app.InboundChecked:        {{"0", 950}, {"2", 10}, {"7", 25}, {"8", 15}},
	app.InboundExportDomestic: {{"0", 970}, {"7", 20}, {"8", 10}},
	app.InboundNotDeductible:  {{"0", 970}, {"7", 20}, {"8", 10}},
	app.InboundNotDue:         {{"0", 920}, {"1", 20}, {"3", 20}, {"4", 20}, {"80", 20}},
	app.InboundExportRebate:   {{"0", 970}, {"7", 20}, {"8", 10}},
	app.InboundPastPeriods:    {{"0", 900}, {"3", 20}, {"4", 20}, {"7", 20}, {"8", 20}, {"80", 20}},
}

// Tax rates by kind of invoice.
var (
	rateChoices = []choice[decimal.Decimal]{{rate("0.13"), 50}, {rate("0.06"), 25}, {rate("0.09"), 15},
		{rate("0.03"), 6}, {rate("0.01"), 4}}
	ordinaryRateChoices = []choice[decimal.Decimal]{{rate("0.13"), 40}, {rate("0.06"), 25},
		{rate("0.03"), 20}, {rate("0.01"), 10}, {rate("0.09"), 5}}
	customsRateChoices = []choice[decimal.Decimal]{{rate("0.13"), 80}, {rate("0.09"), 20}}
	taxPaidRateChoices = []choice[decimal.Decimal]{{rate("0.06"), 60}, {rate("0.13"), 40}}
	transportRate      = rate("0.09")
)

func rate(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// drawFacts draws invoice facts for a block of status base. Never reorder
// the draws: every invoice of every company would change.
func drawFacts(rng *rand.Rand, base app.InboundStatus) inboundFacts {
	f := inboundFacts{typ: pick(rng, inboundTypes[base]), digits: rng.Uint64()}
	f.seller = drawSeller(rng, f.typ)
	f.amount = drawAmount(rng, f.typ)
	f.tax = app.RoundMoney(f.amount.Mul(drawRate(rng, f.typ)))
	f.state = pick(rng, inboundStates[base])
	f.validTax = validTax(rng, f.state, f.tax)
	f.risk, f.abnormal = drawRisk(rng, f.state)
	if f.typ == typePaperOrdinary || f.typ == typeESpecial {
		f.checkCode = digitString(rng.Uint64(), 10) + digitString(rng.Uint64(), 10)
	}
	f.mismatch = pick(rng, []choice[string]{{"0", 98}, {"1", 2}})
	if base == app.InboundNotDeductible {
		f.notDeductible = pick(rng, []choice[string]{{"1", 20}, {"2", 15}, {"3", 40}, {"4", 5}, {"5", 20}})
	}
	f.businessType = drawBusinessType(rng, f.typ)
	f.scanned = (f.typ == typePaperSpecial || f.typ == typeFullPaper) && rng.IntN(10) == 0
	f.clock = 8*time.Hour + time.Duration(rng.IntN(15*3600))*time.Second
	f.modifiedAfter = time.Duration(rng.IntN(72*3600)) * time.Second
	return f
}

// drawSeller picks who issued an invoice of typ. Ordinary sellers are
// drawn with a skew, as a company buys from a few suppliers most often.
func drawSeller(rng *rand.Rand, typ string) inboundSeller {
	switch typ {
	case typeRailway:
		return inboundRailways[rng.IntN(len(inboundRailways))]
	case typeAir:
		return inboundAirlines[rng.IntN(len(inboundAirlines))]
	case typeCustoms:
		return inboundSeller{}
	case typeTaxPaid:
		return inboundTaxOffice(rng.IntN(len(inboundCities)))
	}
	n := len(inboundSellers)
	return inboundSellers[rng.IntN(n)*rng.IntN(n)/n]
}

// drawAmount draws an amount in cents: tickets are small, customs
// vouchers large, the rest spread from 10.00 to 999,999.99 by order of
// magnitude.
func drawAmount(rng *rand.Rand, typ string) decimal.Decimal {
	var cents int64
	switch typ {
	case typeRailway, typeAir:
		cents = 5_000 + rng.Int64N(295_000)
	default:
		digits := pick(rng, []choice[int]{{4, 10}, {5, 25}, {6, 30}, {7, 25}, {8, 10}})
		if typ == typeCustoms {
			digits += 2
		}
		low := pow10(digits - 1)
		cents = low + rng.Int64N(9*low)
	}
	return decimal.New(cents, -2)
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

func drawRate(rng *rand.Rand, typ string) decimal.Decimal {
	switch typ {
	case typeRailway, typeAir:
		return transportRate
	case typeCustoms:
		return pick(rng, customsRateChoices)
	case typeTaxPaid:
		return pick(rng, taxPaidRateChoices)
	case typeDigitalOrdinary, typeFullOrdinary, typePaperOrdinary:
		return pick(rng, ordinaryRateChoices)
	}
	return pick(rng, rateChoices)
}

// validTax is the tax still deductible (有效税额), never more than tax:
// all of it on a normal invoice, part on a partly reversed one, none on a
// voided, reversed, lost-control or abnormal one.
func validTax(rng *rand.Rand, state string, tax decimal.Decimal) decimal.Decimal {
	switch state {
	case "0", "80":
		return tax
	case "7":
		left := decimal.NewFromInt(int64(1 + rng.IntN(9))).Div(decimal.NewFromInt(10))
		return app.RoundMoney(tax.Mul(left))
	}
	return decimal.Zero
}

// drawRisk draws the management status and the abnormality that goes
// with it: a red-pending invoice (80) is locked (3); a lost-control or
// abnormal one (3, 4) has an abnormal state (0); now and then one is
// suspicious or abnormal (1, 2) in the bureau's management.
func drawRisk(rng *rand.Rand, state string) (risk, abnormal string) {
	risk = pick(rng, []choice[string]{{"0", 95}, {"1", 3}, {"2", 2}})
	switch {
	case state == "80":
		return "3", "2"
	case state == "3" || state == "4":
		return risk, "0"
	case risk != "0":
		return risk, "2"
	}
	return risk, ""
}

// drawBusinessType draws tdyslxDm: tolls (08) on ordinary e-invoices,
// farm produce (12, 16) and real estate (06) now and then.
func drawBusinessType(rng *rand.Rand, typ string) string {
	n := rng.IntN(100)
	switch {
	case typ == typePaperOrdinary && n < 40:
		return "08"
	case (typ == typePaperOrdinary || typ == typeDigitalOrdinary) && n < 45:
		return "12"
	case (typ == typeDigitalSpecial || typ == typePaperSpecial) && n < 3:
		return "16"
	case typ == typeDigitalSpecial && n < 5:
		return "06"
	}
	return ""
}
