package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fapiao/app"
)

// Paging limits of a query.
const (
	defaultInboundPageSize = 100
	maxInboundPageSize     = 1000
)

// inboundQuery is a decoded, checked content: which list, which page, how
// narrowed, how answered.
type inboundQuery struct {
	status   app.InboundStatus
	page     int
	pageSize int
	filter   inboundFilter
	zip      bool // iszip=1
	adapter  bool // adapter=1, rzzt 40 only
}

// unsupportedInboundParams are seed 002's filters of the unchecked and
// checked lists the sandbox does not implement: asked for, they are
// refused rather than silently ignored.
var unsupportedInboundParams = []struct{ name, label string }{
	{"fpdm", "税控发票代码"}, {"fphm", "税控发票号码"}, {"qdfphm", "数电发票号码"},
	{"fpztdm", "发票状态代码"}, {"fxdjdm", "风险等级代码"}, {"fplxdm", "发票类型代码"},
}

// decodeInboundQuery decodes content (Base64 of a JSON object) and checks
// every parameter, naming it when it is wrong.
func decodeInboundQuery(content string) (inboundQuery, error) {
	raw, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		return inboundQuery{}, &inboundFailure{inboundBadFormat, "请求参数content不是有效的Base64"}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return inboundQuery{}, &inboundFailure{inboundBadFormat, "请求参数content解码后应为JSON对象"}
	}
	q, err := parseInboundQuery(inboundParams(fields))
	if err != nil {
		return q, &inboundFailure{inboundBadParam, err.Error()}
	}
	return q, nil
}

// inboundParams reads a query's fields. Numbers and strings are accepted
// alike, as the bureau's own gateway does; anything else is refused.
type inboundParams map[string]json.RawMessage

// text is the parameter as a string, "" when absent or null.
func (p inboundParams) text(name string) (string, error) {
	raw, ok := p[name]
	if !ok || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("参数 %s 应为字符串或数字", name)
}

// integer is the parameter as an integer, def when absent or empty.
func (p inboundParams) integer(name, label string, def int) (int, error) {
	s, err := p.text(name)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%s(%s) %q 应为整数", label, name, s)
	}
	return n, nil
}

// parseInboundQuery checks the parameters in the order seed 002 lists them.
func parseInboundQuery(p inboundParams) (inboundQuery, error) {
	q := inboundQuery{filter: inboundFilter{dates: anyDay, checks: anyDay}}
	var err error
	if q.status, err = parseInboundStatus(p); err != nil {
		return q, err
	}
	if q.page, q.pageSize, err = parseInboundPaging(p); err != nil {
		return q, err
	}
	if err = parseInboundPeriod(p, &q.filter); err != nil {
		return q, err
	}
	if q.filter.dates, err = parseDayRange(p, "rq_q", "rq_z", "日期"); err != nil {
		return q, err
	}
	if err = parseInboundFlags(p, &q); err != nil {
		return q, err
	}
	return q, parseInboundCheckDates(p, &q)
}

func parseInboundStatus(p inboundParams) (app.InboundStatus, error) {
	s, err := p.text("rzzt")
	switch {
	case err != nil:
		return "", err
	case s == "":
		return "", fmt.Errorf("发票认证状态(rzzt)不能为空")
	case !slices.Contains(app.InboundStatuses, app.InboundStatus(s)):
		return "", fmt.Errorf("发票认证状态(rzzt) %q 无效:应为10、11、12、15、16、17、40之一", s)
	}
	return app.InboundStatus(s), nil
}

func parseInboundPaging(p inboundParams) (page, size int, err error) {
	if page, err = p.integer("page", "页码", 1); err != nil {
		return 0, 0, err
	}
	if page < 1 {
		return 0, 0, fmt.Errorf("页码(page) %d 无效:应不小于1", page)
	}
	if size, err = p.integer("pageSize", "每页数量", defaultInboundPageSize); err != nil {
		return 0, 0, err
	}
	if size < 1 || size > maxInboundPageSize {
		return 0, 0, fmt.Errorf("每页数量(pageSize) %d 无效:应在1到%d之间", size, maxInboundPageSize)
	}
	return page, size, nil
}

func parseInboundPeriod(p inboundParams, f *inboundFilter) error {
	s, err := p.text("skssq")
	if err != nil || s == "" {
		return err
	}
	f.first, f.last, err = parsePeriod("税款所属期(skssq)", s)
	f.period = s
	return err
}

// parseDayRange reads a pair of yyyy-MM-dd bounds, either optional.
func parseDayRange(p inboundParams, fromName, toName, label string) (dayRange, error) {
	rng := anyDay
	for _, b := range []struct {
		name, label string
		day         *civilDay
	}{{fromName, label + "起", &rng.from}, {toName, label + "止", &rng.to}} {
		s, err := p.text(b.name)
		if err != nil {
			return rng, err
		}
		if s == "" {
			continue
		}
		if *b.day, err = parseDay(b.label+"("+b.name+")", s); err != nil {
			return rng, err
		}
	}
	if rng.from > rng.to {
		return rng, fmt.Errorf("%s起(%s)不能晚于%s止(%s)", label, fromName, label, toName)
	}
	return rng, nil
}

// parseInboundFlags reads iszip, adapter and znxpz, and refuses the
// filters the sandbox does not implement.
func parseInboundFlags(p inboundParams, q *inboundQuery) error {
	zip, err := flag(p, "iszip", "是否压缩", "0", "1")
	if err != nil {
		return err
	}
	adapter, err := flag(p, "adapter", "是否适配", "0", "1")
	if err != nil {
		return err
	}
	q.zip, q.adapter = zip == "1", adapter == "1"
	if q.adapter && q.status != app.InboundPastPeriods {
		return fmt.Errorf("是否适配(adapter)=1 仅适用于rzzt=40,当前rzzt=%s", q.status)
	}
	znxpz, err := flag(p, "znxpz", "是否转内销发票", "N", "Y")
	if err != nil {
		return err
	}
	if znxpz == "Y" && q.status != app.InboundExportDomestic {
		return fmt.Errorf("是否转内销发票(znxpz)=Y 仅支持rzzt=12,当前rzzt=%s", q.status)
	}
	for _, u := range unsupportedInboundParams {
		if s, err := p.text(u.name); err != nil || s != "" {
			return fmt.Errorf("沙箱不支持按%s(%s)查询:请去掉该参数", u.label, u.name)
		}
	}
	return nil
}

// flag reads a parameter that is off or on; "" (absent) is off.
func flag(p inboundParams, name, label, off, on string) (string, error) {
	s, err := p.text(name)
	if err != nil || s == "" || s == off || s == on {
		return s, err
	}
	return "", fmt.Errorf("%s(%s) %q 无效:应为%s或%s", label, name, s, off, on)
}

// parseInboundCheckDates reads gxrq_q/gxrq_z, which only rzzt 11 takes.
func parseInboundCheckDates(p inboundParams, q *inboundQuery) error {
	rng, err := parseDayRange(p, "gxrq_q", "gxrq_z", "勾选日期")
	if err != nil {
		return err
	}
	if !rng.isAny() && q.status != app.InboundChecked {
		return fmt.Errorf("勾选日期(gxrq_q/gxrq_z)仅在rzzt=11时可用,当前rzzt=%s", q.status)
	}
	q.filter.checks = rng
	return nil
}
