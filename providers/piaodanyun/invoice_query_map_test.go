package piaodanyun

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

func decodeSeedQuery(t *testing.T) queryData {
	t.Helper()
	env, err := decodeEnvelope([]byte(seedQueryReply(t)))
	if err != nil {
		t.Fatal(err)
	}
	q, found, err := decodeQueryData(env.Data)
	if err != nil || !found {
		t.Fatalf("decodeQueryData: found %v, %v", found, err)
	}
	return q
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestSeedQueryMapsToInvoice(t *testing.T) {
	inv, err := decodeSeedQuery(t).toInvoice()
	if err != nil {
		t.Fatalf("toInvoice: %v", err)
	}
	if inv.Number != "24112000000064654320" || inv.RequestSerial != "9111011457319202X9_01" ||
		inv.Type != app.TypeOrdinary || inv.Status != app.StatusIssued {
		t.Errorf("header %+v", inv)
	}
	if want := time.Date(2024, 6, 19, 19, 34, 7, 0, app.ChinaTime); !inv.IssuedAt.Equal(want) {
		t.Errorf("issued at %v, want %v", inv.IssuedAt, want)
	}
	wantSeller := app.Party{
		Name: "北京民诺科技有限公司", TaxID: "9111011457319202X9",
		Address: "北京市昌平区东小口镇天通中苑二区21号楼2层1428 135819133199",
		Bank:    "中国工商银行股份有限公司北京西三旗支行 0200240109200016984",
	}
	if inv.Seller != wantSeller {
		t.Errorf("seller %+v\nwant %+v", inv.Seller, wantSeller)
	}
	if wantBuyer := (app.Party{Name: "个人", NaturalPerson: true}); inv.Buyer != wantBuyer {
		t.Errorf("buyer %+v, want %+v (blank address and bank trimmed)", inv.Buyer, wantBuyer)
	}
	if !inv.TotalAmount.Equal(dec("0.99")) || !inv.TotalTax.Equal(dec("0.01")) || !inv.Total.Equal(dec("1")) {
		t.Errorf("totals %s %s %s", inv.TotalAmount, inv.TotalTax, inv.Total)
	}
	if len(inv.Lines) != 1 {
		t.Fatalf("%d lines, want 1", len(inv.Lines))
	}
	l := inv.Lines[0]
	if l.Nature != app.NatureNormal || l.Name != "*软件*票单云财税管理系统" || l.TaxCode != "1060301020100000000" ||
		l.Spec != "V1" || l.Unit != "年" || l.TaxIncluded {
		t.Errorf("line %+v", l)
	}
	// The bureau stores the line exclusive of tax: je 0.99 and spdj as given.
	checks := map[string][2]decimal.Decimal{
		"amount": {l.Amount, dec("0.99")}, "amount_excl": {l.AmountExcl, dec("0.99")},
		"tax": {l.Tax, dec("0.01")}, "rate": {l.TaxRate, dec("0.01")},
		"quantity": {l.Quantity.Decimal, dec("1")}, "price": {l.Price.Decimal, dec("0.990099009901")},
	}
	for name, c := range checks {
		if !c[0].Equal(c[1]) {
			t.Errorf("%s = %s, want %s", name, c[0], c[1])
		}
	}
	if !l.Quantity.Valid || !l.Price.Valid {
		t.Error("quantity and price should be set")
	}
}

func TestQueryLineTaxInclusiveAndDiscount(t *testing.T) {
	data := `{"fphm":"24112000000064654320","kprq":"20240619193407","ghdwsbh":"91510113MA6739XPX2","ghdwmc":"某公司",
	  "zbmx":[
	    {"fphxz":"2","spmc":"*软件*A","je":88.5,"se":"11.50","sl":"13%","hsbz":"1","hsje":"100","spsl":"2","hsdj":50,"spdj":44.25},
	    {"fphxz":1,"spmc":"*软件*A","je":"-8.85","se":-1.15,"sl":0.13,"hsbz":"1","spsl":null,"spdj":""}
	  ]}`
	q, found, err := decodeQueryData(json.RawMessage(data))
	if err != nil || !found {
		t.Fatalf("decode: %v %v", found, err)
	}
	inv, err := q.toInvoice()
	if err != nil {
		t.Fatal(err)
	}
	if inv.Buyer.NaturalPerson || inv.Buyer.TaxID != "91510113MA6739XPX2" {
		t.Errorf("buyer %+v", inv.Buyer)
	}
	first, second := inv.Lines[0], inv.Lines[1]
	if first.Nature != app.NatureDiscounted || !first.TaxIncluded || !first.Amount.Equal(dec("100")) ||
		!first.Price.Decimal.Equal(dec("50")) || !first.TaxRate.Equal(dec("0.13")) {
		t.Errorf("discounted line %+v", first)
	}
	if second.Nature != app.NatureDiscount || !second.Amount.Equal(dec("-10")) || second.Quantity.Valid || second.Price.Valid {
		t.Errorf("discount line %+v (amount = je + se when hsje is absent)", second)
	}
	// Without hjje/hjse/jshj the totals come from the lines.
	if !inv.TotalAmount.Equal(dec("79.65")) || !inv.TotalTax.Equal(dec("10.35")) || !inv.Total.Equal(dec("90")) {
		t.Errorf("totals %s %s %s", inv.TotalAmount, inv.TotalTax, inv.Total)
	}
}

func TestQueryMappingNamesTheBadField(t *testing.T) {
	for field, line := range map[string]string{
		"zbmx[0].je":    `{"je":"abc","se":"0.01","sl":"0.01"}`,
		"zbmx[0].se":    `{"je":"1","sl":"0.01"}`,
		"zbmx[0].sl":    `{"je":"1","se":"0.01","sl":"免税"}`,
		"zbmx[0].fphxz": `{"fphxz":7,"je":"1","se":"0.01","sl":"0.01"}`,
	} {
		data := `{"fphm":"24112000000064654320","kprq":"20240619193407","zbmx":[` + line + `]}`
		q, _, err := decodeQueryData(json.RawMessage(data))
		if err != nil {
			t.Fatal(err)
		}
		_, err = q.toInvoice()
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("%s: got %v, want an error naming it", field, err)
		}
	}
}
