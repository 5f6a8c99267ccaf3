package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

// xlRule is one rule of seed 003 broken on purpose: edit breaks it in the
// valid request; the answer must be ok false with code and a message
// naming the field (its wire name) and the rule.
type xlRule struct {
	name string
	edit func(req map[string]any)
	code string
	want []string
}

// setLine sets fields of the first line.
func setLine(kv ...any) func(map[string]any) {
	return func(req map[string]any) {
		for i := 0; i+1 < len(kv); i += 2 {
			line0(req)[kv[i].(string)] = kv[i+1]
		}
	}
}

// set sets header fields.
func set(kv ...any) func(map[string]any) {
	return func(req map[string]any) {
		for i := 0; i+1 < len(kv); i += 2 {
			req[kv[i].(string)] = kv[i+1]
		}
	}
}

// 47 Chinese characters: 94 GBK bytes but only 47 characters, so a check
// counting characters (or UTF-8 bytes, 141) would get it wrong.
var name94 = strings.Repeat("电", 47)

var xlRules = []xlRule{
	{"unknown data source", set("companyDataResource", "tb"), "401", []string{"数据来源未授权", "companyDataResource", "tb"}},
	{"missing data source", set("companyDataResource", nil), "401", []string{"数据来源未授权"}},
	{"missing terminal", set("terminalCode", ""), "400", []string{"terminalCode", "不能为空"}},
	{"other terminal", set("terminalCode", "921092123"), "401", []string{"终端编号未授权", "terminalCode"}},
	{"missing application number", set("requisitionApplyNo", nil), "400", []string{"requisitionApplyNo", "不能为空"}},
	{"missing otherId", set("otherId", ""), "400", []string{"otherId", "不能为空"}},
	{"invoice type", set("invoiceTypeCode", "02"), "400", []string{"invoiceTypeCode", "01", "04", "10", "08"}},
	{"special invoice mark", set("specialInvoiceMark", "08"), "400", []string{"specialInvoiceMark"}},
	{"computeWithTax", set("computeWithTax", 2), "400", []string{"computeWithTax", "0", "1"}},
	{"buyer tax ID check digit", set("buyerTaxId", "91510113MA6739XPX3"), "400", []string{"buyerTaxId", "校验位"}},
	{"buyer tax ID on a 专票", set("buyerTaxId", nil), "400", []string{"buyerTaxId", "专票"}},
	{"seller tax ID", set("sellerTaxId", "91310000631757739A"), "400", []string{"sellerTaxId", "校验位"}},
	{"missing seller name", set("sellerName", ""), "400", []string{"sellerName", "不能为空"}},
	{"buyer name in GBK bytes", set("buyerName", strings.Repeat("购", 51)), "400", []string{"buyerName", "100字节", "102字节"}},
	{"note in GBK bytes", set("note", strings.Repeat("备", 107)), "400", []string{"note", "212字节"}},
	{"reviewer in GBK bytes", set("reviewer", "张三李四五"), "400", []string{"reviewer", "8字节", "10字节"}},
	{"application number length", set("requisitionApplyNo", strings.Repeat("A", 97)), "400", []string{"requisitionApplyNo", "96字节"}},
	{"item name in GBK bytes", setLine("itemName", name94), "400", []string{"itemName", "lines[0]", "92字节", "94字节"}},
	{"item name GBK cannot encode", setLine("itemName", "笔记本电脑😀"), "400", []string{"itemName", "GBK"}},
	{"missing item name", setLine("itemName", ""), "400", []string{"lines[0].itemName", "不能为空"}},
	{"unit in GBK bytes", setLine("unit", "台台台台台台台台"), "400", []string{"lines[0].unit", "14字节"}},
	{"tax code", setLine("taxClassificationCode", "10905090100"), "400", []string{"taxClassificationCode", "19位"}},
	{"rate with four decimals", setLine("taxRate", "0.1300001"), "400", []string{"lines[0].taxRate", "最多3位小数"}},
	{"rate as a percentage", setLine("taxRate", "13%"), "400", []string{"lines[0].taxRate", "不是有效的数字"}},
	{"rate not in force", setLine("taxRate", "0.12"), "400", []string{"lines[0].taxRate", "不是现行税率"}},
	{"rate as a whole percent", setLine("taxRate", "13"), "400", []string{"lines[0].taxRate", "例1%为0.01"}},
	{"amount with three decimals", setLine("lineAmountIncludeTax", "5165.001"), "400", []string{"lineAmountIncludeTax", "最多2位小数"}},
	{"amount with an exponent", setLine("lineAmountIncludeTax", "5.165E3"), "400", []string{"lineAmountIncludeTax", "不是有效的数字"}},
	{"price with nine decimals", setLine("priceIncludeTax", "5165.000000001"), "400", []string{"priceIncludeTax", "最多8位小数"}},
	{"quantity too long", setLine("quantity", "123456789.5"), "400", []string{"quantity", "16位"}},
	{"total too long", set("totalAmountIncludeTax", "1234567890123.00"), "400", []string{"totalAmountIncludeTax", "14位"}},
	{"price × quantity", setLine("quantity", "2", "priceIncludeTax", "2582.49", "priceExcludeTax", "2285.40"), "400",
		[]string{"lines[0].quantity", "priceIncludeTax", "0.01"}},
	{"price without quantity", setLine("quantity", nil), "400", []string{"lines[0].quantity", "同时为空"}},
	{"quantity without the basis price", setLine("priceIncludeTax", nil), "400", []string{"priceIncludeTax", "不能为空"}},
	{"inclusive amount missing", setLine("lineAmountIncludeTax", nil), "400", []string{"lineAmountIncludeTax", "computeWithTax"}},
	{"inclusive ≠ exclusive + tax", setLine("lineAmountExcludeTax", "4570.70"), "400", []string{"lineAmountIncludeTax", "lineAmountExcludeTax"}},
	{"tax off by more than 0.06", exclusiveLine("13.07"), "400", []string{"lines[0].taxAmount", "13.07", "0.06"}},
	{"line attribute", setLine("lineAttribute", "1"), "400", []string{"lineAttribute", "折扣"}},
	{"line attribute missing", setLine("lineAttribute", ""), "400", []string{"lineAttribute", "0", "2"}},
	{"discount on a normal line", setLine("discount", "10.00"), "400", []string{"lines[0].discount", "正常行"}},
	{"discounted line without discount", setLine("lineAttribute", "2", "taxDiscount", "0.00"), "400", []string{"lines[0].discount", "不能为空"}},
	{"negative discount", setLine("lineAttribute", "2", "discount", "-565.00", "taxDiscount", "65.00"), "400", []string{"lines[0].discount", "正数"}},
	{"discount without its tax", setLine("lineAttribute", "2", "discount", "565.00"), "400", []string{"lines[0].taxDiscount", "不能为空"}},
	{"discount larger than the line", setLine("lineAttribute", "2", "discount", "5200.00", "taxDiscount", "598.23"), "400", []string{"lines[0].discount", "超过本行金额"}},
	{"total excluding tax", set("totalAmountExcludeTax", "4570.82", "totalAmountIncludeTax", "5165.02"), "400", []string{"totalAmountExcludeTax", "4570.80", "0.01"}},
	{"total tax", set("totalTaxAmount", "594.22", "totalAmountIncludeTax", "5165.02"), "400", []string{"totalTaxAmount", "594.20", "0.01"}},
	{"total including tax", set("totalAmountIncludeTax", "5165.02"), "400", []string{"totalAmountIncludeTax", "0.01"}},
	{"zero total", set("totalAmountIncludeTax", "0"), "400", []string{"totalAmountIncludeTax", "不能为0"}},
	{"no lines", set("lines", []any{}), "400", []string{"lines", "至少需要一行"}},
	{"zero-rate flag on a taxed line", setLine("zeroTaxRateFlag", "3"), "400", []string{"zeroTaxRateFlag", "税率为0"}},
	{"policy without its name", setLine("favouredPolicyMark", "1"), "400", []string{"favouredPolicyName", "不能为空"}},
	{"otherId as an object", set("otherId", map[string]any{"a": 1}), "400", []string{"otherId", "类型"}},
}

