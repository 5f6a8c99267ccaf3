package store

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"fapiao/app"
)

// benchItem is something a small company sells, with a plausible tax code,
// rate and price.
type benchItem struct {
	name, code, unit, spec, rate, price string
}

var benchItems = []benchItem{
	{"*软件*财税管理系统", "1060301020100000000", "套", "V3.2", "0.13", "1980"},
	{"*信息技术服务*软件维护服务", "3040201030000000000", "年", "", "0.06", "3600"},
	{"*计算机配套产品*激光打印机", "1090511030000000000", "台", "HP M404dn", "0.13", "2399"},
	{"*纸制品*A4复印纸", "1060110010000000000", "箱", "70g 5包/箱", "0.13", "135.5"},
	{"*办公用品*中性签字笔", "1060601990000000000", "盒", "0.5mm 12支", "0.13", "18.8"},
	{"*餐饮服务*工作餐", "3070401000000000000", "份", "", "0.06", "45"},
	{"*住宿服务*住宿费", "3070402000000000000", "间夜", "标准间", "0.06", "388"},
	{"*咨询服务*税务咨询服务", "3040603000000000000", "次", "", "0.06", "5000"},
	{"*运输服务*国内道路货物运输服务", "3010102020100000000", "吨公里", "", "0.09", "0.85"},
	{"*乳制品*纯牛奶", "1030201010000000000", "箱", "250ml×24", "0.09", "66.6"},
	{"*建筑服务*装修工程", "3050300000000000000", "项", "", "0.09", "28000"},
	{"*鉴证咨询服务*审计服务", "3040602000000000000", "次", "", "0.03", "12000"},
}

var (
	benchCities     = []string{"北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安", "南京", "重庆", "苏州", "天津"}
	benchWords      = []string{"华信", "天府", "恒达", "众诚", "鸿运", "锦程", "博远", "瑞丰", "新源", "汇通", "金桥", "启明", "安泰", "盛世"}
	benchIndustries = []string{"科技", "贸易", "信息技术", "餐饮管理", "建筑工程", "物流", "文化传媒", "医药", "电子商务", "咨询"}
	benchSurnames   = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"}
	benchGiven      = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"}
)

// benchInvoices makes n issued invoices of three lines each, computed by
// app.Prepare, deterministic from a fixed seed. Cached: generating 10,000
// takes longer than some of the benchmarks.
func benchInvoices(tb testing.TB, n int) []app.Invoice {
	tb.Helper()
	benchOnce.Do(func() { benchCache, benchErr = generateInvoices(benchInvoiceCount) })
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchCache[:n]
}

const benchInvoiceCount = 10_000

var (
	benchOnce  sync.Once
	benchCache []app.Invoice
	benchErr   error
)

func generateInvoices(n int) ([]app.Invoice, error) {
	rng := rand.New(rand.NewPCG(2025, 88))
	start := time.Date(2025, 1, 2, 9, 0, 0, 0, app.ChinaTime)
	out := make([]app.Invoice, 0, n)
	for i := range n {
		inv, err := app.Prepare(benchDraft(rng, i), testSeller)
		if err != nil {
			return nil, fmt.Errorf("invoice %d: %w", i, err)
		}
		at := start.Add(time.Duration(i) * 37 * time.Minute / 10)
		inv.RequestSerial = fmt.Sprintf("%s_%s%06d", testSeller.TaxID, at.Format("060102"), i)
		inv.Number = fmt.Sprintf("25%s3%015d", []string{"11", "31", "44", "51"}[i%4], i+1)
		inv.Status, inv.Provider, inv.CreatedAt, inv.IssuedAt = app.StatusIssued, "沙箱", at, at.Add(2*time.Second)
		out = append(out, inv)
	}
	return out, nil
}

func benchDraft(rng *rand.Rand, i int) app.Draft {
	d := app.Draft{Type: "82", Buyer: benchBuyer(rng, i), Drawer: "李会计"}
	if i%5 == 0 {
		d.Remark = fmt.Sprintf("合同编号 HT-2025-%05d", i)
	}
	for range 3 {
		it := benchItems[rng.IntN(len(benchItems))]
		qty := rng.IntN(20) + 1
		price := dec(it.price)
		amount := price.Mul(dec(fmt.Sprint(qty))).Round(2)
		d.Lines = append(d.Lines, app.DraftLine{
			Name: it.name, TaxCode: it.code, Spec: it.spec, Unit: it.unit,
			Quantity: app.NumText(fmt.Sprint(qty)), Price: app.NumText(it.price),
			Amount: app.NumText(app.FormatMoney(amount)), TaxRate: app.NumText(it.rate), TaxIncluded: rng.IntN(2) == 0,
		})
	}
	return d
}

// benchBuyer is a company with a valid credit code, or now and then a
// natural person without a tax ID.
func benchBuyer(rng *rand.Rand, i int) app.Party {
	if i%10 == 9 {
		return app.Party{Name: benchSurnames[rng.IntN(len(benchSurnames))] + benchGiven[rng.IntN(len(benchGiven))], NaturalPerson: true}
	}
	city := benchCities[rng.IntN(len(benchCities))]
	name := city + benchWords[rng.IntN(len(benchWords))] + benchIndustries[rng.IntN(len(benchIndustries))] + "有限公司"
	first17 := fmt.Sprintf("91%06dMA%07d", 110000+rng.IntN(400000), rng.IntN(10_000_000))
	check, _ := app.CreditCodeCheckChar(first17)
	return app.Party{Name: name, TaxID: first17 + string(check), Address: city + "市人民路" + fmt.Sprint(rng.IntN(900)+1) + "号",
		Phone: fmt.Sprintf("0%d-%08d", 10+rng.IntN(80), rng.IntN(100_000_000))}
}
