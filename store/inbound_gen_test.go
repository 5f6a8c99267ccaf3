package store

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"fapiao/app"

	"github.com/shopspring/decimal"
)

// inboundGen makes inbound invoices like those a large company receives
// over three years: a few thousand sellers, some much more frequent than
// others; mostly 数电 invoices, some older VAT invoices and customs
// vouchers (no amount); most checked in a past period, a fifth unchecked;
// a few red, void or risky. Deterministic from its seed.
type inboundGen struct {
	rng     *rand.Rand
	sellers []genSeller
	seq     int
}

type genSeller struct{ name, taxID string }

// The company the invoices are addressed to, and a branch of it.
var inboundBuyers = []genSeller{
	{"北京民诺科技有限公司", "9111011457319202X9"},
	{"北京民诺科技有限公司上海分公司", "91310115MA1H7TQX4N"},
}

var (
	genWords2   = []string{"宏图", "新纪元", "东方", "华夏", "金石", "远航", "星辰", "中联", "凯达", "百川"}
	genSuffixes = []string{"有限公司", "股份有限公司", "有限责任公司", "集团有限公司"}
	genStart    = time.Date(2023, 1, 1, 0, 0, 0, 0, app.ChinaTime)
)

const genDays = 3 * 365

func newInboundGen(seed uint64, sellers int) *inboundGen {
	g := &inboundGen{rng: rand.New(rand.NewPCG(seed, 621))}
	for range sellers {
		g.sellers = append(g.sellers, g.newSeller())
	}
	return g
}

func (g *inboundGen) newSeller() genSeller {
	r := g.rng
	name := benchCities[r.IntN(len(benchCities))] + benchWords[r.IntN(len(benchWords))]
	if r.IntN(3) == 0 {
		name += genWords2[r.IntN(len(genWords2))]
	}
	name += benchIndustries[r.IntN(len(benchIndustries))] + genSuffixes[r.IntN(len(genSuffixes))]
	first17 := fmt.Sprintf("91%06d%s%07d", 110000+r.IntN(400000), []string{"MA", "73", "08", "MA"}[r.IntN(4)], r.IntN(10_000_000))
	check, _ := app.CreditCodeCheckChar(first17)
	return genSeller{name, first17 + string(check)}
}

// pick returns one of weights' keys with probability proportional to its
// weight (weights in thousandths, summing to 1000).
func (g *inboundGen) pick(choices []string, weights []int) string {
	n := g.rng.IntN(1000)
	for i, w := range weights {
		if n < w {
			return choices[i]
		}
		n -= w
	}
	return choices[len(choices)-1]
}

// seller favours the first sellers: a company buys from a few suppliers
// again and again and from many once.
func (g *inboundGen) seller() genSeller {
	return g.sellers[g.rng.IntN(g.rng.IntN(len(g.sellers))+1)]
}

func (g *inboundGen) next() app.InboundInvoice {
	r := g.rng
	g.seq++
	billing := genStart.AddDate(0, 0, r.IntN(genDays))
	inv := app.InboundInvoice{
		Type:             g.pick([]string{"09", "90", "01", "10", "08", "17", "18", "51", "61"}, []int{350, 350, 80, 50, 30, 40, 20, 40, 40}),
		Status:           app.InboundStatus(g.pick([]string{"10", "11", "40", "15", "16", "12", "17"}, []int{200, 80, 600, 30, 30, 10, 50})),
		BillingDate:      billing,
		State:            g.pick([]string{"0", "2", "7", "8", "1", "3", "4", "80"}, []int{920, 20, 15, 15, 10, 5, 5, 10}),
		ManagementStatus: g.pick([]string{"0", "1", "2", "3", "4", "5", "6"}, []int{950, 25, 15, 5, 2, 2, 1}),
	}
	buyer, seller := inboundBuyers[r.IntN(8)/7], g.seller()
	inv.BuyerName, inv.BuyerTaxID, inv.SellerName, inv.SellerTaxID = buyer.name, buyer.taxID, seller.name, seller.taxID
	g.number(&inv)
	g.money(&inv)
	g.check(&inv)
	return inv
}

// number sets the code, number and kind the type implies, and the key.
func (g *inboundGen) number(inv *app.InboundInvoice) {
	year := inv.BillingDate.Year() % 100
	switch inv.Type {
	case "09", "90", "51", "61":
		inv.Number = fmt.Sprintf("%02d%s1%015d", year, []string{"11", "31", "44", "51"}[g.seq%4], g.seq)
		inv.Kind = "FP"
	case "17", "18":
		inv.Number = fmt.Sprintf("5304%02d%010d-L%02d", year, g.seq, g.rng.IntN(5))
		inv.Kind = "HGJKS"
	default:
		inv.Code = fmt.Sprintf("%04d%02d%04d", 1100+g.rng.IntN(4000), year, g.rng.IntN(10_000))
		inv.Number = fmt.Sprintf("%08d", g.seq%100_000_000)
		inv.Kind = "FP"
		inv.CheckCode = fmt.Sprintf("%020d", g.rng.Int64N(1e18))
	}
	inv.Key = app.InboundKey(inv.Code, inv.Number, inv.Type)
}

// money: amounts spread evenly on a log scale from 10 yuan to 2 million;
// vouchers carry only tax.
func (g *inboundGen) money(inv *app.InboundInvoice) {
	cents := int64(math.Exp(math.Log(1000) + g.rng.Float64()*math.Log(200_000_000/1000)))
	amount := decimal.New(cents, -2)
	rate := decimal.RequireFromString([]string{"0.13", "0.09", "0.06", "0.03", "0.01"}[g.rng.IntN(5)])
	inv.Tax = amount.Mul(rate).Round(2)
	inv.ValidTax = inv.Tax
	if inv.Kind != "HGJKS" {
		inv.Amount = decimal.NewNullDecimal(amount)
	}
	if inv.State != "0" {
		inv.ValidTax = decimal.Zero
	}
}

// check fills what being checked (勾选) sets: the period and the dates.
func (g *inboundGen) check(inv *app.InboundInvoice) {
	inv.CheckStatus, inv.Deductible = "0", "0"
	switch inv.Status {
	case app.InboundUnchecked, app.InboundNotDue, app.InboundExportDomestic:
		return
	}
	checked := inv.BillingDate.AddDate(0, 0, g.rng.IntN(60)).Add(time.Duration(g.rng.IntN(36_000)) * time.Second)
	inv.CheckStatus, inv.Deductible = "1", "1"
	inv.Period = checked.Format("200601")
	inv.CheckDate, inv.DeductibleDate, inv.DeductiblePeriod = checked, checked, inv.Period
	inv.DeductibleType, inv.DeductibleMode = "1", "1"
	switch inv.Status {
	case app.InboundNotDeductible:
		inv.DeductibleMode, inv.NotDeductibleType = "4", fmt.Sprint(1+g.rng.IntN(5))
	case app.InboundExportRebate:
		inv.DeductibleMode = "2"
	case app.InboundPastPeriods:
		inv.SourceID, inv.Source, inv.Withheld = fmt.Sprint(g.seq), "1", "0"
		inv.CheckTime, inv.ModifiedAt = checked, checked.AddDate(0, 1, 0)
	}
	if g.rng.IntN(30) == 0 {
		inv.BusinessType = "08" // 通行费
	}
}

// generateInbound makes n invoices from seed, among sellers sellers.
func generateInbound(n int, seed uint64, sellers int) []app.InboundInvoice {
	g := newInboundGen(seed, sellers)
	out := make([]app.InboundInvoice, n)
	for i := range out {
		out[i] = g.next()
	}
	return out
}