// exclusiveLine makes the request one tax-exclusive line of 100.00 at 13%
// whose tax is sent as tax (13.00 exactly), with totals to match.
func exclusiveLine(tax string) func(map[string]any) {
	return func(req map[string]any) {
		incl := "1" + tax[:2] + "." + tax[3:] // 100 + tax: "13.06" → "113.06"
		setLine("lineAmountExcludeTax", "100.00", "lineAmountIncludeTax", incl, "taxAmount", tax,
			"priceExcludeTax", "100", "priceIncludeTax", incl, "quantity", "1")(req)
		set("computeWithTax", 0, "totalAmountExcludeTax", "100.00", "totalTaxAmount", tax, "totalAmountIncludeTax", incl)(req)
	}
}

func TestServerIssueRefusesEveryBrokenRule(t *testing.T) {
	e := start(t)
	for _, rule := range xlRules {
		t.Run(rule.name, func(t *testing.T) {
			req := xlRequest("RULE")
			rule.edit(req)
			sub := *e
			sub.t = t
			sub.refusedXL(sub.serverIssue(req), rule.code, rule.want...)
		})
	}
	if n := e.invoiceCount(); n != 0 {
		t.Errorf("%d invoices issued by refused requests", n)
	}
	// The request every case broke is itself accepted.
	e.mustIssueXL(xlRequest("RULE"))
}

