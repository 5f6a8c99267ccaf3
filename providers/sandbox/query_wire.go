package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"fapiao/app"
)

// The keys of the seed's invoiceQueryMx example that the sandbox has no
// value for. They are sent anyway, as "" or null like the real gateway does,
// so clients are tested against the full, noisy shape.
var (
	queryMxEmptyKeys = []string{
		"gmfjbr", "skm", "yfpdm", "dfgtgmbq", "GFKHDH", "zfrdm", "bbh", "spbmjc", "bmbbbh",
		"jbrzrrnsrsbh", "qmbz", "spsm", "slsm", "tdyslxDm", "yqbz", "hssign", "kpjh", "zfrq",
		"ssyf", "scbsbz", "jbrsfzjlx", "kpddm", "zkbz", "zfyy", "ceburl", "tqm",
		"zzfphm", "scbz", "qdbz", "qmcs", "DZDH", "tzdh", "GFKHYX", "zffs", "zfr", "sccgsj",
		"qmz", "jbrsfzjhm", "fpdm", "jbrgjlx", "hsslbs", "jqbh", "tspz", "jym",
	}
	queryMxNullKeys = []string{
		"kdsbz", "zlqqz", "swjgmc", "fpcbh", "swjgdm", "fwfsd", "mxzb", "ip", "zfdqsj",
		"dphgzbh", "fullAddress", "zhsl", "jzxmmc", "tdzzsxmbh", "hdjsjg",
		"sfyytljdj", "ncpsgzjlx", "wqhtbabh", "bchcbz", "hjzkje", "rzzt", "fdjhm", "hjzkse",
		"fjys", "sjcjhsje", "hcFphm",
	}
)

// Date formats of the gateway.
const (
	compactDateTime = "20060102150405"
)

// queryMxData builds the detail object of invoiceQueryMx. Money totals are
// strings; per-line quantity, unit prices and the tax-inclusive amount are
// JSON numbers, as in the seed's example (decoders must take both).
func queryMxData(inv issuedInvoice) map[string]any {
	d := make(map[string]any, 120)
	for _, k := range queryMxEmptyKeys {
		d[k] = ""
	}
	for _, k := range queryMxNullKeys {
		d[k] = nil
	}
	d["tdys"] = []any{}
	issued := inv.IssuedAt.In(app.ChinaTime)
	for k, v := range map[string]any{
		"id": recordID(inv.Number), "fphm": inv.Number, "fpqqlsh": inv.RequestSerial,
		"kprq": issued.Format(compactDateTime), "dqsj": issued.Format(time.DateTime),
		"fplxdm": string(inv.Type), "fpzt": "00", "zsfs": inv.LevyMethod, "kce": "0",
		"xhdwdm": inv.Seller.TaxID, "kpdwdm": inv.Seller.TaxID, "xhdwmc": inv.Seller.Name,
		"xhdwdzdh": inv.Seller.AddressPhone(), "xhdwyhzh": inv.Seller.BankAccount(),
		"ghdwdm": inv.Buyer.TaxID, "ghdwmc": inv.Buyer.Name,
		"ghdwdzdh": inv.Buyer.AddressPhone(), "ghdwyhzh": inv.Buyer.BankAccount(),
		"GFKHDH": inv.BuyerPhone, "GFKHYX": inv.Buyer.Email,
		"hjje": app.FormatMoney(inv.TotalAmount), "se": app.FormatMoney(inv.TotalTax),
		"jshj": app.FormatMoney(inv.Total), "bz": inv.Remark, "kpr": inv.Drawer,
		"skr": inv.Payee, "fhr": inv.Reviewer, "czydm": inv.Username,
		"zyspmc": firstLineName(inv.Lines), "sfsdts": "0", "tscbz": "0", "sfwzzfp": "0", "dxtsbz": "0",
		"zbmx": queryMxLines(inv),
		"kplx": kindOf(inv), "hczt": redStatusWire(inv), "yfphm": inv.BlueNumber, "tzdbh": inv.RedForm,
	} {
		d[k] = v
	}
	return d
}

// kindOf is kplx: 0 blue, 1 red.
func kindOf(inv issuedInvoice) string {
	if inv.Red {
		return kindRed
	}
	return kindBlue
}

// redStatusWire is hczt: "" while nothing of a blue invoice was reversed
// (and on red invoices), "7" partly and "8" fully reversed, the codes
// fpztdm uses. fpzt stays "00": a reversed invoice is still a valid one.
func redStatusWire(inv issuedInvoice) string {
	if inv.Red || inv.RedStatus == redStatusNone {
		return ""
	}
	return inv.RedStatus
}

func firstLineName(lines []app.Line) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0].Name
}

// queryMxLines reports lines as the bureau stores them: amounts excluding
// tax (hsbz "0"), with the tax-inclusive amount and unit price beside them.
func queryMxLines(inv issuedInvoice) []map[string]any {
	out := make([]map[string]any, len(inv.Lines))
	kprq := inv.IssuedAt.In(app.ChinaTime).Format(compactDateTime)
	for i, l := range inv.Lines {
		seq := strconv.Itoa(i + 1)
		m := map[string]any{
			"id": recordID(inv.Number + "/" + seq), "mxid": recordID(inv.Number),
			"fpdm": "", "fphm": inv.Number, "fpmxxh": seq, "xsdjbh": "",
			"fphxz": strconv.Itoa(int(l.Nature)), "spmc": l.Name, "spsm": "", "ggxh": l.Spec, "dw": l.Unit,
			"je": app.FormatMoney(l.AmountExcl), "sl": app.FormatRate(l.TaxRate), "se": app.FormatMoney(l.Tax),
			"hsbz": "0", "hsje": jsonNumber(l.Total()), "spbm": l.TaxCode,
			"djmxxh": nil, "bb": "", "zxbm": "", "yhzcbs": "0", "lslbs": "", "zzstsgl": "",
			"kprq": kprq, "jqbh": "", "xhdwdm": inv.Seller.TaxID, "kpdwdm": inv.Seller.TaxID,
			"cepzmx": nil, "cqzsh": nil, "spsl": nil, "spdj": nil, "hsdj": nil,
		}
		if l.Quantity.Valid && l.Price.Valid {
			excl, incl := unitPrices(l)
			m["spsl"], m["spdj"], m["hsdj"] = jsonNumber(l.Quantity.Decimal), jsonNumber(excl), jsonNumber(incl)
		}
		out[i] = m
	}
	return out
}

// unitPrices gives a line's unit price excluding and including tax. The
// bureau derives the one not entered with 12 decimals (seed: 1 at 1% →
// 0.990099009901).
func unitPrices(l app.Line) (excl, incl decimal.Decimal) {
	onePlusRate := decimal.NewFromInt(1).Add(l.TaxRate)
	if l.TaxIncluded {
		return l.Price.Decimal.DivRound(onePlusRate, 12), l.Price.Decimal
	}
	return l.Price.Decimal, l.Price.Decimal.Mul(onePlusRate).Round(12)
}

// jsonNumber writes a decimal as a JSON number without going through float64.
func jsonNumber(d decimal.Decimal) json.Number { return json.Number(d.String()) }

// recordID makes a stable record id shaped like the gateway's UUIDs.
func recordID(key string) string {
	sum := sha256.Sum256([]byte("sandbox-record:" + key))
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
