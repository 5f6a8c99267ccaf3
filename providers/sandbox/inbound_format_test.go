package sandbox

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// documentedFields are seed 002's InvoiceList fields (the field table and
// the plain example). totalAmount is left out: vouchers have none.
var documentedFields = []string{"billingDate", "deductible", "deductibleDate", "deductiblePeriod",
	"deductibleType", "deductibleMode", "invoiceCode", "invoiceNumber", "invoiceType", "purchaserName",
	"purchaserTaxNo", "salesTaxName", "salesTaxNo", "state", "totalTax", "validTax", "checkStatus",
	"checkDate", "managementStatus", "abnormalType", "checkCode", "ylzd2", "ylzd3", "ylzd4", "ylzd5",
	"tdyslxDm"}

// adapterFields are the adapter format's own fields (seed 002 §5), and
// those of its customs vouchers.
var (
	adapterFields = []string{"id", "source", "checkTime"}
	customsFields = []string{"tq_bj", "xg_sj"}
)

var (
	moneyShape  = regexp.MustCompile(`^-?\d+(\.\d{1,2})?$`)
	periodShape = regexp.MustCompile(`^20\d\d(0[1-9]|1[0-2])$`)
)

// testAdapterPage is an adapter-format page: figures as strings, invoices
// by period, then by kind; no count.
type testAdapterPage struct {
	PageSize    string                              `json:"pageSize"`
	CurrentPage string                              `json:"currentPage"`
	InvoiceList map[string]map[string][]testInbound `json:"InvoiceList"`
	Count       *json.RawMessage                    `json:"count"`
}

// adapter fetches one adapter-format page of rzzt 40.
func (e *env) adapter(query map[string]any) testAdapterPage {
	e.t.Helper()
	var p testAdapterPage
	data := e.inboundFetch(withParams(query, map[string]any{"rzzt": "40", "adapter": "1"}))
	if err := json.Unmarshal(data, &p); err != nil {
		e.t.Fatalf("adapter page %s: %v", data, err)
	}
	if p.Count != nil {
		e.t.Fatalf("the adapter format has a count: %s", data)
	}
	return p
}

// money reads an amount field, which must be a JSON number with at most
// two decimals.
func (inv testInbound) money(t *testing.T, name string) decimal.Decimal {
	t.Helper()
	raw := strings.TrimSpace(string(inv[name]))
	if !moneyShape.MatchString(raw) {
		t.Fatalf("%s = %s is not a JSON number with two decimals", name, raw)
	}
	return decimal.RequireFromString(raw)
}

func TestInboundAdapterFormat(t *testing.T) {
	t.Parallel()
	e := start(t)
	share := testShare(DefaultInboundCount, "40")
	ids, keys := map[string]bool{}, map[string]bool{}
	kinds := map[string]int{}
	for page := 1; ; page++ {
		p := e.adapter(map[string]any{"page": page, "pageSize": 200, "iszip": "1"})
		if p.PageSize != "200" || p.CurrentPage != strconv.Itoa(page) {
			t.Fatalf("page %d answered pageSize %q currentPage %q", page, p.PageSize, p.CurrentPage)
		}
		n := 0
		for period, group := range p.InvoiceList {
			if !periodShape.MatchString(period) || period >= "202603" {
				t.Errorf("group %q is not a past period", period)
			}
			for kind, list := range group {
				kinds[kind] += len(list)
				for _, inv := range list {
					checkAdapterEntry(t, inv, period, kind)
					id := string(inv["id"])
					if ids[id] || keys[inv.key(t)] {
						t.Fatalf("id %s or key %s listed twice", id, inv.key(t))
					}
					ids[id], keys[inv.key(t)] = true, true
				}
				n += len(list)
			}
		}
		if n < 200 {
			break
		}
	}
	if len(keys) != share {
		t.Errorf("the adapter pages hold %d invoices, want %d", len(keys), share)
	}
	if kinds["FP"] == 0 || kinds["HGJKS"] == 0 || len(kinds) != 2 {
		t.Errorf("kinds %v, want FP and HGJKS", kinds)
	}
}

// checkAdapterEntry checks one entry of the adapter format against seed
// 002's example.
func checkAdapterEntry(t *testing.T, inv testInbound, period, kind string) {
	t.Helper()
	for _, f := range append(append([]string{}, documentedFields...), adapterFields...) {
		if _, ok := inv[f]; !ok {
			t.Fatalf("adapter entry lacks %s: %v", f, inv)
		}
	}
	customs := inv.str(t, "invoiceType") == "17"
	if customs != (kind == "HGJKS") || kind != "HGJKS" && kind != "FP" {
		t.Errorf("type %s listed under %s", inv.str(t, "invoiceType"), kind)
	}
	for _, f := range customsFields {
		if _, ok := inv[f]; ok != customs {
			t.Errorf("%s present %v on a %s entry", f, ok, kind)
		}
	}
	if inv.str(t, "deductiblePeriod") != period || inv.str(t, "deductible") != "1" || inv.str(t, "checkStatus") != "1" {
		t.Errorf("entry of period %s: deductiblePeriod %s deductible %s", period, inv.str(t, "deductiblePeriod"),
			inv.str(t, "deductible"))
	}
	var id int64
	if err := json.Unmarshal(inv["id"], &id); err != nil {
		t.Errorf("id %s is not a number", inv["id"])
	}
	for _, f := range []string{"billingDate", "checkDate", "checkTime", "deductibleDate"} {
		if _, err := time.Parse(time.DateTime, inv.str(t, f)); err != nil {
			t.Errorf("%s %q is not yyyy-MM-dd HH:mm:ss", f, inv.str(t, f))
		}
	}
	if inv.str(t, "checkTime") != inv.str(t, "checkDate") || inv.str(t, "checkDate")[:7] != period[:4]+"-"+period[4:] {
		t.Errorf("checked %s (checkTime %s) in period %s", inv.str(t, "checkDate"), inv.str(t, "checkTime"), period)
	}
	if customs && inv.str(t, "xg_sj") < inv.str(t, "checkTime") {
		t.Errorf("xg_sj %s before checkTime %s", inv.str(t, "xg_sj"), inv.str(t, "checkTime"))
	}
}