// Just inside the limits is accepted: 92 GBK bytes of item name, totals
// off their lines by 0.01, a tax 0.06 from 金额 × 税率, a zero-rate line.
func TestServerIssueAcceptsTheEdges(t *testing.T) {
	e := start(t)
	for name, edit := range map[string]func(map[string]any){
		"92 bytes":                  setLine("itemName", strings.Repeat("电", 46)),
		"total 0.01":                set("totalTaxAmount", "594.21", "totalAmountIncludeTax", "5165.01"),
		"tax 0.06":                  exclusiveLine("13.06"),
		"tax-exclusive":             set("computeWithTax", 0),
		"ordinary without buyer ID": set("invoiceTypeCode", "10", "buyerTaxId", nil),
		"rate written 0.130":        setLine("taxRate", "0.130"),
		"numbers as JSON numbers": func(req map[string]any) {
			setLine("quantity", 1, "taxRate", 0.13)(req)
			set("totalAmountIncludeTax", 5165)(req)
		},
		"Lines capitalized": func(req map[string]any) {
			req["Lines"] = req["lines"]
			delete(req, "lines")
		},
	} {
		t.Run(name, func(t *testing.T) {
			req := xlRequest("EDGE-" + name)
			edit(req)
			sub := *e
			sub.t = t
			sub.mustIssueXL(req)
		})
	}
}

func TestServerIssueRefusesWhatIsNotJSON(t *testing.T) {
	e := start(t)
	e.refusedXL(e.serverIssue(`{"companyDataResource":"sandbox",`), "400", "JSON")
	e.refusedXL(e.serverIssue(`{"companyDataResource":"sandbox"} {}`), "400", "多余")

	req, _ := http.NewRequest(http.MethodPost, e.base+pathServerIssue, strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	e.refusedXL(e.xlDecode(e.mustDo(req)), "415", "Content-Type", "application/json")

	get, _ := http.NewRequest(http.MethodGet, e.base+pathServerIssue, nil)
	if resp, _ := e.mustDo(get); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET answered %d, want 405", resp.StatusCode)
	}
}
