package sandbox

import (
	"hash/fnv"

	"fapiao/app"
)

// inboundSeller is who issued an inbound invoice. Every tax ID passes the
// GB 32100-2015 check digit, so the app's validation never stumbles on
// the sandbox's data.
type inboundSeller struct {
	name, taxID string
}

// province is the two digits of the seller's administrative division.
func (s inboundSeller) province() string { return app.ProvinceOfTaxID(s.taxID) }

// inboundCity is where made-up sellers are registered: its name and the
// six-digit division code of one of its districts.
type inboundCity struct{ name, division string }

var inboundCities = [...]inboundCity{
	{"北京", "110105"}, {"上海", "310115"}, {"广州", "440106"}, {"深圳", "440305"},
	{"杭州", "330106"}, {"南京", "320105"}, {"苏州", "320505"}, {"成都", "510107"},
	{"重庆", "500103"}, {"武汉", "420106"}, {"西安", "610113"}, {"天津", "120116"},
	{"青岛", "370212"}, {"厦门", "350206"}, {"宁波", "330212"}, {"长沙", "430104"},
	{"郑州", "410105"}, {"合肥", "340104"}, {"福州", "350102"}, {"昆明", "530102"},
}

var inboundTradeNames = [...]string{
	"华信", "恒通", "博远", "鼎盛", "瑞丰", "金诚", "天成", "宏达",
	"嘉禾", "众联", "新源", "永安", "盛世", "锦程", "汇智", "海纳",
}

var inboundIndustries = [...]string{
	"科技有限公司", "贸易有限公司", "电子有限公司", "物流有限公司", "建材有限公司", "信息技术有限公司",
	"实业有限公司", "商贸有限公司", "机械设备有限公司", "包装材料有限公司", "文化传媒有限公司", "餐饮管理有限公司",
}

// inboundSellers are the 320 companies ordinary invoices come from: every
// city with every trade name, each in one industry.
var inboundSellers = makeInboundSellers()

func makeInboundSellers() []inboundSeller {
	var out []inboundSeller
	for t, trade := range inboundTradeNames {
		for c, city := range inboundCities {
			industry := inboundIndustries[(c*5+t)%len(inboundIndustries)]
			out = append(out, newInboundSeller(city.name+trade+industry, city.division))
		}
	}
	return out
}

// The carriers of 51 (railway) and 61 (air) tickets.
var (
	inboundRailways = []inboundSeller{
		newInboundSeller("中国铁路北京局集团有限公司", "110101"),
		newInboundSeller("中国铁路上海局集团有限公司", "310106"),
		newInboundSeller("中国铁路广州局集团有限公司", "440104"),
		newInboundSeller("中国铁路成都局集团有限公司", "510106"),
	}
	inboundAirlines = []inboundSeller{
		newInboundSeller("中国国际航空股份有限公司", "110113"),
		newInboundSeller("中国东方航空股份有限公司", "310115"),
		newInboundSeller("中国南方航空股份有限公司", "440111"),
		newInboundSeller("海南航空控股股份有限公司", "460106"),
	}
)

// inboundTaxOffice is who issues a 完税凭证 (18): a tax office, with no
// seller tax ID on the voucher.
func inboundTaxOffice(city int) inboundSeller {
	return inboundSeller{name: "国家税务总局" + inboundCities[city%len(inboundCities)].name + "市税务局"}
}

// creditCodeChars is GB 32100-2015's alphabet (app validates with the same).
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// newInboundSeller makes a company registered in division with a credit
// code of its own: 91 (a company), the division, nine characters drawn from
// its name, and the check character.
func newInboundSeller(name, division string) inboundSeller {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	sum := h.Sum64()
	code := []byte("91" + division)
	for range 9 {
		code = append(code, creditCodeChars[sum%uint64(len(creditCodeChars))])
		sum /= uint64(len(creditCodeChars))
	}
	check, _ := app.CreditCodeCheckChar(string(code))
	return inboundSeller{name: name, taxID: string(append(code, check))}
}