func TestInboundAdapterPeriodAndEmptyGroup(t *testing.T) {
	t.Parallel()
	e := start(t)
	p := e.adapter(map[string]any{"skssq": "202601", "pageSize": 1000})
	if len(p.InvoiceList) != 1 || len(p.InvoiceList["202601"]) == 0 {
		t.Fatalf("skssq 202601 answered periods %v", keysOf(p.InvoiceList))
	}
	n := len(p.InvoiceList["202601"]["FP"]) + len(p.InvoiceList["202601"]["HGJKS"])
	past := e.adapter(map[string]any{"skssq": "202601", "pageSize": 1000, "page": 2})
	// Past the end the period asked for is there, empty, as seed 002 shows
	// "202306": {}.
	if g, ok := past.InvoiceList["202601"]; !ok || len(g) != 0 || len(past.InvoiceList) != 1 {
		t.Errorf("the page after the last of 202601 (%d) answered %v", n, past.InvoiceList)
	}
	raw := e.inboundFetch(map[string]any{"rzzt": "40", "adapter": "1", "skssq": "202601", "page": 2, "pageSize": 1000})
	if !strings.Contains(string(raw), `"202601":{}`) {
		t.Errorf("the empty period is not an empty object: %s", raw)
	}
	// Without adapter, 40 answers the plain format with a count.
	plain := e.plain(map[string]any{"rzzt": "40", "skssq": "202601", "pageSize": 1000})
	if *plain.Count != n || plain.Skssq != "202601" {
		t.Errorf("plain 40 of 202601: count %d skssq %q, the adapter format held %d", *plain.Count, plain.Skssq, n)
	}
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Every documented field is in every entry of every list, with the type and
// shape seed 002 gives it.
func TestInboundEveryDocumentedField(t *testing.T) {
	t.Parallel()
	e := start(t)
	for _, sh := range testShares {
		invoices, _ := e.all(map[string]any{"rzzt": sh.status}, 1000)
		for _, inv := range invoices {
			checkPlainEntry(t, inv, sh.status)
		}
	}
}

// checkPlainEntry checks one plain-format entry: every field, strings
// where the seed has char, numbers where it has number(18,2), plausible
// values.
func checkPlainEntry(t *testing.T, inv testInbound, status string) {
	t.Helper()
	for _, f := range documentedFields {
		if _, ok := inv[f]; !ok {
			t.Fatalf("status %s: entry lacks %s: %v", status, f, inv)
		}
		if f != "totalTax" && f != "validTax" {
			inv.str(t, f)
		}
	}
	for _, f := range append(append([]string{}, adapterFields...), customsFields...) {
		if _, ok := inv[f]; ok {
			t.Errorf("the plain format carries the adapter's %s", f)
		}
	}
	typ := inv.str(t, "invoiceType")
	_, hasAmount := inv["totalAmount"]
	if voucher := typ == "17" || typ == "18"; hasAmount == voucher {
		t.Errorf("type %s: totalAmount present %v", typ, hasAmount)
	}
	tax, valid := inv.money(t, "totalTax"), inv.money(t, "validTax")
	if valid.IsNegative() || valid.GreaterThan(tax) {
		t.Errorf("%s: validTax %s, totalTax %s", inv.key(t), valid, tax)
	}
	if hasAmount {
		amount := inv.money(t, "totalAmount")
		rate := tax.Div(amount)
		if !amount.IsPositive() || rate.LessThan(decimal.RequireFromString("0.009")) || rate.GreaterThan(decimal.RequireFromString("0.131")) {
			t.Errorf("%s: tax %s on %s is no plausible rate", inv.key(t), tax, amount)
		}
	}
	if seller := inv.str(t, "salesTaxNo"); seller != "" && app.ValidateTaxID(seller) != nil {
		t.Errorf("%s: seller tax ID %s is not valid", inv.key(t), seller)
	}
	if inv.str(t, "purchaserTaxNo") != inboundCompany {
		t.Errorf("%s: bought by %s", inv.key(t), inv.str(t, "purchaserTaxNo"))
	}
	if _, err := time.Parse(time.DateOnly, inv.str(t, "billingDate")); err != nil {
		t.Errorf("billingDate %q is not yyyy-MM-dd", inv.str(t, "billingDate"))
	}
	if num := inv.str(t, "invoiceNumber"); typ == "17" && !regexp.MustCompile(`^\d{18}-L0\d$`).MatchString(num) {
		t.Errorf("customs voucher number %q is not like 530420191041060018-L02", num)
	}
	if code := inv.str(t, "invoiceCode"); (code == "") != (typ != "01" && typ != "10" && typ != "08" && typ != "85") {
		t.Errorf("type %s with code %q", typ, code)
	}
}
