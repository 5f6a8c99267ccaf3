package layout

// provinces names the provincial administrations by the first two digits of
// the administrative-division code, which are digits 3–4 of an invoice number.
var provinces = map[string]string{
	"11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
	"21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
	"31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
	"41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
	"50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
	"61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
}

// taxBureau is the provincial tax bureau that issued numbers of a province:
// its 11-digit organ code (1, the province, eight zeros, as in 15100000000
// for Sichuan) and its name. An unknown province still gets a well-formed
// code, named after the State Taxation Administration itself.
func taxBureau(province string) (code, name string) {
	code = "1" + province + "00000000"
	if p, ok := provinces[province]; ok {
		return code, "国家税务总局" + p + "税务局"
	}
	return code, "国家税务总局"
}
