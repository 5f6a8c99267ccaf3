package app

// Feature is something a provider may or may not be able to do.
type Feature string

// The features the UI and the command line adapt to.
const (
	FeatureFaceAuth   Feature = "face_auth"   // 人脸认证 before issuing
	FeatureLogin      Feature = "login"       // 电子税务局登录 (SMS, QR, certificate)
	FeatureCreditLine Feature = "credit_line" // 授信额度 query
	FeatureRedForms   Feature = "red_forms"   // 红字确认单, then the red invoice
	FeatureRedDirect  Feature = "red_direct"  // a red invoice straight against the blue one
	FeaturePartialRed Feature = "partial_red" // reversing some lines only
	FeatureRedInbox   Feature = "red_inbox"   // forms other sellers raise against us
	FeatureLookup     Feature = "lookup"      // asking what became of a serial
	FeatureDocuments  Feature = "documents"   // PDF/OFD/XML from the provider (else rendered locally)
	FeatureNumberPool Feature = "number_pool" // 预赋码号码池 (乐企)
	FeatureInbound    Feature = "inbound"     // 进项发票 sync (S000621)
)

// Features lists every feature in the order the settings screen shows them.
var Features = []Feature{FeatureFaceAuth, FeatureLogin, FeatureCreditLine, FeatureRedForms, FeatureRedDirect,
	FeaturePartialRed, FeatureRedInbox, FeatureLookup, FeatureDocuments, FeatureNumberPool, FeatureInbound}

// Label is the feature in Chinese.
func (f Feature) Label() string {
	return map[Feature]string{
		FeatureFaceAuth: "人脸认证", FeatureLogin: "电子税务局登录", FeatureCreditLine: "授信额度查询",
		FeatureRedForms: "红字确认单", FeatureRedDirect: "直接开具红字发票", FeaturePartialRed: "部分红冲",
		FeatureRedInbox: "收到的红字确认单", FeatureLookup: "按流水号查询开票结果", FeatureDocuments: "服务端版式文件",
		FeatureNumberPool: "预赋码号码池", FeatureInbound: "进项发票同步",
	}[f]
}

// Capabilities is what the configured providers can do, with the reason
// for each thing they cannot, so that the UI hides or explains it instead
// of offering a button that fails.
type Capabilities struct {
	Provider string // config.toml's provider
	has      map[Feature]bool
	why      map[Feature]string
}

// Has reports whether the feature is available.
func (c Capabilities) Has(f Feature) bool { return c.has[f] }

// Why explains, in Chinese, why a feature is not available ("" when it is).
func (c Capabilities) Why(f Feature) string {
	if c.has[f] {
		return ""
	}
	if why := c.why[f]; why != "" {
		return why
	}
	return ProviderLabel(c.Provider) + "不提供" + f.Label()
}

// Missing lists what is not available, in the order of Features.
func (c Capabilities) Missing() []Feature {
	var out []Feature
	for _, f := range Features {
		if !c.has[f] {
			out = append(out, f)
		}
	}
	return out
}

// ProviderLabel is a provider's name in Chinese.
func ProviderLabel(provider string) string {
	switch provider {
	case ProviderSandbox:
		return "沙箱(模拟税局)"
	case ProviderPiaodanyun:
		return "票单云"
	case ProviderXunlian:
		return "迅联云"
	case ProviderLeqi:
		return "乐企直连"
	}
	return provider
}

// providerLimits are the reasons each issuing provider lacks a feature —
// facts of its interface, not of this machine's configuration.
var providerLimits = map[string]map[Feature]string{
	ProviderXunlian: {
		FeatureFaceAuth:   "迅联云为托管开票,人脸认证由平台方完成,本机无需扫码",
		FeatureLogin:      "迅联云为托管开票,电子税务局登录由平台方维护",
		FeatureCreditLine: "迅联云接口不提供授信额度查询,请在电子税务局查看",
		FeatureRedForms:   "迅联云按蓝票号码直接开具红字发票,不经本机申请确认单",
		FeaturePartialRed: "迅联云接口只支持按整张蓝票红冲",
		FeatureRedInbox:   "迅联云接口不提供收到的红字确认单,请在电子税务局处理",
		FeatureLookup:     "迅联云接口不能按流水号查询;结果未知时以同一申请单号重新提交(平台去重)",
		FeatureDocuments:  "迅联云不返回版式文件,PDF/OFD/XML 由本机按发票数据生成",
	},
	ProviderLeqi: {
		FeatureFaceAuth:  "乐企直连以企业身份接入,不需要人脸认证",
		FeatureLogin:     "乐企直连以企业身份接入,不需要登录电子税务局",
		FeatureRedForms:  "乐企直连的红冲尚未接入,请在电子税务局办理",
		FeatureRedDirect: "乐企直连的红冲尚未接入,请在电子税务局办理",
		FeatureRedInbox:  "乐企直连不提供收到的红字确认单,请在电子税务局处理",
		FeatureDocuments: "乐企直连不返回版式文件,PDF/OFD/XML 由本机按发票数据生成",
	},
	ProviderPiaodanyun: {
		FeatureRedDirect: "票单云先申请红字确认单,再开具红字发票",
		FeatureRedInbox:  "票单云接口不提供收到的红字确认单,请在电子税务局处理",
	},
	ProviderSandbox: {
		FeatureRedDirect: "沙箱模拟票单云:先申请红字确认单,再开具红字发票",
	},
}

// CapabilitiesOf derives what the assembled services can do: a feature is
// available exactly when its service is there. Reasons for what is missing
// come from the provider's interface, or name the config.toml section that
// would enable it.
func CapabilitiesOf(provider string, svc *Services) Capabilities {
	has := map[Feature]bool{
		FeatureFaceAuth:   svc.Face != nil,
		FeatureLogin:      svc.Login != nil,
		FeatureCreditLine: svc.Credit != nil,
		FeatureRedForms:   svc.Red != nil && !svc.Red.Direct(),
		FeatureRedDirect:  svc.Red != nil && svc.Red.Direct(),
		FeaturePartialRed: svc.Red != nil && svc.Red.PartialRed(),
		FeatureRedInbox:   svc.Red != nil && svc.Red.Inbox != nil,
		FeatureLookup:     svc.Issuing != nil && svc.Issuing.CanLookup(),
		FeatureDocuments:  svc.Issuing != nil && svc.Issuing.ProviderDocuments,
		FeatureNumberPool: svc.Pool != nil,
		FeatureInbound:    svc.Inbound != nil,
	}
	return capabilitiesWith(provider, has)
}

// capabilitiesWith pairs what is available with the reasons for what is
// not: the provider's interface first, else the config.toml section that
// would enable it.
func capabilitiesWith(provider string, has map[Feature]bool) Capabilities {
	why := map[Feature]string{
		FeatureNumberPool: "未配置 [leqi] 的 base_url(乐企直连),没有预赋码号码池",
		FeatureInbound:    "未配置 [inbound] 的 base_url(进项同步服务 S000621)",
		FeaturePartialRed: "未开启 partial_red(票单云的部分红冲扩展)",
	}
	for f, reason := range providerLimits[provider] {
		why[f] = reason
	}
	return Capabilities{Provider: provider, has: has, why: why}
}
